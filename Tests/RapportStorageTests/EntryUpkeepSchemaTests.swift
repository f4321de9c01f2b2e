import RapportSQLite
import Testing

@testable import RapportStorage

/// Migration 0024: two of the log entries' indexes hold only the entries that have what they look up, and on
/// PostgreSQL a merged letter stays in its row. Each is work saved per entry logged or delivered, which no
/// behaviour test would miss if it went; these pin the schema and the one query that needed changing for it.
@Suite("Log entries cost fewer index entries")
struct EntryUpkeepSchemaTests {
    static let partialIndexes = [("ile_delivery_slot", "delivery_slot_ms"), ("ile_campaign", "campaign_no")]

    @Test func sqliteLeavesEntriesWithoutASlotOrCampaignOutOfTheirIndexes() async throws {
        let database = try SQLiteDatabase(path: ":memory:")
        try await Migrator.migrate(database)
        try await database.read { connection in
            for (index, column) in Self.partialIndexes {
                let sql = try connection.scalar("SELECT sql FROM sqlite_master WHERE name = ?", [.text(index)])
                #expect(
                    sql?.textValue?.hasSuffix("WHERE \(column) IS NOT NULL") == true,
                    "\(index): \(String(describing: sql))")
            }
            // The pacing's last slot is read from the partial index, not from every entry.
            let plan = try connection.query("EXPLAIN QUERY PLAN " + DeliveryQueue.lastSlot, []).map {
                $0.text("detail")
            }
            #expect(
                plan == ["SEARCH interaction_log_entry USING COVERING INDEX ile_delivery_slot (delivery_slot_ms>?)"])
        }
    }

    @Test(.enabled(if: TestPostgres.isConfigured, TestPostgres.skipReason))
    func postgreSQLLeavesThemOutTooAndKeepsLettersInTheirRows() async throws {
        let database = try await TestPostgres.database()
        try await Migrator.migrate(database)
        let (predicates, options) = try await database.read { connection in
            let predicates = try Self.partialIndexes.map { index, _ in
                try connection.scalar(
                    """
                    SELECT pg_get_expr(x.indpred, x.indrelid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                    WHERE i.relname = ? AND i.relnamespace = current_schema()::regnamespace
                    """, [.text(index)])?.textValue
            }
            let options = try connection.scalar(
                "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE oid = 'entry_document'::regclass")?
                .textValue
            return (predicates, options)
        }
        try await database.close()
        #expect(predicates == ["(delivery_slot_ms IS NOT NULL)", "(campaign_no IS NOT NULL)"])
        #expect(options == "toast_tuple_target=8160")
    }
}
