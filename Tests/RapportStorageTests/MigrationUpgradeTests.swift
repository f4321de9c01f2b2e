import RapportCore
import RapportSQLite
import RapportStorage
import Testing

/// A database an older release left behind takes the new migrations in place and keeps its rows.
@Suite("Migrations upgrade an older database in place")
struct MigrationUpgradeTests {
    @Test func anSQLiteDatabaseOfThePreviousReleaseUpgradesInPlace() async throws {
        try await Self.upgradesInPlace(try SQLiteDatabase(path: ":memory:"))
    }

    @Test(.enabled(if: TestPostgres.isConfigured, TestPostgres.skipReason))
    func aPostgreSQLDatabaseOfThePreviousReleaseUpgradesInPlace() async throws {
        let database = try await TestPostgres.database()
        try await Self.upgradesInPlace(database)
        try await database.close()
    }

    /// Migrates to all but the last migration, writes rows as that release would, then migrates fully.
    static func upgradesInPlace(_ database: any SQLDatabase) async throws {
        let names = Migrator.migrations(for: database.dialect).map(\.name)
        let older = try await Migrator.migrate(database, first: names.count - 1)
        #expect(older == Array(names.dropLast()))
        try await database.write("the previous release's rows") { connection in
            try connection.execute(
                "INSERT INTO contact (no, type, name, surname, email) "
                    + "VALUES ('P1', 'person', 'Ada Lovelace', 'Lovelace', 'ada@example.com')")
            try connection.execute(
                """
                INSERT INTO interaction_log_entry
                  (entry_no, contact_no, date, description, subject, user_id, correspondence_type, delivery_status)
                VALUES (7, 'P1', '2024-05-01', 'Welcome letter', 'Welcome', 'ADMIN', 'email', 'pending')
                """)
        }

        let upgrade = try await Migrator.migrate(database)
        #expect(upgrade == [names[names.count - 1]])
        let applied = try await database.read { connection in
            try connection.query("SELECT name FROM schema_migration ORDER BY name", []).map { $0.text("name") }
        }
        #expect(applied == names)

        let jobs = try await DeliveryQueue(store: Store(database)).claim(worker: "upgrade", limit: 10)
        #expect(jobs.map(\.entryNo) == [7])
        #expect(jobs.first?.recipient == "ada@example.com")
        #expect(jobs.first?.subject == "Welcome")
        #expect(jobs.first?.correspondenceType == .email)
        #expect(jobs.first?.attempts == 0)
        #expect(try await Migrator.migrate(database).isEmpty)
    }
}
