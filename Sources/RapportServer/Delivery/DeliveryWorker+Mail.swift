import Foundation
import RapportDocuments
import RapportMail
import RapportStorage
import ServiceLifecycle

/// E-mails: a batch goes out over several connections at once, each reused for message after message (pipelined
/// when the server offers it), taking the batch's next message whenever it is free. Each message is marked
/// committed just before its final dot and confirmed (sent) once the server answers it, both in transactions
/// shared with the other connections (MailCommits). A crash between the two leaves the message unconfirmed:
/// `DeliveryQueue.recoverAbandoned` makes it an error saying so, never sends it again on its own.
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
        let compiled = Self.compileDocuments(jobs)
        let commits = MailCommits()
        let queue = self.queue
        let worker = workerID
        await withDiscardingTaskGroup { group in
            group.addTask {
                await commits.run(logger: logger) { entries, accepted in
                    try await queue.commit(entries, confirming: accepted, worker: worker)
                }
            }
            await withDiscardingTaskGroup { lanes in
                for _ in 0..<max(1, min(mailConnections, jobs.count)) {
                    lanes.addTask { await sendLane(work, commits: commits, mail: mail, compiled: compiled) }
                }
            }
            commits.finish()
        }
        do {
            try await queue.refreshProgress(entries: jobs.map(\.entryNo))
        } catch {
            logger.error("cannot refresh the delivery progress", metadata: ["error": "\(error)"])
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

    /// Messages of the batch over one connection until none is left, each message's final dot answered together
    /// with the next one's first commands (`sendPipelined`). A refused message fails alone; a lost connection fails
    /// the message under way (to be retried) and ends this connection's part, the other connections taking the
    /// rest. A message whose whole body and dot went out but whose answer was lost with the connection is an
    /// unconfirmed error, as after a crash: it may have arrived.
    func sendLane(
        _ jobs: MailJobs, commits: MailCommits, mail: MailSettings, compiled: [String: MergeTemplate] = [:]
    ) async {
        var current: DeliveryQueue.Job?
        // Sent up to its final dot, the server's answer to come.
        var unanswered: (job: DeliveryQueue.Job, document: [UInt8]?)?
        let settle: (SMTPError?) async throws -> Void = { refusal in
            guard let (job, document) = unanswered else { return }
            unanswered = nil
            if let refusal { await refused(job, refusal) } else { commits.confirm(job.entryNo, document: document) }
        }
        do {
            try await SMTPClient.withConnection(Self.settings(mail)) { connection in
                while !Task.isShuttingDownGracefully, let job = jobs.take() {
                    current = job
                    guard let (bytes, document) = await prepare(job, from: mail.from, compiled: compiled) else {
                        continue
                    }
                    do {
                        try await connection.sendPipelined(
                            bytes, from: mail.from, to: job.recipient,
                            commit: { writeDot in try await commits.commit(job.entryNo, writeDot: writeDot) },
                            settle: settle)
                        unanswered = (job, document)
                    } catch let error as SMTPError where error.code != nil {
                        await refused(job, error)
                    }
                    current = nil
                }
                try await connection.finish(settle)
            }
        } catch {
            let reason = (error as? SMTPError)?.description ?? "Sending failed: \(error)"
            jobs.failed(reason)
            if let job = unanswered?.job {
                logger.info("e-mail unconfirmed", metadata: ["entry": "\(job.entryNo)", "error": "\(reason)"])
                try? await queue.markFailed(
                    job.entryNo, reason: Self.unansweredReason(reason), temporary: false, attempts: job.attempts)
            }
            if let job = current {
                logger.info("e-mail delivery failed", metadata: ["entry": "\(job.entryNo)", "error": "\(reason)"])
                try? await queue.markFailed(job.entryNo, reason: reason, temporary: true, attempts: job.attempts)
            }
        }
    }

    /// The error of a message the server had whole, its answer lost with the connection.
    static func unansweredReason(_ reason: String) -> String {
        "Unconfirmed: the connection to the mail server ended after it had this whole e-mail and before it "
            + "answered (\(reason)); it may have arrived. Resend only if the contact did not get it."
    }

    /// Each distinct frozen source document of `jobs` compiled once for the batch (a document that does not
    /// compile is left out: each of its jobs fails on its own in `prepare`, as before).
    static func compileDocuments(_ jobs: [DeliveryQueue.Job]) -> [String: MergeTemplate] {
        var compiled: [String: MergeTemplate] = [:]
        for job in jobs {
            guard let key = job.documentKey, compiled[key] == nil, let docx = job.template else { continue }
            compiled[key] = try? MergeTemplate(docx: docx)
        }
        return compiled
    }

    /// The job's message and merged document; nil when it cannot be made (the failure is recorded).
    func prepare(
        _ job: DeliveryQueue.Job, from: String, compiled: [String: MergeTemplate] = [:]
    ) async -> (message: [UInt8], document: [UInt8]?)? {
        do {
            let document = try job.template.map {
                try merge($0, job, compiled: job.documentKey.flatMap { compiled[$0] })
            }
            return (try Self.message(job, document: document, from: from), document)
        } catch let failure as DeliveryFailure {
            try? await queue.markFailed(job.entryNo, reason: failure.reason, temporary: false, attempts: job.attempts)
        } catch {
            try? await queue.markFailed(job.entryNo, reason: "\(error)", temporary: false, attempts: job.attempts)
        }
        return nil
    }

    /// The server refused the message (4xx or 5xx): it fails (temporarily or not), and a hard bounce is recorded
    /// so later e-mails to the address are skipped.
    func refused(_ job: DeliveryQueue.Job, _ error: SMTPError) async {
        logger.info("delivery refused", metadata: ["entry": "\(job.entryNo)", "error": "\(error)"])
        if error.isHardBounce {
            try? await queue.recordBounce(job.entryNo, address: job.recipient, reason: error.description)
        }
        try? await queue.markFailed(
            job.entryNo, reason: error.description, temporary: error.isTemporary, attempts: job.attempts)
    }
}

extension SMTPError {
    /// The server refused the address for good (no such mailbox, not local, bad name): later e-mails to it are
    /// skipped rather than refused again.
    var isHardBounce: Bool { [550, 551, 553].contains(code ?? 0) }
}
