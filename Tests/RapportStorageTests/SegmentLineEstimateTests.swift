import Testing

@testable import RapportStorage

/// Migration 0025: PostgreSQL plans a segment's lines, in a subquery correlated with the segment, as a few, so it
/// reads them through an index however the lines are spread over segments when ANALYZE last ran. The segment lists
/// made such subqueries until migration 0026 gave the header counters; these are the subqueries they made.
@Suite("Segment lists read each segment's lines through an index")
struct SegmentLineEstimateTests {
    @Test(.enabled(if: TestPostgres.isConfigured, TestPostgres.skipReason))
    func postgreSQLReadsASmallSegmentBesideALargeOneThroughAnIndex() async throws {
        let database = try await TestPostgres.database()
        try await Migrator.migrate(database)
        try await database.write("lines") { connection in
            // One segment of 30,000 lines and one of a single line: ANALYZE sees two segments, half the lines each.
            try connection.execute(
                "INSERT INTO contact (no, type) SELECT 'C' || g, 'person' FROM generate_series(1, 30000) g")
            try connection.execute("INSERT INTO segment_header (no) VALUES ('BIG'), ('SMALL')")
            try connection.execute(
                """
                INSERT INTO segment_line (segment_no, line_no, contact_no, added_by_action_no)
                SELECT 'BIG', g, 'C' || g, 0 FROM generate_series(1, 30000) g
                UNION ALL SELECT 'SMALL', 1, 'C1', 0
                """)
        }
        try await database.write("analyze") { try $0.execute("ANALYZE segment_line") }
        let fields = ["COUNT(*)", "COALESCE(SUM(l.cost), 0)", "COALESCE(SUM(l.duration), 0)"]
        let plans = try await database.read { connection in
            try fields.map { field in
                let correlated = "(SELECT \(field) FROM segment_line l WHERE l.segment_no = t.no)"
                return try connection.query("EXPLAIN SELECT t.no, \(correlated) FROM segment_header t", [])
                    .map { $0.text("QUERY PLAN") }.joined(separator: "\n")
            }
        }
        try await database.close()
        for (field, plan) in zip(fields, plans) {
            #expect(!plan.contains("Seq Scan on segment_line"), "\(field):\n\(plan)")
            #expect(plan.contains("Index Cond: (segment_no = t.no)"), "\(field):\n\(plan)")
        }
    }
}
