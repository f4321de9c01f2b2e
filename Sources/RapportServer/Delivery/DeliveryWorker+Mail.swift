import Foundation
import RapportMail
import RapportStorage
import ServiceLifecycle

/// E-mails: a batch is split into lanes, one SMTP connection each, reused for every message of the lane
/// (pipelined when the server offers it). Each message is recorded as committed just before its final dot,
/// and the lane's sent messages are recorded together at its end: a crash between the two is resolved by
/// `DeliveryQueue.recoverAbandoned` (committed means sent).
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
        let laneCount = max(1, min(concurrency, jobs.count))
        let lanes = (0..<laneCount).map { lane in stride(from: lane, to: jobs.count, by: laneCount).map { jobs[$0] } }
        await withDiscardingTaskGroup { group in
            for lane in lanes { group.addTask { await sendLane(lane, mail: mail) } }
        }
    }

    /// The messages of one lane over one connection. A refused message fails alone; a lost connection fails
    /// the message under way (to be retried) and hands the lane's unstarted ones back to the queue.
    func sendLane(_ jobs: [DeliveryQueue.Job], mail: MailSettings) async {
        var sent: [(entryNo: Int64, document: [UInt8]?)] = []
        var next = 0
        do {
            try await SMTPClient.withConnection(Self.settings(mail)) { connection in
                while next < jobs.count, !Task.isShuttingDownGracefully {
                    let job = jobs[next]
                    if let document = try await sendOne(job, on: &connection, from: mail.from) {
                        sent.append((job.entryNo, document.bytes))
                    }
                    next += 1
                }
            }
        } catch {
            // No connection, or a lost one: the message under way and the rest are tried again later.
            let reason = (error as? SMTPError)?.description ?? "Sending failed: \(error)"
            logger.info("e-mail delivery failed", metadata: ["entries": "\(jobs.count - next)", "error": "\(reason)"])
            for job in jobs[next...] {
                try? await queue.markFailed(job.entryNo, reason: reason, temporary: true, attempts: job.attempts)
            }
            next = jobs.count
        }
        do {
            try await queue.markSent(sent)
        } catch {
            // Their messages were committed: recovery marks them sent once this worker is taken for dead.
            logger.error("cannot record sent e-mails", metadata: ["error": "\(error)"])
        }
        if next < jobs.count {
            _ = try? await queue.release(jobs[next...].map(\.entryNo), worker: workerID)
        }
    }

    /// A sent message's document (wrapped, as it may be nil); nil when the message failed and that was recorded.
    /// A lost connection is thrown, for the lane to handle.
    func sendOne(
        _ job: DeliveryQueue.Job, on connection: inout SMTPConnection, from: String
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
            let queue = self.queue
            let worker = workerID
            try await connection.send(bytes, from: from, to: job.recipient) {
                try await queue.commitMessage(job.entryNo, worker: worker)
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
