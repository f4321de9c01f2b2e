import Foundation
import RapportMail
import RapportStorage
import ServiceLifecycle

/// E-mails: a batch goes out over several connections at once, each reused for message after message (pipelined
/// when the server offers it), taking the batch's next message whenever it is free. Each message is marked
/// committed just before its final dot, in one transaction with the messages the other connections hold at their
/// dots then (MailCommits); each connection records its sent messages together at its end. A crash between the
/// two is resolved by `DeliveryQueue.recoverAbandoned` (committed means sent).
extension DeliveryWorker {
    func sendMails(_ jobs: [DeliveryQueue.Job], mail: MailSettings?) async {
        guard !jobs.isEmpty else { return }
        guard let mail else {
            for job in jobs {
                try? await queue.markFailed(
                    job.entryNo, reason: "SMTP is not configured in setup.", temporary: true, attempts: job.attempts)
            }
            return
        }
        let work = MailJobs(jobs)
        let commits = MailCommits()
        let queue = self.queue
        let worker = workerID
        await withDiscardingTaskGroup { group in
            group.addTask { await commits.run { entries in try await queue.commitMessages(entries, worker: worker) } }
            await withDiscardingTaskGroup { lanes in
                for _ in 0..<max(1, min(mailConnections, jobs.count)) {
                    lanes.addTask { await sendLane(work, commits: commits, mail: mail) }
                }
            }
            commits.finish()
        }
        let left = work.untaken()
        guard !left.isEmpty else { return }
        if let reason = work.lastFailure, !Task.isShuttingDownGracefully {
            // No connection is left: the rest is tried again later.
            logger.info("e-mail delivery failed", metadata: ["entries": "\(left.count)", "error": "\(reason)"])
            for job in left {
                try? await queue.markFailed(job.entryNo, reason: reason, temporary: true, attempts: job.attempts)
            }
        } else {
            _ = try? await queue.release(left.map(\.entryNo), worker: workerID)
        }
    }

    /// Messages of the batch over one connection until none is left. A refused message fails alone; a lost
    /// connection fails the message under way (to be retried) and ends this connection's part, the other
    /// connections taking the rest.
    func sendLane(_ jobs: MailJobs, commits: MailCommits, mail: MailSettings) async {
        var sent: [(entryNo: Int64, document: [UInt8]?)] = []
        var current: DeliveryQueue.Job?
        do {
            try await SMTPClient.withConnection(Self.settings(mail)) { connection in
                while !Task.isShuttingDownGracefully, let job = jobs.take() {
                    current = job
                    if let document = try await sendOne(job, on: &connection, from: mail.from, commits: commits) {
                        sent.append((job.entryNo, document.bytes))
                    }
                    current = nil
                }
            }
        } catch {
            let reason = (error as? SMTPError)?.description ?? "Sending failed: \(error)"
            jobs.failed(reason)
            if let current {
                logger.info("e-mail delivery failed", metadata: ["entry": "\(current.entryNo)", "error": "\(reason)"])
                try? await queue.markFailed(
                    current.entryNo, reason: reason, temporary: true, attempts: current.attempts)
            }
        }
        do {
            try await queue.markSent(sent)
        } catch {
            // Their messages were committed: recovery marks them sent once this worker is taken for dead.
            logger.error("cannot record sent e-mails", metadata: ["error": "\(error)"])
        }
    }

    /// A sent message's document (wrapped, as it may be nil); nil when the message failed and that was recorded.
    /// A lost connection is thrown, for the lane to handle.
    func sendOne(
        _ job: DeliveryQueue.Job, on connection: inout SMTPConnection, from: String, commits: MailCommits
    ) async throws -> SentDocument? {
        let bytes: [UInt8]
        let document: [UInt8]?
        do {
            document = try job.template.map { try merge($0, job) }
            bytes = try Self.message(job, document: document, from: from)
        } catch let failure as DeliveryFailure {
            try? await queue.markFailed(job.entryNo, reason: failure.reason, temporary: false, attempts: job.attempts)
            return nil
        } catch {
            try? await queue.markFailed(job.entryNo, reason: "\(error)", temporary: false, attempts: job.attempts)
            return nil
        }
        do {
            try await connection.send(bytes, from: from, to: job.recipient) {
                try await commits.commit(job.entryNo)
            }
            return SentDocument(bytes: document)
        } catch let error as SMTPError where error.code != nil {
            logger.info("delivery refused", metadata: ["entry": "\(job.entryNo)", "error": "\(error)"])
            if error.isHardBounce {
                try? await queue.recordBounce(job.entryNo, address: job.recipient, reason: error.description)
            }
            try? await queue.markFailed(
                job.entryNo, reason: error.description, temporary: error.isTemporary, attempts: job.attempts)
            return nil
        }
    }

    struct SentDocument {
        var bytes: [UInt8]?
    }
}

extension SMTPError {
    /// The server refused the address for good (no such mailbox, not local, bad name): later e-mails to it are
    /// skipped rather than refused again.
    var isHardBounce: Bool { [550, 551, 553].contains(code ?? 0) }
}
