import Foundation
import Logging
import RapportCore
import RapportDocuments
import RapportMail
import RapportStorage
import ServiceLifecycle

/// Delivers logged entries in the background after Log commits: hard copies become merged .docx files
/// stored on their entries, e-mails go out over SMTP. Bounded concurrency, retries with backoff.
public struct DeliveryWorker: Service {
    let queue: DeliveryQueue
    let workerID: String
    let concurrency: Int
    let logger: Logger
    let oneByOne = OneByOneClaims()

    public init(store: Store, concurrency: Int = 4, logger: Logger = Logger(label: "rapport.delivery")) {
        self.queue = DeliveryQueue(store: store)
        self.workerID =
            "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        self.concurrency = concurrency
        self.logger = logger
    }

    /// Delivers until the server stops. A graceful shutdown (SIGTERM) lets the deliveries under way finish, hands
    /// back the claimed ones not started, and returns: a clean stop, not a failed service.
    public func run() async throws {
        var lastRecovery = Date.distantPast
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            // Claims older than ten minutes belong to a process that is gone; look once a minute.
            if Date().timeIntervalSince(lastRecovery) > 60 {
                _ = try? await queue.recoverInterrupted(claimedBefore: Date().addingTimeInterval(-600))
                lastRecovery = Date()
            }
            let delivered = await deliverPending()
            // Only the wait is cut short by a graceful shutdown, never a delivery.
            if delivered == 0 { try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(1)) } }
        }
    }

    /// Claims and delivers one batch of hard copies and one of the other entries; returns how many entries it
    /// handled.
    @discardableResult
    public func deliverPending(now: Date = Date()) async -> Int {
        let hardCopies = await deliverHardCopies(now: now)
        guard oneByOne.isDue(hardCopiesWaiting: hardCopies >= Self.hardCopyBatchSize) else { return hardCopies }
        let jobs: [DeliveryQueue.Job]
        do {
            jobs = try await queue.claim(worker: workerID, limit: concurrency * 4, now: now)
        } catch {
            logger.error("cannot claim deliveries", metadata: ["error": "\(error)"])
            return hardCopies
        }
        guard !jobs.isEmpty else { return hardCopies }
        let mail = try? await queue.mailSettings()
        let started = await withTaskGroup(of: Void.self) { group in
            var running = 0
            var started = 0
            for job in jobs {
                if running == concurrency {
                    await group.next()
                    running -= 1
                }
                // Stopping: what has not started goes back to the queue.
                if Task.isShuttingDownGracefully || Task.isCancelled { break }
                group.addTask { await deliver(job, mail: mail ?? nil) }
                running += 1
                started += 1
            }
            return started
        }
        if started < jobs.count {
            let left = jobs.dropFirst(started).map(\.entryNo)
            do {
                let released = try await queue.release(left, worker: workerID)
                logger.info("deliveries handed back at shutdown", metadata: ["count": "\(released)"])
            } catch {
                logger.error("cannot hand back deliveries", metadata: ["error": "\(error)"])
            }
        }
        return hardCopies + jobs.count
    }

    typealias MailSettings = (
        host: String, port: Int, security: String, username: String, password: String, from: String
    )

    func deliver(_ job: DeliveryQueue.Job, mail: MailSettings?) async {
        do {
            let document = try job.template.map { try merge($0, job) }
            switch job.correspondenceType {
            case .hardCopy:
                guard let document else { throw DeliveryFailure.permanent("There is no Word document for this entry.") }
                try await queue.markSent(job.entryNo, document: document)
            case .email:
                try await sendMail(job, document: document, mail: mail)
                try await queue.markSent(job.entryNo, document: document)
            case nil:
                throw DeliveryFailure.permanent("The entry has no correspondence type to deliver.")
            }
        } catch let failure as DeliveryFailure {
            try? await queue.markFailed(
                job.entryNo, reason: failure.reason, temporary: failure.isTemporary, attempts: job.attempts)
        } catch let error as SMTPError {
            logger.info("delivery failed", metadata: ["entry": "\(job.entryNo)", "error": "\(error)"])
            try? await queue.markFailed(
                job.entryNo, reason: error.description, temporary: error.isTemporary, attempts: job.attempts)
        } catch {
            try? await queue.markFailed(job.entryNo, reason: "\(error)", temporary: false, attempts: job.attempts)
        }
    }

    func merge(_ template: [UInt8], _ job: DeliveryQueue.Job) throws -> [UInt8] {
        let compiled = try MergeTemplate(docx: template)
        let english = MergeLocale.english
        let months = MergeFields.monthNames(for: job.fields.contact.languageCode)
        let locale = MergeLocale(
            monthNames: months, abbreviatedMonthNames: months.map { String($0.prefix(3)) },
            dayNames: english.dayNames, abbreviatedDayNames: english.abbreviatedDayNames)
        return try compiled.merge(job.fields.map, locale: locale)
    }

    func sendMail(_ job: DeliveryQueue.Job, document: [UInt8]?, mail: MailSettings?) async throws {
        guard let mail else { throw DeliveryFailure.temporary("SMTP is not configured in setup.") }
        guard !job.recipient.isEmpty else {
            throw DeliveryFailure.permanent("Contact \(job.fields.contact.no) has no e-mail address.")
        }
        let html = job.emailBody.map { EmailBodyTemplate.render($0, values: job.fields.map) }
        let attach = job.sendDocumentAsAttachment || html == nil
        if attach, document == nil, html == nil {
            throw DeliveryFailure.permanent("There is neither an e-mail body nor a Word document to send.")
        }
        let body = html ?? "<p>\(EmailBodyTemplate.escape(job.subject))</p><p>The document is attached.</p>"
        let attachment =
            attach
            ? document.map {
                MailMessage.Attachment(
                    fileName: DocumentNames.single(subject: job.subject),
                    mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", bytes: $0)
            } : nil
        let message = MailMessage(
            from: mail.from, to: job.recipient, subject: job.subject, html: body,
            text: EmailBodyTemplate.plainText(body), attachment: attachment ?? nil)
        let settings = SMTPSettings(
            host: mail.host, port: mail.port, security: SMTPSettings.Security(rawValue: mail.security) ?? .none,
            username: mail.username, password: mail.password)
        let bytes = MIME.render(message, messageID: "entry-\(job.entryNo)-\(UUID().uuidString)@rapport")
        try await SMTPClient.send(bytes, from: mail.from, to: job.recipient, settings: settings)
    }
}

/// A failure decided here rather than by the SMTP server.
struct DeliveryFailure: Error {
    var reason: String
    var isTemporary: Bool

    static func permanent(_ reason: String) -> DeliveryFailure { DeliveryFailure(reason: reason, isTemporary: false) }
    static func temporary(_ reason: String) -> DeliveryFailure { DeliveryFailure(reason: reason, isTemporary: true) }
}
