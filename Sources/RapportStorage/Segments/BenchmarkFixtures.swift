import RapportCore

/// Set-up for the benchmark command: segments shaped like the baseline's (`../shared/bench/sql/
/// setup_segments.sql`), built with the product's own line SQL. Not used by the product itself.
public enum BenchmarkFixtures {
    /// Creates segment `no` with template `templateCode` and one line per contact whose row number
    /// (import order) modulo `modulo` is `remainder`; any earlier segment of that number is replaced.
    public static func seedSegment(
        _ no: String, templateCode: String, modulo: Int, remainder: Int, salespersonCode: String? = nil, store: Store
    ) async throws(RapportError) -> Int {
        try await store.write("benchmark set-up") { connection in
            try connection.execute("DELETE FROM segment_header WHERE no = ?", [.text(no)])
            try connection.execute(
                "INSERT INTO segment_header (no, description, subject_default, date, salesperson_code) VALUES (?, ?, ?, ?, ?)",
                [
                    .text(no), .text("Benchmark \(no)"), .text("Benchmark"), .text("2025-06-02"),
                    salespersonCode.map { .text($0) } ?? .null,
                ])
            var record = Record()
            try SegmentHeaderRules.applyTemplate(templateCode, to: &record, connection)
            try connection.execute(
                """
                UPDATE segment_header SET interaction_template_code = ?, interaction_group_code = ?,
                  language_code_default = ?, unit_cost = ?, unit_duration = ?, information_flow = ?,
                  initiated_by = ?, correspondence_type_default = ? WHERE no = ?
                """,
                [
                    record["interactionTemplateCode"], record["interactionGroupCode"], record["languageCodeDefault"],
                    record["unitCost"], record["unitDuration"], record["informationFlow"], record["initiatedBy"],
                    record["correspondenceTypeDefault"], .text(no),
                ])
            let action = try CriteriaJournal.record(CriteriaAction(kind: .add), segmentNo: no, connection)
            let every: [SQLValue] = [.integer(Int64(modulo)), .integer(Int64(remainder))]
            // Import order: SQLite's rowid; PostgreSQL has none, so the contact numbers' order stands in for it.
            let picked =
                "picked AS (SELECT no FROM (SELECT no, ROW_NUMBER() OVER (ORDER BY no) AS n FROM contact) x"
                + " WHERE x.n % ? = ?)"
            let selection =
                connection.dialect == .sqlite
                ? ContactSelectionSQL(ctes: [], condition: SQLFragment("t.rowid % ? = ?", every))
                : ContactSelectionSQL(
                    ctes: [SQLFragment(picked, every)], condition: SQLFragment("t.no IN (SELECT no FROM picked)", []))
            return try connection.execute(SegmentLineSQL.insert(segmentNo: no, actionNo: action, selection: selection))
        }
    }

}

extension BenchmarkFixtures {
    /// How many interaction log entries there are, for the label of a figure measured beside them.
    public static func entryCount(store: Store) async throws(RapportError) -> Int {
        try await store.read { connection in
            Int(try connection.scalar("SELECT COUNT(*) FROM interaction_log_entry")?.intValue ?? 0)
        }
    }

    /// Removes what logging segment `no` created, and the letters its delivery stored, so the benchmark can log it
    /// again from the same state. Returns how many entries it removed.
    @discardableResult
    public static func forgetLog(of no: String, store: Store) async throws(RapportError) -> Int {
        try await store.write("benchmark reset") { connection in
            let logged = "SELECT entry_no FROM logged_segment WHERE segment_no = ?"
            try LogCounters.retract(SQLFragment("e.logged_segment_entry_no IN (\(logged))", [.text(no)]), connection)
            let entries = "SELECT entry_no FROM interaction_log_entry WHERE logged_segment_entry_no IN (\(logged))"
            for table in ["entry_document", "entry_template_document"] {
                try connection.execute("DELETE FROM \(table) WHERE entry_no IN (\(entries))", [.text(no)])
            }
            let removed = try connection.execute(
                "DELETE FROM interaction_log_entry WHERE logged_segment_entry_no IN (\(logged))", [.text(no)])
            try connection.execute("DELETE FROM campaign_entry WHERE register_no IN (\(logged))", [.text(no)])
            try connection.execute("DELETE FROM logged_segment WHERE segment_no = ?", [.text(no)])
            // The versions its Logs froze read from the entries just deleted.
            try connection.execute("DELETE FROM segment_version WHERE segment_no = ?", [.text(no)])
            return removed
        }
    }
}
