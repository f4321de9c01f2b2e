import Testing

@testable import RapportCore

/// Malformed expressions throw an error whose message tells the user what to fix.
struct FilterExpressionErrorTests {
    private func error(_ text: String, _ type: FilterValueType = .text) -> FilterExpressionError? {
        do {
            _ = try FilterExpression.parse(text, as: type)
            return nil
        } catch {
            return error
        }
    }

    @Test func structuralErrors() {
        let cases: [(String, FilterExpressionError)] = [
            ("", .empty),
            ("   ", .empty),
            ("A||B", .emptyTerm(after: "|")),
            ("A|", .emptyTerm(after: "|")),
            ("A&", .emptyTerm(after: "&")),
            ("|A", .emptyTerm(after: nil)),
            ("A| |B", .emptyTerm(after: "|")),
            ("()", .emptyTerm(after: "(")),
            ("A..B..C", .multipleRanges),
            ("..", .rangeNeedsValue),
            ("(A|B", .missingClosingParenthesis),
            ("A|B)", .unexpectedClosingParenthesis),
            ("(A)B", .expectedOperator(after: ")")),
            ("'abc", .unclosedQuote),
            ("'it''s", .unclosedQuote),
            ("ab'c", .unclosedQuote),
            ("<>", .missingValue(operator: "<>")),
            (">=", .missingValue(operator: ">=")),
            ("<", .missingValue(operator: "<")),
            ("=", .missingValue(operator: "=")),
            ("<>|A", .missingValue(operator: "<>")),
            ("@", .missingValue(operator: "@")),
            ("<A..B", .operatorInRange(operator: "<")),
            ("A<B", .misplacedOperator("<")),
            ("A=B", .misplacedOperator("=")),
            ("A(B)", .misplacedOperator("(")),
            ("@@a", .misplacedCaseless),
            ("@<>@a", .misplacedCaseless),
            ("a..@b", .misplacedCaseless),
            ("<*a", .wildcardWithOperator("<")),
            ("a*..b", .wildcardWithOperator("..")),
        ]
        for (text, expected) in cases {
            #expect(error(text) == expected, "\(text)")
        }
    }

    @Test func valueErrors() {
        #expect(error("abc", .integer) == .invalidValue("abc", .integer))
        #expect(error("1.5", .integer) == .invalidValue("1.5", .integer))
        #expect(error("99999999999999999999", .integer) == .invalidValue("99999999999999999999", .integer))
        #expect(error("abc", .decimal) == .invalidValue("abc", .decimal))
        #expect(error("inf", .decimal) == .invalidValue("inf", .decimal))
        #expect(error("1..x", .decimal) == .invalidValue("x", .decimal))
        #expect(error("2023-02-29", .date) == .invalidValue("2023-02-29", .date))
        #expect(error("2024-13-01", .date) == .invalidValue("2024-13-01", .date))
        #expect(error("24-01-01", .date) == .invalidValue("24-01-01", .date))
        #expect(error("maybe", .boolean) == .invalidValue("maybe", .boolean))
        let options = ["hardCopy", "email"]
        #expect(error("fax", .enumeration(options)) == .unknownOption("fax", allowed: options))
        #expect(error("1*", .integer) == .wildcardNotAllowed(.integer))
        #expect(error("2024-*", .date) == .wildcardNotAllowed(.date))
        #expect(error("@1", .integer) == .caselessNotAllowed(.integer))
        #expect(error("@true", .boolean) == .caselessNotAllowed(.boolean))
    }

    @Test func messagesAreReadable() {
        #expect(error("abc", .decimal)?.message == "'abc' is not a number")
        #expect(error("abc", .integer)?.message == "'abc' is not a whole number")
        #expect(error("'abc")?.message == "unclosed quote: every ' must have a closing '")
        #expect(error("..")?.message == "'..' needs a value on at least one side")
        #expect(error("<>")?.message == "'<>' needs a value")
        #expect(error("A||B")?.message == "there is nothing after '|'")
        #expect(error("(A")?.message == "'(' is never closed: add ')'")
        #expect(error("2024-02-30", .date)?.message == "'2024-02-30' is not a valid date (use YYYY-MM-DD)")
        #expect(
            error("fax", .enumeration(["hardCopy", "email"]))?.message
                == "'fax' is not one of the allowed values: hardCopy, email")
        #expect(error("A<B")?.message == "'<' can only start a term; put the value in quotes to search for '<' itself")
        #expect(error("", .text)?.description == "the filter is empty")
    }
}
