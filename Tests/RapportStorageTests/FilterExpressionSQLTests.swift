import Testing

@testable import RapportCore
@testable import RapportStorage

/// The compiler's exact SQL and binds for representative filters.
struct FilterExpressionSQLTests {
    private let city = FilterColumn(sql: "c.city", foldedSQL: "c.city_fold", type: .text)

    private func sql(
        _ filter: String, _ column: FilterColumn? = nil, dialect: SQLDialect = .postgres
    ) throws -> SQLFragment {
        let column = column ?? city
        return try FilterExpression.parse(filter, as: column.type).sql(for: column, dialect: dialect)
    }

    @Test func textComparisons() throws {
        #expect(try sql("Paris") == SQLFragment("c.city = ?", [.text("Paris")]))
        #expect(try sql("<>Paris") == SQLFragment("(c.city IS NULL OR c.city <> ?)", [.text("Paris")]))
        #expect(try sql("<Paris") == SQLFragment("(c.city IS NULL OR c.city < ?)", [.text("Paris")]))
        #expect(try sql("<=Paris") == SQLFragment("(c.city IS NULL OR c.city <= ?)", [.text("Paris")]))
        #expect(try sql(">Paris") == SQLFragment("c.city > ?", [.text("Paris")]))
        #expect(try sql(">=Paris") == SQLFragment("c.city >= ?", [.text("Paris")]))
        #expect(try sql("'O''Hare'") == SQLFragment("c.city = ?", [.text("O'Hare")]))
    }

    @Test func textRanges() throws {
        #expect(try sql("A..C") == SQLFragment("(c.city >= ? AND c.city <= ?)", [.text("A"), .text("C")]))
        #expect(try sql("..C") == SQLFragment("(c.city IS NULL OR c.city <= ?)", [.text("C")]))
        #expect(try sql("A..") == SQLFragment("c.city >= ?", [.text("A")]))
        #expect(try sql("''..C") == SQLFragment("(c.city IS NULL OR (c.city >= '' AND c.city <= ?))", [.text("C")]))
    }

    @Test func blank() throws {
        #expect(try sql("''") == SQLFragment("(c.city IS NULL OR c.city = '')"))
        #expect(try sql("<>''") == SQLFragment("c.city <> ''"))
        let amount = FilterColumn(sql: "o.amount", type: .integer)
        #expect(try sql("''", amount) == SQLFragment("o.amount IS NULL"))
        #expect(try sql("<>''", amount) == SQLFragment("o.amount IS NOT NULL"))
        #expect(try sql(">=''", amount) == SQLFragment("1 = 1"))
        #expect(try sql("<''", amount) == SQLFragment("1 = 0"))
    }

