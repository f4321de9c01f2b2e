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

    @Test func columnTypesBecomePostgresTypesAndTextSortsByCodePoint() {
        #expect(
            PostgresDialect.ddl(
                "CREATE TABLE t (text TEXT NOT NULL DEFAULT 'INTEGER', n INTEGER CHECK (n IN (0, 1)), r REAL, b BLOB)")
                == "CREATE TABLE t (text TEXT COLLATE \"C\" NOT NULL DEFAULT 'INTEGER', n BIGINT CHECK (n IN (0, 1)), "
                + "r DOUBLE PRECISION, b BYTEA)")
        #expect(
            PostgresDialect.ddl("ALTER TABLE t ADD COLUMN claimed_by TEXT")
                == "ALTER TABLE t ADD COLUMN claimed_by TEXT COLLATE \"C\"")
        #expect(
            PostgresDialect.ddl("CREATE TEMP TABLE s (row BIGINT NOT NULL, name TEXT)")
                == "CREATE TEMP TABLE s (row BIGINT NOT NULL, name TEXT COLLATE \"C\")")
        #expect(PostgresDialect.ddl("SELECT CAST(x AS INTEGER) FROM t") == "SELECT CAST(x AS INTEGER) FROM t")
        #expect(
            PostgresDialect.ddl("CREATE INDEX i ON t (text, integer)") == "CREATE INDEX i ON t (text, integer)")
    }

    @Test func wholeNumericsAreIntegersAsInSQLite() {
        #expect(PostgresNumbers.number("42") == .integer(42))
        #expect(PostgresNumbers.number("42.000") == .integer(42))
        #expect(PostgresNumbers.number("2.5") == .real(2.5))
        #expect(PostgresNumbers.number("-7") == .integer(-7))
    }
}
