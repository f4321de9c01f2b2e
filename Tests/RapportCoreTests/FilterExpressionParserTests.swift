import Testing

@testable import RapportCore

/// Parsing: every operator, quoting, code upper-casing and the canonical text.
struct FilterExpressionParserTests {
    private func root(_ text: String, _ type: FilterValueType = .text) throws -> FilterNode {
        try FilterExpression.parse(text, as: type).root
    }

    private func eq(_ text: String) -> FilterNode {
        .comparison(.equal, .text(text), caseless: false)
    }

    @Test func plainValueIsEquality() throws {
        #expect(try root("Smith") == eq("Smith"))
        #expect(try root("=Smith") == eq("Smith"))
        #expect(try root("  Smith  ") == eq("Smith"))
        #expect(try root("John Smith") == eq("John Smith"))
    }

    @Test func comparisonOperators() throws {
        let cases: [(String, FilterComparison)] = [
            ("<>A", .notEqual), ("<A", .less), ("<=A", .lessOrEqual), (">A", .greater), (">=A", .greaterOrEqual),
            ("= A", .equal), ("<> A", .notEqual),
        ]
        for (text, op) in cases {
            #expect(try root(text) == .comparison(op, .text("A"), caseless: false), "\(text)")
        }
    }

    @Test func ranges() throws {
        #expect(try root("A..C") == .range(from: .text("A"), to: .text("C"), caseless: false))
        #expect(try root("..C") == .range(from: nil, to: .text("C"), caseless: false))
        #expect(try root("A..") == .range(from: .text("A"), to: nil, caseless: false))
        #expect(try root(" A .. C ") == .range(from: .text("A"), to: .text("C"), caseless: false))
        #expect(try root("10..20", .integer) == .range(from: .integer(10), to: .integer(20), caseless: false))
        #expect(try root("-5..-1", .integer) == .range(from: .integer(-5), to: .integer(-1), caseless: false))
        #expect(try root("1.5..2", .decimal) == .range(from: .decimal(1.5), to: .decimal(2), caseless: false))
    }

