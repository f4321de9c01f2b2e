import Foundation
import RapportCore
import RapportSQLite
import Testing

@testable import RapportStorage

@Suite("Store and migrations")
struct StoreTests {
    static func temporaryDatabase() throws -> (SQLiteDatabase, String) {
        let path = NSTemporaryDirectory() + "rapport-store-\(UUID().uuidString).sqlite"
        return (try SQLiteDatabase(path: path), path)
    }

    @Test func migrationsRunOnceAndTheFileIsInWALMode() async throws {
        let (database, path) = try Self.temporaryDatabase()
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let first = try await Migrator.migrate(database)
        #expect(
            first == [
                "0001-master-data", "0002-contacts", "0003-users", "0004-segments", "0005-logging", "0006-documents",
                "0007-delivery", "0008-interaction-log", "0009-security", "0010-frozen-documents",
                "0011-sessions-jobs", "0012-segment-versions", "0013-log-rollback", "0014-log-record",
                "0015-log-counters", "0016-living-segments", "0017-paced-sending", "0018-contact-filter-indexes",
                "0019-follow-up-and-entry-indexes", "0020-excluded-contacts-index", "0021-list-indexes",
                "0022-journal-without-key", "0023-delivery-queue-indexes", "0024-lighter-entry-upkeep",
                "0025-segment-line-estimates", "0026-segment-line-counters",
                "0027-unseen-contacts-stay-unwritten", "0028-statement-level-keys", "0029-lines-with-a-campaign",
                "0030-statement-level-blob-keys",
            ])
        #expect(try await Migrator.migrate(database).isEmpty)
        let mode = try await database.read { try $0.scalar("PRAGMA journal_mode")?.textValue }
        #expect(mode == "wal")
        let foreignKeys = try await database.read { try $0.scalar("PRAGMA foreign_keys")?.intValue }
        #expect(foreignKeys == 1)
    }

    /// Readers read the file's pages in place (memory-mapped) rather than copying them in after every commit.
    @Test func readersMapTheFile() async throws {
        let (database, path) = try Self.temporaryDatabase()
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        try await Migrator.migrate(database)
        let mapped = try await database.read { try $0.scalar("PRAGMA mmap_size")?.intValue }
        #expect((mapped ?? 0) >= 1 << 30)
    }

    @Test func aWriteThatFailsPartWayLeavesNothingBehind() async throws {
        let database = try SQLiteDatabase(path: ":memory:")
        try await Migrator.migrate(database)
        let store = Store(database)
        struct Crash: Error {}
        await #expect(throws: RapportError.self) {
            try await store.write("half a write") { connection in
                try connection.execute("INSERT INTO mailing_group (code) VALUES ('NEWS')")
                try connection.execute("INSERT INTO mailing_group (code) VALUES ('PROMO')")
                throw Crash()
            }
        }
        let count = try await store.read { try $0.scalar("SELECT COUNT(*) FROM mailing_group")?.intValue }
        #expect(count == 0)
    }

    @Test func theSchemaRefusesWhatTheRulesWouldNotWrite() async throws {
        let database = try SQLiteDatabase(path: ":memory:")
        try await Migrator.migrate(database)
        let refused: [(String, String)] = [
            ("INSERT INTO mailing_group (code) VALUES ('')", "check"),
            ("INSERT INTO contact (no, type) VALUES ('C1', 'robot')", "check"),
            ("INSERT INTO contact (no, type, company_no) VALUES ('C1', 'company', NULL)", "check"),
            ("INSERT INTO contact (no, type, salesperson_code) VALUES ('P1', 'person', 'NOPE')", "foreign key"),
            ("INSERT INTO salesperson (code, blocked) VALUES ('JO', 2)", "check"),
        ]
        for (sql, kind) in refused {
            do {
                try await database.write("refused") { try $0.execute(sql) }
                Issue.record("\(sql) was accepted")
            } catch let error as StorageError {
                #expect(error.description.hasPrefix(kind), "\(sql): \(error)")
            }
        }
    }

    @Test func numberSeriesIncrementKeepingWidth() throws {
        #expect(try NumberSeries.next(startingNo: "SEG00001", lastNoUsed: "", seriesCode: "S") == "SEG00001")
        #expect(try NumberSeries.increment("SEG00009", seriesCode: "S") == "SEG00010")
        #expect(try NumberSeries.increment("CT-099-A", seriesCode: "S") == "CT-100-A")
        #expect(try NumberSeries.increment("9", seriesCode: "S") == "10")
        #expect(throws: RapportError.self) { try NumberSeries.increment("ABC", seriesCode: "S") }
        #expect(throws: RapportError.self) { try NumberSeries.increment("99999999999999999999", seriesCode: "S") }
    }
}
