/// Recursive-descent parser for the filter grammar:
///
///     expression := and ('|' and)*
///     and        := primary ('&' primary)*
///     primary    := '(' expression ')' | term
///     term       := ['@'] [operator ['@']] value | ['@'] [value] '..' [value]
///
/// It works on Unicode scalars rather than `Character`s so that a quote followed by a combining mark is still a
/// quote, and hands each scanned value to `FilterValueParser` for typing.
struct FilterExpressionParser {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private let values: FilterValueParser
    /// The last operator consumed, so an empty term can say where it is.
    private var lastOperator: String?

    init(_ text: String, type: FilterValueType) {
        scalars = Array(text.unicodeScalars)
        values = FilterValueParser(type: type)
    }

    mutating func parse() throws(FilterExpressionError) -> FilterNode {
        skipSpaces()
        if index == scalars.count {
            throw .empty
        }
        let node = try parseOr()
        if index < scalars.count {
            // parseOr stops only at ')' or at text after a closed parenthesis.
            throw scalars[index] == ")" ? .unexpectedClosingParenthesis : .expectedOperator(after: ")")
        }
        return node
    }

    private mutating func parseOr() throws(FilterExpressionError) -> FilterNode {
        var children = [try parseAnd()]
        while peek() == "|" {
            index += 1
            lastOperator = "|"
            children.append(try parseAnd())
        }
        return children.count == 1 ? children[0] : .or(children.flatMap(\.orChildren))
    }

    private mutating func parseAnd() throws(FilterExpressionError) -> FilterNode {
        var children = [try parsePrimary()]
        while peek() == "&" {
            index += 1
            lastOperator = "&"
            children.append(try parsePrimary())
        }
        return children.count == 1 ? children[0] : .and(children.flatMap(\.andChildren))
    }

    private mutating func parsePrimary() throws(FilterExpressionError) -> FilterNode {
        skipSpaces()
        guard peek() == "(" else {
            return try parseTerm()
        }
        index += 1
        lastOperator = "("
        let inner = try parseOr()
        guard peek() == ")" else {
            throw .missingClosingParenthesis
        }
        index += 1
        skipSpaces()
        // After a group only an operator or the end may follow: "(A)B" or "(A)..B" mean nothing.
        if let next = peek(), next != "|", next != "&", next != ")" {
            throw .expectedOperator(after: ")")
        }
        return inner
    }

    private mutating func parseTerm() throws(FilterExpressionError) -> FilterNode {
        skipSpaces()
        var caseless = try scanCaseless(alreadySet: false)
        let op = scanComparison()
        if op != nil {
            skipSpaces()
            caseless = try scanCaseless(alreadySet: caseless) || caseless
        }
        let first = try scanValue()
        guard peek() == ".", peek(offset: 1) == "." else {
            guard let first else {
                if let op {
                    throw .missingValue(operator: op.rawValue)
                }
                if caseless {
                    throw .missingValue(operator: "@")
                }
                throw .emptyTerm(after: lastOperator)
            }
            return try values.term(op, first, caseless: caseless)
        }
        if let op {
            throw .operatorInRange(operator: op.rawValue)
        }
        index += 2
        skipSpaces()
        if peek() == "@" {
            throw .misplacedCaseless
        }
        let second = try scanValue()
        if peek() == ".", peek(offset: 1) == "." {
            throw .multipleRanges
        }
        if first == nil, second == nil {
            throw .rangeNeedsValue
        }
        return try values.range(first, second, caseless: caseless)
    }

    /// Consumes an `@` prefix if present. A second `@` is an error rather than a literal, to avoid surprises.
    private mutating func scanCaseless(alreadySet: Bool) throws(FilterExpressionError) -> Bool {
        guard peek() == "@" else {
            return false
        }
        if alreadySet {
            throw .misplacedCaseless
        }
        index += 1
        skipSpaces()
        if peek() == "@" {
            throw .misplacedCaseless
        }
        return true
    }

