import Foundation
import RapportCore
import RapportDocuments

/// The delivery queue is the `pending` interaction log entries. Workers claim entries before sending, so
/// two server processes never deliver the same entry. The claims of a process that died are recovered from
/// what it recorded: an e-mail handed whole to the SMTP server whose answer was not recorded is an unconfirmed
/// error, never sent again on its own; anything else goes back to the queue (DeliveryQueue+Commits). Each e-mail
/// goes out exactly once in normal running, and a crash loses none silently.
public struct DeliveryQueue: Sendable {
    let store: Store
    /// Temporary failures are retried this many times, waiting longer each time.
    public static let maxAttempts = 5

    public init(store: Store) {
        self.store = store
    }

    /// One entry to deliver, with everything needed to do it outside a transaction.
    public struct Job: Sendable {
        public var entryNo: Int64
        /// nil when the entry has none (it cannot be delivered).
        public var correspondenceType: CorrespondenceType?
        public var recipient: String
        public var subject: String
        public var fields: MergeFields
        public var template: [UInt8]?
        /// The SHA-256 of `template` when it is a frozen source document: jobs with the same key share one compiled
        /// template. nil for a document merged from what the entry's template holds now.
        public var documentKey: String?
        public var emailBody: String?
        public var sendDocumentAsAttachment: Bool
        public var attempts: Int
    }

    /// Claims up to `limit` due entries for `worker` and returns their jobs: every kind but the frozen hard
    /// copies, which `claimHardCopies` claims in batches.
    public func claim(worker: String, limit: Int, now: Date = Date()) async throws(RapportError) -> [Job] {
        let claimed = try await store.write("claim deliveries") { connection in
            // E-mails are claimed within the rate limits' send slots (DeliveryQueue+Pacing); hard copies with a
            // frozen document go in batches (DeliveryQueue+HardCopies). Only what this claim adds is returned: what
            // the worker holds already is under way (it claims the next batch while one goes out).
            let claimed = try Self.claimDue(worker: worker, now: now, limit: limit, connection).sorted()
            try Self.refreshProgress(entries: claimed, now: now, connection)
            return claimed
        }
        // The jobs are read after the claim commits, outside the write: the group commits of the e-mails under way
        // (and every other write) need not wait for hundreds of entries' merge data, several round trips each on
        // PostgreSQL. Only this worker changes its claimed entries, so the reads see them as claimed. They are read
        // set-based, a few queries for the whole batch (DeliveryQueue+Jobs).
        do {
            return try await jobs(claimed)
        } catch {
            _ = try? await release(claimed, worker: worker)
            throw (error as? RapportError) ?? RapportError(.unavailable, "Cannot read the claimed deliveries: \(error)")
        }
    }

    /// The document of an entry logged before documents were frozen: merged from what its line's document,
    /// its logged segment's document or its template holds now, as such entries always were.
    static func legacyDocument(_ entryNo: Int64, _ extra: SQLRow?, _ connection: any SQLConnection) throws -> [UInt8]? {
        let template = extra?.text("interaction_template_code") ?? ""
        let language = extra?.text("interaction_language_code") ?? ""
        var docx = try blob(
            "SELECT docx FROM entry_template_document WHERE entry_no = ?", [.integer(entryNo)], connection)
        if docx == nil, template == extra?.text("header_template"),
            language.isEmpty || language == extra?.text("header_language")
        {
            docx = try blob(
                "SELECT docx FROM logged_segment_document WHERE entry_no = ?",
                [extra?["logged_segment_entry_no"] ?? .null], connection)
        }
        if docx == nil {
            docx =
                try blob(
                    "SELECT docx FROM template_document WHERE template_code = ? AND language_code = ?",
                    [.text(template), .text(language)], connection)
                ?? blob(
                    """
                    SELECT d.docx FROM template_document d JOIN interaction_template t ON t.code = d.template_code
                    WHERE d.template_code = ? AND d.language_code = t.language_code_default
                    """, [.text(template)], connection)
        }
        return docx
    }

    static func blob(_ sql: String, _ binds: [SQLValue], _ connection: any SQLConnection) throws -> [UInt8]? {
        if case .blob(let bytes)? = try connection.scalar(sql, binds) { return bytes }
        return nil
    }

