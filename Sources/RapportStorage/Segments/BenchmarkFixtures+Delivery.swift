import RapportCore

extension BenchmarkFixtures {
    /// Makes every line of segment `no` a hard copy in no language of its own (so the segment's document is every
    /// line's), so a Log with Send queues one letter per line.
    public static func makeHardCopies(_ no: String, store: Store) async throws(RapportError) {
        try await store.write("benchmark set-up") { connection in
            try connection.execute(
                "UPDATE segment_line SET correspondence_type = 'hardCopy', language_code = NULL WHERE segment_no = ?",
                [.text(no)])
        }
    }

    /// `no`, or when a segment `no` was logged already (a database an earlier bench left), the first of `no`-2,
    /// `no`-3... not logged: `--delivery-only` can then run again on the same database.
    public static func unloggedSegmentNo(_ no: String, store: Store) async throws(RapportError) -> String {
        try await store.read { connection in
            var candidate = no
            var suffix = 1
            while try connection.exists("SELECT 1 FROM logged_segment WHERE segment_no = ?", [.text(candidate)]) {
                suffix += 1
                candidate = "\(no)-\(suffix)"
            }
            return candidate
        }
    }

    /// The merge values frozen on up to `limit` entries of logged segment `loggedSegment`, as the merge reads them:
    /// for timing the merge engine alone on the letters a delivery merged.
    public static func frozenValues(
        loggedSegment: Int64, limit: Int, store: Store
    ) async throws(RapportError) -> [MergeFields] {
        try await store.read { connection in
            try connection.query(
                """
                SELECT entry_no, merge_snapshot FROM interaction_log_entry WHERE logged_segment_entry_no = ?
                  AND merge_snapshot IS NOT NULL ORDER BY entry_no LIMIT ?
                """, [.integer(loggedSegment), .integer(Int64(limit))]
            ).compactMap { row in
                MergeSnapshot.fields(row.text("merge_snapshot"), entryNo: row.int("entry_no"))
            }
        }
    }
}
