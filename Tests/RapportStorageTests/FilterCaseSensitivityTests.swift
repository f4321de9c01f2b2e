import RapportCore
import RapportPostgres
import RapportSQLite
import Testing

@testable import RapportStorage

/// BC matches case-sensitively, wildcards included; only `@` ignores case (product.md §3). SQLite's `LIKE` folds
/// ASCII case, so these concrete answers hold the compiled SQL to that on both backends.
struct FilterCaseSensitivityTests {
    static let names = ["Smith", "SMITH", "smith", "blacksmith", "Jones & Co", "Ünal", "ünal"]

    @Test func wildcardsWithoutAtAreCaseSensitiveOnSQLite() async throws {
        try await Self.check(on: try SQLiteDatabase(path: ":memory:"))
    }

    @Test(.enabled(if: TestPostgres.isConfigured, TestPostgres.skipReason))
    func wildcardsWithoutAtAreCaseSensitiveOnPostgreSQL() async throws {
        try await Self.check(on: try await TestPostgres.database())
    }

    static func check(on database: any SQLDatabase) async throws {
        let table = try await FilterTestTable.create(.text, rows: names.map { .text($0) }, in: database)
        func ids(_ filter: String) async throws -> [Int] {
            let expression = try FilterExpression.parse(filter, as: .text)
            return try await table.select(try expression.sql(for: table.column, dialect: database.dialect))
        }
        #expect(try await ids("*smith*") == [2, 3])
        #expect(try await ids("@*smith*") == [0, 1, 2, 3])
        #expect(try await ids("S*") == [0, 1])
        #expect(try await ids("s*") == [2])
        #expect(try await ids("*MITH") == [1])
        #expect(try await ids("?mith") == [0, 2])
        #expect(try await ids("<>*smith*") == [0, 1, 4, 5, 6])
        #expect(try await ids("Ü*") == [5])
        #expect(try await ids("@Ü*") == [5, 6])
        #expect(try await ids("'Jones & Co'") == [4])
        #expect(try await ids("*'&'*") == [4])
        try await database.close()
    }
}
