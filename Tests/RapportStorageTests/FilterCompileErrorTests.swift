import RapportCore
import Testing

@testable import RapportStorage

/// Filters that parse but cannot be compiled against the column they are aimed at.
@Suite("Filter compile errors")
struct FilterCompileErrorTests {
    @Test func compileErrors() throws {
        let caseless = try FilterExpression.parse("@smith", as: .text)
        #expect(throws: FilterExpressionError.noFoldedColumn(column: "c.city")) {
            try caseless.sql(for: FilterColumn(sql: "c.city", type: .text), dialect: .sqlite)
        }
        let caselessWildcard = try FilterExpression.parse("@a*", as: .text)
        #expect(throws: FilterExpressionError.noFoldedColumn(column: "c.city")) {
            try caselessWildcard.sql(for: FilterColumn(sql: "c.city", type: .text), dialect: .postgres)
        }
        let number = try FilterExpression.parse("5", as: .integer)
        #expect(throws: FilterExpressionError.columnTypeMismatch(column: "c.name", expected: .integer, actual: .text)) {
            try number.sql(for: FilterColumn(sql: "c.name", type: .text), dialect: .sqlite)
        }
        // A wildcard without `@` compares the stored text, so it needs no shadow column; nor do codes.
        let wildcard = try FilterExpression.parse("a*", as: .text)
        #expect(
            try wildcard.sql(for: FilterColumn(sql: "c.city", type: .text), dialect: .sqlite).sql == "c.city GLOB ?")
        let code = try FilterExpression.parse("a*", as: .code)
        #expect(
            try code.sql(for: FilterColumn(sql: "c.code", type: .code), dialect: .postgres).sql
                == "c.code LIKE ? ESCAPE '\\'")
    }
}