    /// Delivered: the entry keeps the merged document it was sent with.
    public func markSent(_ entryNo: Int64, document: [UInt8]?) async throws(RapportError) {
        try await store.write("delivery sent") { connection in
            if let document {
                try connection.execute("DELETE FROM entry_document WHERE entry_no = ?", [.integer(entryNo)])
                try connection.execute(
                    "INSERT INTO entry_document (entry_no, docx) VALUES (?, ?)", [.integer(entryNo), .blob(document)])
            }
            try LogCounters.moveDeliveries(SQLFragment("e.entry_no = ?", [.integer(entryNo)]), to: .sent, connection)
            try connection.execute(
                """
                UPDATE interaction_log_entry SET delivery_status = 'sent', delivery_error = '',
                  delivery_claimed_by = NULL, has_document = ? WHERE entry_no = ?
                """, [.integer(document == nil ? 0 : 1), .integer(entryNo)])
        }
    }

    /// Failed: a temporary failure is tried again later (waiting 30 s, 1 min, 2 min...), up to
    /// `maxAttempts`; anything else is `error` with the reason.
    public func markFailed(
        _ entryNo: Int64, reason: String, temporary: Bool, attempts: Int, now: Date = Date()
    )
        async throws(RapportError)
    {
        let retry = temporary && attempts + 1 < Self.maxAttempts
        let next = now.addingTimeInterval(30 * pow(2, Double(attempts)))
        _ = try await store.write("delivery failed") { connection in
            try LogCounters.moveDeliveries(
                SQLFragment("e.entry_no = ?", [.integer(entryNo)]), to: retry ? .pending : .error, connection)
            try connection.execute(
                """
                UPDATE interaction_log_entry SET delivery_status = ?, delivery_error = ?, delivery_claimed_by = NULL,
                  delivery_attempts = delivery_attempts + 1, delivery_next_at = ? WHERE entry_no = ?
                """,
                [.text(retry ? "pending" : "error"), .text(reason), .text(StoredTime.text(next)), .integer(entryNo)])
        }
    }

    /// Hands back entries `worker` claimed but never started (it is stopping): another worker, or this one after a
    /// restart, delivers them. Returns how many went back.
    @discardableResult
    public func release(_ entryNos: [Int64], worker: String) async throws(RapportError) -> Int {
        guard !entryNos.isEmpty else { return 0 }
        return try await store.write("release deliveries") { connection in
            var released = 0
            for entryNo in entryNos {
                released += try connection.execute(
                    """
                    UPDATE interaction_log_entry SET delivery_claimed_by = NULL, delivery_claimed_at = NULL
                    WHERE entry_no = ? AND delivery_claimed_by = ? AND delivery_status = 'pending'
                    """, [.integer(entryNo), .text(worker)])
            }
            return released
        }
    }

    /// Puts a logged segment's failed deliveries (or all of them) back in the queue.
    public func resend(loggedSegment: String, all: Bool) async throws(RapportError) -> Int {
        guard let number = Int64(loggedSegment) else { throw RapportError.notFound("Logged segment", loggedSegment) }
        return try await store.write("resend") { connection in
            guard try connection.exists("SELECT 1 FROM logged_segment WHERE entry_no = ?", [.integer(number)]) else {
                throw RapportError.notFound("Logged segment", loggedSegment)
            }
            let which = all ? "delivery_status IS NOT NULL" : "delivery_status = 'error'"
            try LogCounters.moveDeliveries(
                SQLFragment("e.logged_segment_entry_no = ? AND e.canceled = 0 AND e.\(which)", [.integer(number)]),
                to: .pending, connection)
            return try connection.execute(
                """
                UPDATE interaction_log_entry SET delivery_status = 'pending', delivery_error = '', delivery_attempts = 0,
                  delivery_next_at = '', delivery_claimed_by = NULL, delivery_skip_reason = NULL
                WHERE logged_segment_entry_no = ? AND canceled = 0 AND \(which)
                """, [.integer(number)])
        }
    }

    /// The SMTP settings of setup, or nil when no host is configured.
    public func mailSettings() async throws(RapportError) -> (
        host: String, port: Int, security: String,
        username: String, password: String, from: String
    )? {
        try await store.read { connection in
            guard
                let row = try connection.query(
                    "SELECT smtp_host, smtp_port, smtp_security, smtp_username, smtp_password, smtp_from_address FROM setup WHERE id = 1",
                    []
                ).first, !row.text("smtp_host").isEmpty
            else { return nil }
            return (
                row.text("smtp_host"), Int(row.int("smtp_port")), row.text("smtp_security"),
                row.text("smtp_username"), row.text("smtp_password"), row.text("smtp_from_address")
            )
        }
    }
}
