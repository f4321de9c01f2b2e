import Foundation
import RapportCore

/// What makes an e-mail go out once, and a crash visible: each message is marked committed just before its final
/// dot and confirmed (sent) once the server answers the dot with 250. A worker that dies leaves at most its
/// messages between the two, one per connection; recovery never sends those again (the server may have them) and
/// never counts them sent (it may not): they become errors that say so, to be resent deliberately.
extension DeliveryQueue {
    /// The error of an e-mail committed but not confirmed when its worker died.
    public static let unconfirmedMessage =
        "Unconfirmed: the server stopped after handing this e-mail to the mail server and before it answered; "
        + "it may have arrived. Resend only if the contact did not get it."

    /// Just before the final dot of `entryNo`'s message: from here on a crash never sends it again (the server
    /// may have the whole message), and until `confirm` records the server's answer a crash makes it an
    /// unconfirmed error. Before it, the server drops an unfinished message, so a crash puts the entry back in the
    /// queue.
    public func commitMessage(_ entryNo: Int64, worker: String, now: Date = Date()) async throws(RapportError) {
        try await commitMessages([entryNo], worker: worker, now: now)
    }

    /// `commitMessage` for several messages in one transaction.
    public func commitMessages(_ entryNos: [Int64], worker: String, now: Date = Date()) async throws(RapportError) {
        try await commit(entryNos, confirming: [], worker: worker, now: now)
    }

    /// One transaction for the worker's connections: the messages held at their final dots are marked committed,
    /// and the messages the server has accepted since the last one are recorded sent (each keeps the document it
    /// was sent with). A connection confirms its last message before it commits its next, so a crash leaves at
    /// most one unconfirmed message per connection. The logged segments' progress is left to `refreshProgress`.
    public func commit(
        _ entryNos: [Int64], confirming accepted: [(entryNo: Int64, document: [UInt8]?)], worker: String,
        now: Date = Date()
    ) async throws(RapportError) {
        guard !entryNos.isEmpty || !accepted.isEmpty else { return }
        try await store.write("delivery commit") { connection in
            // Sent together: on PostgreSQL a group is three round trips (begin, these, commit), not six.
            var statements = Self.recordSent(accepted)
            if !entryNos.isEmpty {
                let list = Self.numbers(entryNos)
                statements.append(
                    SQLFragment(
                        """
                        UPDATE interaction_log_entry SET delivery_committed_ms = ?
                        WHERE entry_no IN (\(list.sql)) AND delivery_claimed_by = ? AND delivery_status = 'pending'
                        """, [.integer(Self.milliseconds(now))] + list.binds + [.text(worker)]))
            }
            try connection.executeEach(statements)
        }
    }

    /// Records e-mails the server accepted as sent, with the documents they were sent with.
    static func recordSent(_ entries: [(entryNo: Int64, document: [UInt8]?)], _ connection: any SQLConnection) throws {
        try connection.executeEach(recordSent(entries))
    }

    /// `recordSent`'s statements, in order.
    static func recordSent(_ entries: [(entryNo: Int64, document: [UInt8]?)]) -> [SQLFragment] {
        guard !entries.isEmpty else { return [] }
        let list = numbers(entries.map(\.entryNo))
        var statements = [LogCounters.moveDeliveries(SQLFragment("e.entry_no IN (\(list.sql))", list.binds), to: .sent)]
        for (entryNo, document) in entries {
            guard let document else { continue }
            statements.append(SQLFragment("DELETE FROM entry_document WHERE entry_no = ?", [.integer(entryNo)]))
            statements.append(
                SQLFragment(
                    "INSERT INTO entry_document (entry_no, docx) VALUES (?, ?)", [.integer(entryNo), .blob(document)]))
        }
        let documented = numbers(entries.filter { $0.document != nil }.map(\.entryNo))
        statements.append(
            SQLFragment(
                """
                UPDATE interaction_log_entry SET delivery_status = 'sent', delivery_error = '', delivery_claimed_by = NULL,
                  has_document = CASE WHEN entry_no IN (\(documented.sql)) THEN 1 ELSE 0 END
                WHERE entry_no IN (\(list.sql))
                """, documented.binds + list.binds))
        return statements
    }

    /// `numbers` as an IN list of placeholders, padded (with its last number, or a number no entry has) to a
    /// power of two: the group commits of e-mails run a handful of statements, each prepared once, instead of one
    /// new statement per group.
    static func numbers(_ numbers: [Int64]) -> SQLFragment {
        padded((numbers.isEmpty ? [-1] : numbers).map(SQLValue.integer))
    }

    /// Refreshes the progress of the logged segments of `entries` (after a batch of e-mails).
    public func refreshProgress(entries: [Int64], now: Date = Date()) async throws(RapportError) {
        guard !entries.isEmpty else { return }
        try await store.write("delivery progress") { connection in
            try Self.refreshProgress(entries: entries, now: now, connection)
        }
    }

    /// The claims of workers that stopped beating before `silentSince`: a message committed but not confirmed
    /// becomes an error saying it may have arrived (`unconfirmedMessage`), never sent again on its own; any other
    /// goes back to the queue (the server dropped it unfinished, or it never started). Returns how many entries
    /// were recovered.
    @discardableResult
    public func recoverAbandoned(silentSince cutoff: Date) async throws(RapportError) -> Int {
        try await store.write("recover deliveries") { connection in
            let dead = """
                delivery_status = 'pending' AND delivery_claimed_by IS NOT NULL
                  AND delivery_claimed_by NOT IN (SELECT worker FROM delivery_worker WHERE heartbeat_ms >= ?)
                """
            let since = SQLValue.integer(Self.milliseconds(cutoff))
            let unconfirmed = try connection.query(
                "SELECT entry_no FROM interaction_log_entry WHERE \(dead) AND delivery_committed_ms IS NOT NULL",
                [since]
            ).map { $0.int("entry_no") }
            if !unconfirmed.isEmpty {
                let list = unconfirmed.map(String.init).joined(separator: ", ")
                try LogCounters.moveDeliveries(SQLFragment("e.entry_no IN (\(list))", []), to: .error, connection)
                try connection.execute(
                    """
                    UPDATE interaction_log_entry SET delivery_status = 'error', delivery_error = ?,
                      delivery_claimed_by = NULL WHERE entry_no IN (\(list))
                    """, [.text(Self.unconfirmedMessage)])
            }
            let requeued = try connection.execute(
                """
                UPDATE interaction_log_entry SET delivery_claimed_by = NULL, delivery_claimed_at = NULL,
                  delivery_slot_ms = NULL WHERE \(dead) AND delivery_committed_ms IS NULL
                """, [since])
            try connection.execute("DELETE FROM delivery_worker WHERE heartbeat_ms < ?", [since])
            try Self.refreshProgress(entries: unconfirmed, now: Date(), connection)
            return unconfirmed.count + requeued
        }
    }
}