    @Test func orAndNesting() throws {
        // Plain values ORed on one column are one IN list; anything else stays an OR of its terms.
        #expect(try sql("Paris|Rome") == SQLFragment("c.city IN (?, ?)", [.text("Paris"), .text("Rome")]))
        #expect(
            try sql("(A|B)&<>C")
                == SQLFragment(
                    "(c.city IN (?, ?) AND (c.city IS NULL OR c.city <> ?))", [.text("A"), .text("B"), .text("C")]))
        #expect(try sql("A|''") == SQLFragment("(c.city = ? OR (c.city IS NULL OR c.city = ''))", [.text("A")]))
        #expect(try sql("A|>M") == SQLFragment("(c.city = ? OR c.city > ?)", [.text("A"), .text("M")]))
        #expect(try sql("A|@b") == SQLFragment("(c.city = ? OR c.city_fold = ?)", [.text("A"), .text("b")]))
        #expect(try sql("@A|@b") == SQLFragment("c.city_fold IN (?, ?)", [.text("a"), .text("b")]))
    }

    @Test func caselessTermsUseTheFoldedColumn() throws {
        #expect(try sql("@Straße") == SQLFragment("c.city_fold = ?", [.text("strasse")]))
        #expect(try sql("@<>Paris") == SQLFragment("(c.city_fold IS NULL OR c.city_fold <> ?)", [.text("paris")]))
        #expect(try sql("@a..C") == SQLFragment("(c.city_fold >= ? AND c.city_fold <= ?)", [.text("a"), .text("c")]))
        #expect(try sql("@*Par*") == SQLFragment("c.city_fold LIKE ? ESCAPE '\\'", [.text("%par%")]))
        #expect(try sql("@*Par*", dialect: .sqlite) == SQLFragment("c.city_fold GLOB ?", [.text("*par*")]))
    }

    @Test func wildcardsWithoutAtCompareTheStoredTextCaseSensitively() throws {
        #expect(try sql("*Par*") == SQLFragment("c.city LIKE ? ESCAPE '\\'", [.text("%Par%")]))
        #expect(try sql("J?hn") == SQLFragment("c.city LIKE ? ESCAPE '\\'", [.text("J_hn")]))
        #expect(
            try sql("<>*x*") == SQLFragment("(c.city IS NULL OR c.city NOT LIKE ? ESCAPE '\\')", [.text("%x%")]))
        #expect(try sql("*") == SQLFragment("(c.city IS NULL OR c.city LIKE ? ESCAPE '\\')", [.text("%")]))
        // SQLite's LIKE folds ASCII case; its GLOB does not.
        #expect(try sql("*Par*", dialect: .sqlite) == SQLFragment("c.city GLOB ?", [.text("*Par*")]))
        #expect(try sql("J?hn", dialect: .sqlite) == SQLFragment("c.city GLOB ?", [.text("J?hn")]))
        #expect(
            try sql("<>*x*", dialect: .sqlite) == SQLFragment("(c.city IS NULL OR c.city NOT GLOB ?)", [.text("*x*")]))
    }

    @Test func likeEscapesPercentUnderscoreAndBackslash() throws {
        #expect(try sql("*50%*") == SQLFragment("c.city LIKE ? ESCAPE '\\'", [.text("%50\\%%")]))
        #expect(try sql("a_b*") == SQLFragment("c.city LIKE ? ESCAPE '\\'", [.text("a\\_b%")]))
        #expect(try sql("C:\\dir*") == SQLFragment("c.city LIKE ? ESCAPE '\\'", [.text("C:\\\\dir%")]))
        #expect(try sql("'*'*") == SQLFragment("c.city LIKE ? ESCAPE '\\'", [.text("*%")]))
    }

    @Test func globPutsStarQuestionMarkAndBracketInAClass() throws {
        #expect(try sql("'*'*", dialect: .sqlite) == SQLFragment("c.city GLOB ?", [.text("[*]*")]))
        #expect(try sql("'?'*", dialect: .sqlite) == SQLFragment("c.city GLOB ?", [.text("[?]*")]))
        #expect(try sql("[a]*", dialect: .sqlite) == SQLFragment("c.city GLOB ?", [.text("[[]a]*")]))
        #expect(try sql("*50%_\\*", dialect: .sqlite) == SQLFragment("c.city GLOB ?", [.text("*50%_\\*")]))
    }

    @Test func codes() throws {
        let code = FilterColumn(sql: "c.salesperson", type: .code)
        #expect(
            try sql("jo|rb", code)
                == SQLFragment("c.salesperson IN (?, ?)", [.text("JO"), .text("RB")]))
        #expect(try sql("@jo", code) == SQLFragment("c.salesperson = ?", [.text("JO")]))
        #expect(try sql("j*", code) == SQLFragment("c.salesperson LIKE ? ESCAPE '\\'", [.text("J%")]))
        #expect(try sql("j*", code, dialect: .sqlite) == SQLFragment("c.salesperson GLOB ?", [.text("J*")]))
    }

    @Test func typedBinds() throws {
        let amount = FilterColumn(sql: "o.qty", type: .integer)
        #expect(try sql("<5", amount) == SQLFragment("(o.qty IS NULL OR o.qty < ?)", [.integer(5)]))
        #expect(try sql("1..10", amount) == SQLFragment("(o.qty >= ? AND o.qty <= ?)", [.integer(1), .integer(10)]))
        let price = FilterColumn(sql: "o.price", type: .decimal)
        #expect(try sql(">=9.99", price) == SQLFragment("o.price >= ?", [.real(9.99)]))
        let flag = FilterColumn(sql: "c.blocked", type: .boolean)
        #expect(try sql("yes", flag) == SQLFragment("c.blocked = ?", [.integer(1)]))
        #expect(try sql("<>true", flag) == SQLFragment("(c.blocked IS NULL OR c.blocked <> ?)", [.integer(1)]))
        let due = FilterColumn(sql: "i.due", type: .date)
        #expect(try sql("..2024-12-31", due) == SQLFragment("(i.due IS NULL OR i.due <= ?)", [.text("2024-12-31")]))
    }

    @Test func options() throws {
        let method = FilterColumn(sql: "c.method", type: .enumeration(["hardCopy", "email", "phone"]))
        #expect(try sql("EMAIL", method) == SQLFragment("c.method = ?", [.text("email")]))
        #expect(try sql("email|phone", method) == SQLFragment("c.method IN (?, ?)", [.text("email"), .text("phone")]))
        #expect(try sql("<>email", method) == SQLFragment("(c.method IS NULL OR c.method <> ?)", [.text("email")]))
        #expect(
            try sql("<phone", method)
                == SQLFragment(
                    "(c.method IS NULL OR c.method = '' OR c.method IN (?, ?))", [.text("hardCopy"), .text("email")]))
        #expect(try sql("''", method) == SQLFragment("(c.method IS NULL OR c.method = '')"))
        #expect(try sql("<>''", method) == SQLFragment("c.method <> ''"))
        #expect(
            try sql("<>*o*&<>''", method)
                == SQLFragment(
                    "(c.method <> '' AND c.method NOT IN (?, ?))", [.text("hardCopy"), .text("phone")]))
        #expect(try sql("*x*", method) == SQLFragment("1 = 0"))
    }
}
