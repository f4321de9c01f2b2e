import Foundation
import RapportPostgres
import RapportSQLite
import Testing

@testable import RapportCore
@testable import RapportStorage

/// Property test: for random data and random filter expressions, the SQL compiled from a filter selects, on a real
/// database of each backend, exactly the rows the in-memory evaluator accepts. It also checks that the canonical
/// text parses back to the same filter. The generator is seeded, so a failure names a reproducible case.
struct FilterSQLPropertyTests {
    private static let casesPerType = 300
    static let types: [FilterValueType] = [
        .text, .code, .integer, .decimal, .date, .boolean, .enumeration(["hardCopy", "email", "phone", "webForm"]),
    ]

    @Test(arguments: types)
    func compiledSQLSelectsWhatTheEvaluatorAcceptsOnSQLite(type: FilterValueType) async throws {
        try await Self.check(type, on: try SQLiteDatabase(path: ":memory:"))
    }

    @Test(.enabled(if: TestPostgres.isConfigured, TestPostgres.skipReason), arguments: types)
    func compiledSQLSelectsWhatTheEvaluatorAcceptsOnPostgreSQL(type: FilterValueType) async throws {
        try await Self.check(type, on: try await TestPostgres.database())
    }

    /// Random filters over random rows, then the hand-written ones of `FilterSamples` over the same rows.
    static func check(_ type: FilterValueType, on database: any SQLDatabase) async throws {
        var generator = FilterCaseGenerator(type: type, seed: 0x5EED_F11E + UInt64(String(describing: type).count))
        let rows = (0..<60).map { _ in generator.storedValue() } + FilterSamples.values(type)
        let table = try await FilterTestTable.create(type, rows: rows, in: database)
        let texts = (0..<casesPerType).map { _ in generator.expression(depth: 2) } + FilterSamples.filters(type)
        for text in texts {
            let expression: FilterExpression
            do {
                expression = try FilterExpression.parse(text, as: type)
            } catch {
                Issue.record("\(type): \(text) did not parse: \(error)")
                continue
            }
            let fragment = try expression.sql(for: table.column, dialect: database.dialect)
            let selected = try await table.select(fragment)
            let accepted = rows.indices.filter { expression.matches(rows[$0]) }
            #expect(
                selected == accepted, "\(database.dialect) \(type): \(text) → \(fragment.sql) \(fragment.binds)")
            let reparsed = try FilterExpression.parse(expression.text, as: type)
            #expect(reparsed == expression, "\(type): \(text) → \(expression.text)")
        }
        try await database.close()
    }
}

/// Hand-picked values and filters the random ones may miss: case differences, quotes, `&` and `|` kept literal,
/// ranges, wildcards with and without `@`, emoji, combining characters and right-to-left text.
enum FilterSamples {
    static func values(_ type: FilterValueType) -> [SQLValue] {
        guard type == .text || type == .code else { return [] }
        let words = [
            "Jones & Co", "jones & co", "Smith", "SMITH", "smith", "blacksmith", "O'Hare", "o'hare", "A|B", "a|b",
            "😀 Smile", "😀 smile", "שלום", "مرحبا", "café", "cafe\u{301}", "CAFÉ", "Straße", "STRASSE", "[x]", "x*y",
        ]
        return words.map { .text(type == .code ? $0.uppercased() : $0) }
    }

    static func filters(_ type: FilterValueType) -> [String] {
        guard type == .text || type == .code else { return [] }
        return [
            "'Jones & Co'", "@'jones & co'", "'Jones & Co'|'A|B'", "'A|B'", "@'a|b'", "*smith*", "@*smith*",
            "*Smith", "S*", "s*", "@S*", "<>*smith*", "@<>*smith*", "'O''Hare'", "@'o''hare'", "*''''*", "*&*",
            "*'|'*", "Jones*&*Co", "A..Smith", "@a..smith", "'😀'*", "@'😀 SMILE'", "*😀*", "?😀*", "שלום",
            "*ל*", "@مرحبا", "caf?", "cafe?", "café|cafe\u{301}", "@CAFÉ", "*\u{301}", "@straße", "*'['*",
            "'x*y'", "*'*'*", "?*", "''|*smith", "<>''&<>*h*",
        ]
    }
}