    private mutating func scanComparison() -> FilterComparison? {
        // Longest operators first, so "<>" is not read as "<" followed by a value ">".
        for op in [FilterComparison.notEqual, .lessOrEqual, .greaterOrEqual, .less, .greater, .equal]
        where matches(op.rawValue) {
            index += op.rawValue.unicodeScalars.count
            return op
        }
        return nil
    }

    /// Scans one value up to an unquoted `|`, `&`, `)`, `..` or the end. Returns nil if there was nothing at all
    /// (not even `''`). Unquoted spaces at both ends are dropped; quoted ones are kept.
    private mutating func scanValue() throws(FilterExpressionError) -> RawFilterValue? {
        var pieces: [RawFilterValue.Piece] = []
        var quoted = false
        scanning: while let scalar = peek() {
            switch scalar {
            case "|", "&", ")":
                break scanning
            case "." where peek(offset: 1) == ".":
                break scanning
            case "(", "<", ">", "=":
                throw .misplacedOperator(String(scalar))
            case "'":
                quoted = true
                index += 1
                pieces += try scanQuoted()
            case "*":
                index += 1
                pieces.append(.anySequence)
            case "?":
                index += 1
                pieces.append(.anyCharacter)
            default:
                index += 1
                pieces.append(.scalar(scalar, quoted: false))
            }
        }
        while let first = pieces.first, first.isUnquotedSpace {
            pieces.removeFirst()
        }
        while let last = pieces.last, last.isUnquotedSpace {
            pieces.removeLast()
        }
        if pieces.isEmpty, !quoted {
            return nil
        }
        return RawFilterValue(pieces: pieces)
    }

    /// Scans the inside of a quoted value after its opening quote; `''` inside stands for one quote.
    private mutating func scanQuoted() throws(FilterExpressionError) -> [RawFilterValue.Piece] {
        var pieces: [RawFilterValue.Piece] = []
        while let scalar = peek() {
            index += 1
            if scalar != "'" {
                pieces.append(.scalar(scalar, quoted: true))
            } else if peek() == "'" {
                index += 1
                pieces.append(.scalar("'", quoted: true))
            } else {
                return pieces
            }
        }
        throw .unclosedQuote
    }

    private func peek(offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private func matches(_ token: String) -> Bool {
        var position = index
        for scalar in token.unicodeScalars {
            guard position < scalars.count, scalars[position] == scalar else {
                return false
            }
            position += 1
        }
        return true
    }

    private mutating func skipSpaces() {
        while let scalar = peek(), scalar.properties.isWhitespace {
            index += 1
        }
    }
}

/// A value as scanned, before it is checked against the field type.
struct RawFilterValue {
    enum Piece {
        case scalar(Unicode.Scalar, quoted: Bool)
        case anySequence
        case anyCharacter

        var isUnquotedSpace: Bool {
            if case .scalar(let scalar, quoted: false) = self {
                return scalar.properties.isWhitespace
            }
            return false
        }
    }

    var pieces: [Piece]

    var hasWildcards: Bool {
        pieces.contains { if case .scalar = $0 { false } else { true } }
    }

    /// The value as the user meant it, wildcards shown as typed; used for typing and in error messages.
    var text: String {
        var view = String.UnicodeScalarView()
        for piece in pieces {
            switch piece {
            case .scalar(let scalar, _): view.append(scalar)
            case .anySequence: view.append("*")
            case .anyCharacter: view.append("?")
            }
        }
        return String(view)
    }
}

extension FilterNode {
    /// The children to splice into an enclosing `or`, so `(A|B)|C` becomes one three-way `or`.
    fileprivate var orChildren: [FilterNode] {
        if case .or(let children) = self { children } else { [self] }
    }

    fileprivate var andChildren: [FilterNode] {
        if case .and(let children) = self { children } else { [self] }
    }
}
