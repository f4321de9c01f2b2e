import Dispatch
import RapportCore
import RapportPostgres
import RapportSQLite
import Synchronization
import Testing

@testable import RapportStorage

/// `withSnapshotSibling` (the PostgreSQL export reads every other chunk on it): the second connection sees the
/// read's snapshot, not a row committed after it, and there is none on SQLite or when no connection is free.
@Suite("Snapshot sibling")
struct SnapshotSiblingTests {
    static func count(_ connection: any SQLConnection) throws -> Int64 {
        try connection.query("SELECT count(*) AS n FROM sibling_probe", []).first?["n"].intValue ?? -1
    }

    @Test func sqliteHasNoSibling() async throws {
        let database = try SQLiteDatabase(path: ":memory:")
        let sibling = try await database.read { connection in try connection.withSnapshotSibling { $0 != nil } }
        #expect(sibling == false)
    }

    @Test(.enabled(if: TestPostgres.isConfigured, TestPostgres.skipReason))
    func postgreSQLsSiblingSeesTheReadsSnapshot() async throws {
        let database = try await TestPostgres.database()
        try await database.write("probe") { connection in
            try connection.execute("CREATE TABLE sibling_probe (n BIGINT NOT NULL)", [])
            try connection.execute("INSERT INTO sibling_probe (n) VALUES (1)", [])
        }
        let counts = try await database.read { connection in
            let before = try Self.count(connection)
            // A row committed after the read's snapshot was taken, by another transaction (waited for here, on
            // the database's own thread, not a cooperative one).
            let committed = DispatchSemaphore(value: 0)
            let failure = Mutex<String?>(nil)
            Task {
                do {
                    try await database.write("later") { try $0.execute("INSERT INTO sibling_probe (n) VALUES (2)", []) }
                } catch {
                    failure.withLock { $0 = "\(error)" }
                }
                committed.signal()
            }
            committed.wait()
            let sibling = try connection.withSnapshotSibling { sibling in try sibling.map(Self.count) }
            return [before, try Self.count(connection), sibling ?? -1, failure.withLock { $0 } == nil ? 0 : -1]
        }
        #expect(counts == [1, 1, 1, 0])
        let after = try await database.read { try Self.count($0) }
        #expect(after == 2)
        try await database.close()
    }

    @Test(.enabled(if: TestPostgres.isConfigured, TestPostgres.skipReason))
    func postgreSQLHasNoSiblingWhenNoConnectionIsFree() async throws {
        let database = try await PostgresDatabase(url: try #require(TestPostgres.url), connections: 1)
        let sibling = try await database.read { connection in try connection.withSnapshotSibling { $0 != nil } }
        #expect(sibling == false)
        try await database.close()
    }
}
