import RapportCore
import RapportPostgres
import RapportSQLite
import Testing

@testable import RapportStorage

/// Bulk loads go through `BatchInsert`: multi-row statements on SQLite (values bound straight to the
/// statement), `COPY` on PostgreSQL. Every kind of value, the empty text in particular, must arrive as sent.
@Suite("Batch inserts")
struct BatchInsertTests {
    static let rows: [[SQLValue]] = (0..<150).map(row)

    static func row(_ number: Int) -> [SQLValue] {
        let text: SQLValue = number % 3 == 0 ? .text("") : .text("näme \(number) 🎉")
        let real: SQLValue = number % 5 == 0 ? .null : .real(Double(number) / 4)
        let extra: SQLValue = number % 7 == 0 ? .null : .text("x")
        return [.integer(Int64(number)), text, real, extra]
    }

    static func roundTrip(_ database: any SQLDatabase) async throws -> [[SQLValue]] {
        try await database.write("batch") { connection in
            try connection.execute("CREATE TABLE batch_probe (n BIGINT NOT NULL, t TEXT, r DOUBLE PRECISION, x TEXT)")
            let insert = BatchInsert(connection, table: "batch_probe", columns: ["n", "t", "r", "x"])
            for row in Self.rows { try insert.append(row) }
            try insert.flush()
            return try connection.query("SELECT n, t, r, x FROM batch_probe ORDER BY n", []).map(\.values)
        }
    }

    @Test func sqliteKeepsEveryValueAcrossFullAndPartialBatches() async throws {
        let stored = try await Self.roundTrip(try SQLiteDatabase(path: ":memory:"))
        #expect(stored == Self.rows)
    }

    @Test(.enabled(if: TestPostgres.isConfigured, TestPostgres.skipReason))
    func postgreSQLKeepsEveryValue() async throws {
        let database = try await TestPostgres.database()
        let stored = try await Self.roundTrip(database)
        #expect(stored == Self.rows)
    }
}
