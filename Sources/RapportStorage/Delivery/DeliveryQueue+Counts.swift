import RapportCore

extension DeliveryQueue {
    /// How many interaction log entries are in each delivery status (`pending` is the queue's depth, `sent`
    /// and `error` its outcomes so far), every status present even at zero. It counts the whole database,
    /// whichever process delivered.
    public func statusCounts() async throws(RapportError) -> [String: Int] {
        try await store.read { connection in
            var counts = ["pending": 0, "sent": 0, "error": 0]
            let rows = try connection.query(
                """
                SELECT delivery_status, COUNT(*) AS n FROM interaction_log_entry
                WHERE delivery_status IS NOT NULL GROUP BY delivery_status
                """, [])
            for row in rows { counts[row.text("delivery_status")] = Int(row.int("n")) }
            return counts
        }
    }
}
