import Testing

@testable import RapportPostgres

@Suite("PostgreSQL dialect")
struct PostgresDialectTests {
    @Test func placeholdersAreNumberedOutsideLiteralsAndComments() {
        #expect(
            PostgresDialect.placeholders("SELECT ? , '?', \"a?\" FROM t WHERE x = ? -- why?\nAND y = ?")
                == "SELECT $1 , '?', \"a?\" FROM t WHERE x = $2 -- why?\nAND y = $3")
        #expect(PostgresDialect.placeholders("SELECT 'it''s ?' , ?") == "SELECT 'it''s ?' , $1")
        #expect(PostgresDialect.placeholders("SELECT 1") == "SELECT 1")
    }

    @Test func wholeNumericsAreIntegersAsInSQLite() {
        #expect(PostgresNumbers.number("42") == .integer(42))
        #expect(PostgresNumbers.number("42.000") == .integer(42))
        #expect(PostgresNumbers.number("2.5") == .real(2.5))
        #expect(PostgresNumbers.number("-7") == .integer(-7))
    }
}
