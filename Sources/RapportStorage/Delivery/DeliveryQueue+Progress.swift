import Foundation
import RapportCore

/// The progress of a logged segment's deliveries: its next send slot and estimated finish, kept on the
/// logged segment by whoever changes the queue (Log, each claim, each batch sent), so a read costs nothing.
extension DeliveryQueue {
    /// E-mails sent: each keeps the document it was sent with; the logged segments' progress follows.
    public func markSent(
        _ entries: [(entryNo: Int64, document: [UInt8]?)], now: Date = Date()
    )
        async throws(RapportError)
    {
        guard !entries.isEmpty else { return }
        try await store.write("deliveries sent") { connection in
            try Self.recordSent(entries, connection)
            try Self.refreshProgress(entries: entries.map(\.entryNo), now: now, connection)
        }
    }

    /// Refreshes the progress of the logged segments of `entries`.
    static func refreshProgress(entries: [Int64], now: Date, _ connection: any SQLConnection) throws {
        guard !entries.isEmpty else { return }
        let list = entries.map(String.init).joined(separator: ", ")
        let segments = try connection.query(
            """
            SELECT DISTINCT logged_segment_entry_no AS n FROM interaction_log_entry
            WHERE entry_no IN (\(list)) AND logged_segment_entry_no IS NOT NULL
            """, []
        ).map { $0.int("n") }
        for segment in segments { try refreshProgress(loggedSegment: segment, now: now, connection) }
    }

    /// The next slot of a logged segment's pending e-mails (hard copies go at once) is the later of when they are due (the scheduled
    /// start, or a retry) and the rate's next slot; they finish after the e-mails queued before them and
    /// their own, at the rate's pace. Both are null once nothing is pending.
    static func refreshProgress(loggedSegment: Int64, now: Date, _ connection: any SQLConnection) throws {
        let pending = try connection.query(
            """
            SELECT COUNT(*) AS n, MIN(delivery_next_at) AS due, MIN(entry_no) AS first FROM interaction_log_entry
            WHERE logged_segment_entry_no = ? AND delivery_status = 'pending' AND \(isEmail)
            """, [.integer(loggedSegment)]
        ).first
        let count = Int(pending?.int("n") ?? 0)
        guard count > 0 else {
            try connection.execute(
                "UPDATE logged_segment SET delivery_next = NULL, delivery_estimated_finish = NULL WHERE entry_no = ?",
                [.integer(loggedSegment)])
            return
        }
        let nowMs = milliseconds(now)
        let rate = try sendingRate(connection)
        let budget = try budget(rate, nowMs: nowMs, connection)
        var next = rate.nextSlot(now: nowMs, lastSlot: budget.lastSlot, taken: budget.taken, oldest: budget.oldest)
        let due = pending?.text("due") ?? ""
        if let dueDate = try? Date(due, strategy: .iso8601) { next = max(next, milliseconds(dueDate)) }
        let ahead = Int(
            try connection.scalar(
                """
                SELECT COUNT(*) FROM interaction_log_entry WHERE delivery_status = 'pending' AND \(isEmail)
                  AND entry_no < ? AND (logged_segment_entry_no IS NULL OR logged_segment_entry_no <> ?)
                """, [.integer(pending?.int("first") ?? 0), .integer(loggedSegment)])?.intValue ?? 0)
        let finish = rate.finish(start: next, count: ahead + count)
        try connection.execute(
            "UPDATE logged_segment SET delivery_next = ?, delivery_estimated_finish = ? WHERE entry_no = ?",
            [.text(timestamp(milliseconds: next)), .text(timestamp(milliseconds: finish)), .integer(loggedSegment)])
    }
}

extension DeliveryQueue {
    /// At Log: the run's deliveries wait until `sendAt` (when given), and its progress is set.
    static func schedule(loggedSegment: Int64, at sendAt: Date?, now: Date, _ connection: any SQLConnection) throws {
        if let sendAt {
            let stamp = StoredTime.text(sendAt)
            try connection.execute(
                "UPDATE logged_segment SET send_at = ? WHERE entry_no = ?", [.text(stamp), .integer(loggedSegment)])
            try connection.execute(
                """
                UPDATE interaction_log_entry SET delivery_next_at = ?
                WHERE logged_segment_entry_no = ? AND delivery_status = 'pending'
                """, [.text(stamp), .integer(loggedSegment)])
        }
        try refreshProgress(loggedSegment: loggedSegment, now: now, connection)
    }
}
