import RapportCore
import RapportSQLite
import RapportStorage
import Testing

/// `/health/ready` asks the store: ready only when the database answers and every migration has run.
@Suite("Database readiness and usage")
struct DatabaseReadinessTests {
    @Test func sqliteIsReadyOnlyOnceMigratedAndNotOnceClosed() async throws {
        try await Self.readinessFollowsTheDatabase(try SQLiteDatabase(path: ":memory:"))
    }

    @Test(.enabled(if: TestPostgres.isConfigured, TestPostgres.skipReason))
    func postgresIsReadyOnlyOnceMigratedAndNotOnceClosed() async throws {
        try await Self.readinessFollowsTheDatabase(try await TestPostgres.database())
    }

    static func readinessFollowsTheDatabase(_ database: any SQLDatabase) async throws {
        let store = Store(database)
        let names = Migrator.migrations(for: database.dialect).map(\.name)
        try await Migrator.migrate(database, first: names.count - 2)
        #expect(
            await store.readiness()
                == .unavailable(
                    reason: "migrations pending (2)", detail: "not applied: \(names.suffix(2).joined(separator: ", "))")
        )
        try await Migrator.migrate(database)
        #expect(await store.readiness() == .ready)
        #expect(store.usage.snapshot == DatabaseUsage.Snapshot(reads: 2))

        try await store.close()
        guard case .unavailable(let reason, _) = await store.readiness() else {
            Issue.record("a closed database is not ready")
            return
        }
        #expect(reason == "unreachable")
        #expect(store.usage.snapshot == DatabaseUsage.Snapshot(reads: 3, failures: 1))
    }
}
