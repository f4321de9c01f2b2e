import RapportCore

/// A named, append-only schema step. Statements are written in the portable subset; `TEXT` columns
/// compare in binary (code-point) order on both backends (PostgreSQL databases are created with
/// `COLLATE "C"`).
package struct Migration: Sendable {
    package let name: String
    package let statements: [String]
}

/// Runs the migrations a database has not seen yet, each in the one transaction of `migrate`.
package enum Migrator {
    package static let all: [Migration] = [
        Schema.masterData, Schema.contacts, Schema.users, Schema.segments, Schema.logging, Schema.documents,
        Schema.delivery,
    ]

    /// Applies pending migrations; returns their names.
    @discardableResult
    package static func migrate(_ database: any SQLDatabase) async throws -> [String] {
        try await database.write("migrate") { connection in
            try connection.execute("CREATE TABLE IF NOT EXISTS schema_migration (name TEXT NOT NULL PRIMARY KEY)")
            let applied = Set(try connection.query("SELECT name FROM schema_migration", []).map { $0.text("name") })
            var ran: [String] = []
            for migration in all where !applied.contains(migration.name) {
                for statement in migration.statements { try connection.execute(statement) }
                try connection.execute("INSERT INTO schema_migration (name) VALUES (?)", [.text(migration.name)])
                ran.append(migration.name)
            }
            return ran
        }
    }
}
