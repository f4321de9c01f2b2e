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
    /// SMTP connections open at once for a batch of e-mails.
    let mailConnections: Int
    let logger: Logger
    let oneByOne = OneByOneClaims()

    public init(
        store: Store, concurrency: Int = 4, mailConnections: Int = 16,
        logger: Logger = Logger(label: "rapport.delivery")
    ) {
        // E-mails go over `mailConnections` connections, hard copies and the rest `concurrency` at a time.
        self.queue = DeliveryQueue(store: store)
        self.workerID =
            "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        self.concurrency = concurrency
        self.mailConnections = mailConnections
        self.logger = logger
    }

    /// Delivers until the server stops. A graceful shutdown (SIGTERM) lets the deliveries under way finish, hands
    /// back the claimed ones not started, and returns: a clean stop, not a failed service.
    public func run() async throws {
        await withDiscardingTaskGroup { group in
            // The heartbeat keeps this worker's claims from being recovered while a long delivery runs.
            group.addTask { await beat() }
            await deliverUntilStopped()
            group.cancelAll()
        }
    }

    /// A worker silent for this long is taken for dead: its claims are recovered (DeliveryQueue.recoverAbandoned).
    static let silenceLimit: TimeInterval = 15

    func beat() async {
        while !Task.isCancelled {
            try? await queue.heartbeat(worker: workerID)
            try? await Task.sleep(for: .seconds(3))
        }
    }

    func deliverUntilStopped() async {
        var lastRecovery = Date.distantPast
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            // The claims of a process that stopped beating: committed e-mails are sent, the rest go back.
            if Date().timeIntervalSince(lastRecovery) > 5 {
                _ = try? await queue.recoverAbandoned(silentSince: Date().addingTimeInterval(-Self.silenceLimit))
                lastRecovery = Date()
            }
            let delivered = await deliverPending()
            guard delivered == 0 else { continue }
            // Idle: wait a second, or only until the next send slot when e-mails wait for the rate limits. Only
            // the wait is cut short by a graceful shutdown, never a delivery.
            let wait = (try? await queue.nextSlotWait()) ?? nil
            let milliseconds = Int(min(1, max(0.005, wait ?? 1)) * 1000)
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(milliseconds)) }
        }
    }

    /// Claims and delivers one batch of hard copies and one of the other entries (or, while e-mails fill whole
    /// batches, a few of those, each claimed while the one before goes out); returns how many entries it handled.
    @discardableResult
    public func deliverPending(now: Date = Date()) async -> Int {
        let hardCopies = await deliverHardCopies(now: now)
        guard oneByOne.isDue(hardCopiesWaiting: hardCopies >= Self.hardCopyBatchSize) else { return hardCopies }
        let limit = max(concurrency * 64, mailConnections * 16)
        var jobs = await claimJobs(limit: limit, now: now)
        var handled = hardCopies
        for round in 1...Self.mailRounds {
            guard !jobs.isEmpty else { break }
            // The database work of the next claim overlaps the SMTP conversations of this batch.
            let isFullOfMail = jobs.count == limit && jobs.allSatisfy { $0.correspondenceType == .email }
            let prefetch = round < Self.mailRounds && isFullOfMail && !Task.isShuttingDownGracefully
            async let next = prefetch ? claimJobs(limit: limit, now: Date()) : []
            await deliverClaimed(jobs)
            handled += jobs.count
            jobs = await next
        }
        return handled
    }

    /// Whole batches of e-mails delivered in one `deliverPending` before hard copies get their turn again.
    static let mailRounds = 8

    func claimJobs(limit: Int, now: Date) async -> [DeliveryQueue.Job] {
        do {
            return try await queue.claim(worker: workerID, limit: limit, now: now)
        } catch {
            logger.error("cannot claim deliveries", metadata: ["error": "\(error)"])
            return []
        }
    }

    /// Delivers claimed jobs: e-mails over reused connections, the rest `concurrency` at a time. What has not
    /// started when the server stops goes back to the queue.
    func deliverClaimed(_ jobs: [DeliveryQueue.Job]) async {
        let mail = try? await queue.mailSettings()
        // E-mails go over a few reused connections (DeliveryWorker+Mail); the rest one by one below.
        let emails = jobs.filter { $0.correspondenceType == .email }
        let others = jobs.filter { $0.correspondenceType != .email }
        async let mailed: Void = sendMails(emails, mail: mail ?? nil)
        let started = await withTaskGroup(of: Void.self) { group in
            var running = 0
            var started = 0
            for job in others {
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
        await mailed
        if started < others.count {
            let left = others.dropFirst(started).map(\.entryNo)
            do {
                let released = try await queue.release(left, worker: workerID)
                logger.info("deliveries handed back at shutdown", metadata: ["count": "\(released)"])
            } catch {
                logger.error("cannot hand back deliveries", metadata: ["error": "\(error)"])
            }
        }
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

    /// The job's document merged, from `compiled` when given (the batch's compiled copy of the same source).
    func merge(_ template: [UInt8], _ job: DeliveryQueue.Job, compiled given: MergeTemplate? = nil) throws -> [UInt8] {
        let compiled = try given ?? MergeTemplate(docx: template)
        let english = MergeLocale.english
        let months = MergeFields.monthNames(for: job.fields.contact.languageCode)
        let locale = MergeLocale(
            monthNames: months, abbreviatedMonthNames: months.map { String($0.prefix(3)) },
            dayNames: english.dayNames, abbreviatedDayNames: english.abbreviatedDayNames)
        return try compiled.merge(job.fields.map, locale: locale)
    }

    func sendMail(_ job: DeliveryQueue.Job, document: [UInt8]?, mail: MailSettings?) async throws {
        guard let mail else { throw DeliveryFailure.temporary("SMTP is not configured in setup.") }
        let bytes = try Self.message(job, document: document, from: mail.from)
        try await SMTPClient.send(bytes, from: mail.from, to: job.recipient, settings: Self.settings(mail))
    }

    static func settings(_ mail: MailSettings) -> SMTPSettings {
        SMTPSettings(
            host: mail.host, port: mail.port, security: SMTPSettings.Security(rawValue: mail.security) ?? .none,
            username: mail.username, password: mail.password)
    }

    /// The entry's message, with its stable Message-ID (the entry number): the idempotency key a receiver
    /// (or a test counting at the sink) sees once per entry.
    static func message(_ job: DeliveryQueue.Job, document: [UInt8]?, from: String) throws -> [UInt8] {
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
            from: from, to: job.recipient, subject: job.subject, html: body,
            text: EmailBodyTemplate.plainText(body), attachment: attachment ?? nil)
        return MIME.render(message, messageID: messageID(job.entryNo))
    }

    /// The Message-ID of an entry's e-mail: the same at every attempt.
    static func messageID(_ entryNo: Int64) -> String { "entry-\(entryNo)@rapport" }
}

/// A failure decided here rather than by the SMTP server.
struct DeliveryFailure: Error {
    var reason: String
    var isTemporary: Bool

    static func permanent(_ reason: String) -> DeliveryFailure { DeliveryFailure(reason: reason, isTemporary: false) }
    static func temporary(_ reason: String) -> DeliveryFailure { DeliveryFailure(reason: reason, isTemporary: true) }
}