    @Test func orAndPrecedenceAndParentheses() throws {
        #expect(try root("A|B|C") == .or([eq("A"), eq("B"), eq("C")]))
        #expect(try root("A|B&C") == .or([eq("A"), .and([eq("B"), eq("C")])]))
        #expect(try root("(A|B)&C") == .and([.or([eq("A"), eq("B")]), eq("C")]))
        #expect(try root("((A))") == eq("A"))
        #expect(try root("(A|B)|C") == .or([eq("A"), eq("B"), eq("C")]))
        #expect(
            try root(">A&<C")
                == .and([
                    .comparison(.greater, .text("A"), caseless: false), .comparison(.less, .text("C"), caseless: false),
                ]))
    }

    @Test func wildcardsAndCaseless() throws {
        #expect(
            try root("*part*")
                == .pattern(
                    FilterPattern([.anySequence, .literal("part"), .anySequence]),
                    negated: false, caseless: false))
        #expect(
            try root("part*")
                == .pattern(
                    FilterPattern([.literal("part"), .anySequence]),
                    negated: false, caseless: false))
        #expect(
            try root("J?hn")
                == .pattern(
                    FilterPattern([.literal("J"), .anyCharacter, .literal("hn")]),
                    negated: false, caseless: false))
        #expect(
            try root("<>*x")
                == .pattern(
                    FilterPattern([.anySequence, .literal("x")]), negated: true,
                    caseless: false))
        #expect(try root("@smith") == .comparison(.equal, .text("smith"), caseless: true))
        #expect(
            try root("@*smith*")
                == .pattern(
                    FilterPattern([.anySequence, .literal("smith"), .anySequence]),
                    negated: false, caseless: true))
        #expect(try root("@a..c") == .range(from: .text("a"), to: .text("c"), caseless: true))
        #expect(try root("<>@a") == .comparison(.notEqual, .text("a"), caseless: true))
        #expect(try root("@<>a") == .comparison(.notEqual, .text("a"), caseless: true))
        #expect(try root("john@example.com") == eq("john@example.com"))
    }

    @Test func blankValue() throws {
        #expect(try root("''") == .comparison(.equal, .blank, caseless: false))
        #expect(try root("<>''") == .comparison(.notEqual, .blank, caseless: false))
        #expect(try root("@''") == .comparison(.equal, .blank, caseless: false))
        #expect(try root("''", .integer) == .comparison(.equal, .blank, caseless: false))
        #expect(try root("''|A") == .or([.comparison(.equal, .blank, caseless: false), eq("A")]))
    }

    @Test func quotedValuesAreLiteral() throws {
        #expect(try root("'A|B'") == eq("A|B"))
        #expect(try root("'A&B'") == eq("A&B"))
        #expect(try root("'1..2'") == eq("1..2"))
        #expect(try root("'*'") == eq("*"))
        #expect(try root("'(x)'") == eq("(x)"))
        #expect(try root("'@home'") == eq("@home"))
        #expect(try root("'<>'") == eq("<>"))
        #expect(try root("'it''s'") == eq("it's"))
        #expect(try root("''''") == eq("'"))
        #expect(try root("' padded '") == eq(" padded "))
        #expect(try root("'a b'|c") == .or([eq("a b"), eq("c")]))
        #expect(try root("<>'A|B'") == .comparison(.notEqual, .text("A|B"), caseless: false))
        #expect(try root("'a'..'b|c'") == .range(from: .text("a"), to: .text("b|c"), caseless: false))
        // A quoted * is literal, an unquoted one a wildcard.
        #expect(
            try root("'*'*")
                == .pattern(
                    FilterPattern([.literal("*"), .anySequence]), negated: false,
                    caseless: false))
    }

    @Test func codesAreUpperCased() throws {
        #expect(try root("jo|rb", .code) == .or([eq("JO"), eq("RB")]))
        #expect(try root("straße", .code) == eq("STRASSE"))
        #expect(
            try root("a*", .code)
                == .pattern(
                    FilterPattern([.literal("A"), .anySequence]), negated: false,
                    caseless: false))
        #expect(try FilterExpression.parse("jo|rb", as: .code).text == "JO|RB")
    }

    @Test func typedValues() throws {
        #expect(try root("+42", .integer) == .comparison(.equal, .integer(42), caseless: false))
        #expect(try root("-0.5", .decimal) == .comparison(.equal, .decimal(-0.5), caseless: false))
        #expect(try root("1e3", .decimal) == .comparison(.equal, .decimal(1000), caseless: false))
        #expect(try root("2024-02-29", .date) == eq("2024-02-29"))
        for (text, value) in [("TRUE", 1), ("yes", 1), ("1", 1), ("False", 0), ("NO", 0), ("0", 0)] {
            #expect(try root(text, .boolean) == .comparison(.equal, .integer(Int64(value)), caseless: false))
        }
        let options = FilterValueType.enumeration(["hardCopy", "email"])
        #expect(try root("HARDCOPY|Email", options) == .or([eq("hardCopy"), eq("email")]))
        #expect(
            try root("*copy*", options)
                == .pattern(
                    FilterPattern([.anySequence, .literal("copy"), .anySequence]),
                    negated: false, caseless: false))
    }

    @Test func canonicalText() throws {
        let cases: [(String, FilterValueType, String)] = [
            (" jo | rb ", .code, "JO|RB"),
            ("(A|B)&C", .text, "(A|B)&C"),
            ("((A&B))|C", .text, "A&B|C"),
            ("=A", .text, "A"),
            ("'A|B'", .text, "'A|B'"),
            ("'it''s'", .text, "'it''s'"),
            ("'*'*", .text, "'*'*"),
            ("@ *smith*", .text, "@*smith*"),
            ("<> @ x", .text, "@<>x"),
            ("..'b.'", .text, "..'b.'"),
            ("'a..b'", .text, "'a..b'"),
            ("' x'", .text, "' x'"),
            ("007", .integer, "7"),
            ("1.50..2.0", .decimal, "1.5..2"),
            ("yes|0", .boolean, "true|false"),
            ("EMAIL", .enumeration(["hardCopy", "email"]), "email"),
            ("''|<>''", .date, "''|<>''"),
        ]
        for (input, type, expected) in cases {
            let expression = try FilterExpression.parse(input, as: type)
            #expect(expression.text == expected, "\(input)")
            #expect(try FilterExpression.parse(expression.text, as: type) == expression, "\(input)")
        }
    }

    @Test func combiningMarkAfterQuoteIsStillAQuote() throws {
        // A quote followed by U+0301 is one Character in Swift; the parser must still see the quote.
        #expect(try root("'\u{301}x'") == eq("\u{301}x"))
    }
}
