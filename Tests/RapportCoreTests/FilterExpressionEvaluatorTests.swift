import Testing

@testable import RapportCore

/// In-memory evaluation: truth tables on concrete stored values.
struct FilterExpressionEvaluatorTests {
    /// The values of `column` that `filter` accepts, in order.
    private func accepted(
        _ filter: String, _ type: FilterValueType = .text, in column: [SQLValue]
    ) throws
        -> [SQLValue]
    {
        let expression = try FilterExpression.parse(filter, as: type)
        return column.filter(expression.matches)
    }

    private let names: [SQLValue] = [.null, .text(""), .text("Adams"), .text("baker"), .text("Baker"), .text("Carter")]

    @Test func equalityAndNotEqual() throws {
        #expect(try accepted("Baker", in: names) == [.text("Baker")])
        #expect(
            try accepted("<>Baker", in: names)
                == [.null, .text(""), .text("Adams"), .text("baker"), .text("Carter")])
        #expect(try accepted("Adams|Carter", in: names) == [.text("Adams"), .text("Carter")])
    }

    @Test func blankMatchesNullAndEmpty() throws {
        #expect(try accepted("''", in: names) == [.null, .text("")])
        #expect(try accepted("<>''", in: names) == [.text("Adams"), .text("baker"), .text("Baker"), .text("Carter")])
    }

    @Test func orderingIsByCodePointWithNullLowest() throws {
        // "B" (U+0042) sorts before "b" (U+0062), so "baker" is above "Baker" and "Carter".
        #expect(try accepted("<Baker", in: names) == [.null, .text(""), .text("Adams")])
        #expect(try accepted("<=Baker", in: names) == [.null, .text(""), .text("Adams"), .text("Baker")])
        #expect(try accepted(">Baker", in: names) == [.text("baker"), .text("Carter")])
        #expect(try accepted(">=Baker", in: names) == [.text("baker"), .text("Baker"), .text("Carter")])
        #expect(try accepted("..Baker", in: names) == [.null, .text(""), .text("Adams"), .text("Baker")])
        #expect(try accepted("Baker..", in: names) == [.text("baker"), .text("Baker"), .text("Carter")])
        #expect(try accepted("Adams..Baker", in: names) == [.text("Adams"), .text("Baker")])
        #expect(try accepted("Baker..Adams", in: names) == [])
    }

    @Test func andOr() throws {
        #expect(try accepted(">A&<C", in: names) == [.text("Adams"), .text("Baker")])
        #expect(try accepted("''|>=C", in: names) == [.null, .text(""), .text("baker"), .text("Carter")])
        #expect(try accepted("(Adams|Baker)&<>Adams", in: names) == [.text("Baker")])
    }

    @Test func wildcardsCompareTheStoredTextCaseSensitively() throws {
        #expect(try accepted("*ak*", in: names) == [.text("baker"), .text("Baker")])
        #expect(try accepted("B*", in: names) == [.text("Baker")])
        #expect(try accepted("b*", in: names) == [.text("baker")])
        #expect(try accepted("?arter", in: names) == [.text("Carter")])
        #expect(try accepted("*A*", in: names) == [.text("Adams")])
        let withoutCapitalA: [SQLValue] = [.null, .text(""), .text("baker"), .text("Baker"), .text("Carter")]
        #expect(try accepted("<>*A*", in: names) == withoutCapitalA)
        #expect(try accepted("*", in: names) == names)
    }

    @Test func wildcardsWithAtAreCaseless() throws {
        #expect(try accepted("@B*", in: names) == [.text("baker"), .text("Baker")])
        #expect(try accepted("@*A*", in: names) == [.text("Adams"), .text("baker"), .text("Baker"), .text("Carter")])
        #expect(try accepted("@<>*A*", in: names) == [.null, .text("")])
    }

    @Test func caselessComparisons() throws {
        #expect(try accepted("@baker", in: names) == [.text("baker"), .text("Baker")])
        #expect(try accepted("@<>BAKER", in: names) == [.null, .text(""), .text("Adams"), .text("Carter")])
        #expect(try accepted("@b..c", in: names) == [.text("baker"), .text("Baker")])
        let streets: [SQLValue] = [.text("Straße"), .text("STRASSE"), .text("strasse"), .text("Strase")]
        #expect(try accepted("@straße", in: streets) == [.text("Straße"), .text("STRASSE"), .text("strasse")])
        #expect(try accepted("@STRASSE", in: streets) == [.text("Straße"), .text("STRASSE"), .text("strasse")])
        #expect(try accepted("Straße", in: streets) == [.text("Straße")])
        // ß folds to two letters, so in a caseless pattern one `?` can't stand for it; without `@` it does.
        #expect(try accepted("@stra??e", in: streets) == [.text("Straße"), .text("STRASSE"), .text("strasse")])
        #expect(try accepted("@stra?e", in: streets) == [.text("Strase")])
        #expect(try accepted("Stra?e", in: streets) == [.text("Straße"), .text("Strase")])
    }

    @Test func unicodeText() throws {
        let values: [SQLValue] = [
            .text("😀 smile"), .text("مرحبا"), .text("שלום"), .text("café"), .text("cafe\u{301}"), .text("Ωmega"),
        ]
        #expect(try accepted("😀*", in: values) == [.text("😀 smile")])
        #expect(try accepted("مرحبا", in: values) == [.text("مرحبا")])
        #expect(try accepted("*לו*", in: values) == [.text("שלום")])
        // Precomposed and decomposed "café" are different stored bytes: no canonical equivalence.
        #expect(try accepted("café", in: values) == [.text("café")])
        #expect(try accepted("cafe\u{301}", in: values) == [.text("cafe\u{301}")])
        // Code point order: Latin < Greek < Hebrew < Arabic < emoji.
        #expect(try accepted(">שלום", in: values) == [.text("😀 smile"), .text("مرحبا")])
        #expect(try accepted("@ωMEGA", in: values) == [.text("Ωmega")])
        // `?` is one scalar: the emoji is one, the decomposed é is two.
        #expect(try accepted("? smile", in: values) == [.text("😀 smile")])
        #expect(try accepted("caf??", in: values) == [.text("cafe\u{301}")])
    }

    @Test func specialCharactersInValues() throws {
        let values: [SQLValue] = [
            .text("A|B"), .text("A&B"), .text("<tag>"), .text("it's"), .text("50%"), .text("a_b"),
        ]
        #expect(try accepted("'A|B'", in: values) == [.text("A|B")])
        #expect(try accepted("'A&B'|'<tag>'", in: values) == [.text("A&B"), .text("<tag>")])
        #expect(try accepted("'it''s'", in: values) == [.text("it's")])
        #expect(try accepted("*''''*", in: values) == [.text("it's")])
        #expect(try accepted("*%", in: values) == [.text("50%")])
        #expect(try accepted("a_*", in: values) == [.text("a_b")])
    }

    @Test func codes() throws {
        let codes: [SQLValue] = [.null, .text("JO"), .text("RB"), .text("STRASSE")]
        #expect(try accepted("jo|rb", .code, in: codes) == [.text("JO"), .text("RB")])
        #expect(try accepted("@straße", .code, in: codes) == [.text("STRASSE")])
        #expect(try accepted("*o", .code, in: codes) == [.text("JO")])
        #expect(try accepted("<rb", .code, in: codes) == [.null, .text("JO")])
    }

    @Test func numbersTreatNullAsLowestBlank() throws {
        let values: [SQLValue] = [.null, .integer(-3), .integer(0), .integer(5), .integer(10)]
        #expect(try accepted("''", .integer, in: values) == [.null])
        #expect(try accepted("<>''", .integer, in: values) == [.integer(-3), .integer(0), .integer(5), .integer(10)])
        #expect(try accepted("0", .integer, in: values) == [.integer(0)])
        #expect(try accepted("<>5", .integer, in: values) == [.null, .integer(-3), .integer(0), .integer(10)])
        #expect(try accepted("<5", .integer, in: values) == [.null, .integer(-3), .integer(0)])
        #expect(try accepted(">0", .integer, in: values) == [.integer(5), .integer(10)])
        #expect(try accepted("..0", .integer, in: values) == [.null, .integer(-3), .integer(0)])
        #expect(try accepted("0..", .integer, in: values) == [.integer(0), .integer(5), .integer(10)])
        #expect(try accepted("-3..5&<>0", .integer, in: values) == [.integer(-3), .integer(5)])
        let reals: [SQLValue] = [.null, .real(0.5), .real(1.25), .real(2)]
        #expect(try accepted("0.5..1.5", .decimal, in: reals) == [.real(0.5), .real(1.25)])
        #expect(try accepted("<1", .decimal, in: reals) == [.null, .real(0.5)])
    }

    @Test func datesAndBooleans() throws {
        let dates: [SQLValue] = [.null, .text("2023-12-31"), .text("2024-01-01"), .text("2024-02-29")]
        #expect(try accepted("2024-01-01..", .date, in: dates) == [.text("2024-01-01"), .text("2024-02-29")])
        #expect(try accepted("<2024-01-01", .date, in: dates) == [.null, .text("2023-12-31")])
        #expect(try accepted("''", .date, in: dates) == [.null])
        let flags: [SQLValue] = [.null, .integer(0), .integer(1)]
        #expect(try accepted("yes", .boolean, in: flags) == [.integer(1)])
        #expect(try accepted("<>true", .boolean, in: flags) == [.null, .integer(0)])
        #expect(try accepted("false|''", .boolean, in: flags) == [.null, .integer(0)])
    }

    @Test func optionsFollowListOrder() throws {
        let type = FilterValueType.enumeration(["hardCopy", "email", "phone"])
        let values: [SQLValue] = [.null, .text(""), .text("hardCopy"), .text("email"), .text("phone"), .text("fax")]
        #expect(try accepted("EMAIL", type, in: values) == [.text("email")])
        #expect(
            try accepted("<>email", type, in: values)
                == [.null, .text(""), .text("hardCopy"), .text("phone"), .text("fax")])
        // "hardCopy" < "email" < "phone" by position in the list, not alphabetically; blank is lowest.
        #expect(try accepted("<email", type, in: values) == [.null, .text(""), .text("hardCopy")])
        #expect(try accepted("email..", type, in: values) == [.text("email"), .text("phone")])
        #expect(try accepted("*O*", type, in: values) == [.text("hardCopy"), .text("phone")])
        #expect(try accepted("<>*o*", type, in: values) == [.null, .text(""), .text("email"), .text("fax")])
        #expect(
            try accepted("<>''", type, in: values)
                == [.text("hardCopy"), .text("email"), .text("phone"), .text("fax")])
    }
}
