import RapportCore

/// Runs the migrations a database has not seen yet, in the one transaction of `migrate`. Each backend
/// runs the list of its own dialect; the two lists hold the same names in the same order.
package enum Migrator {
    /// The migrations of a dialect, in order.
    package static func migrations(for dialect: SQLDialect) -> [Migration] {
        switch dialect {
        case .sqlite: SQLiteMigrations.all
        case .postgres: PostgresMigrations.all
        }
    }

    /// Applies pending migrations; returns their names.
    @discardableResult
    package static func migrate(_ database: any SQLDatabase) async throws -> [String] {
        try await migrate(database, first: migrations(for: database.dialect).count)
    }

    /// Applies the pending ones among the first `count` migrations only, leaving the database as an
    /// older release left it: the upgrade tests start from there.
    @discardableResult
    package static func migrate(_ database: any SQLDatabase, first count: Int) async throws -> [String] {
        let migrations = migrations(for: database.dialect).prefix(count)
        return try await database.write("migrate") { connection in
            // Instances starting together on one PostgreSQL database take turns here: the first migrates, the
            // others wait on the lock and then find nothing left to run. (SQLite serialises writers itself.)
            // The lock is the schema's: installations in other schemas of the database migrate on their own.
            if connection.dialect == .postgres {
                try connection.execute("SELECT pg_advisory_xact_lock(hashtextextended(current_schema(), \(lock)))")
            }
            try connection.execute(bookkeeping(connection.dialect))
            let applied = Set(try connection.query("SELECT name FROM schema_migration", []).map { $0.text("name") })
            var ran: [String] = []
            for migration in migrations where !applied.contains(migration.name) {
                for statement in migration.statements { try connection.execute(statement) }
                try connection.execute("INSERT INTO schema_migration (name) VALUES (?)", [.text(migration.name)])
                ran.append(migration.name)
            }
            return ran
        }
    }

    /// The advisory lock migrating holds on PostgreSQL (any number, shared by every Rapport process).
    static let lock: Int64 = 0x5261_7070_6D69_67

    /// The table of applied migrations, as the first release created it.
    static func bookkeeping(_ dialect: SQLDialect) -> String {
        switch dialect {
        case .sqlite: "CREATE TABLE IF NOT EXISTS schema_migration (name TEXT NOT NULL PRIMARY KEY)"
        case .postgres: #"CREATE TABLE IF NOT EXISTS schema_migration (name TEXT COLLATE "C" NOT NULL PRIMARY KEY)"#
        }
    }
}
