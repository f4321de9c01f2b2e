extension FilterExpression {
    /// Whether a stored value passes the filter, with the same answer as the SQL from `sql(for:)` would give.
    ///
    /// Pass values as stored: text as `.text`, whole numbers and yes/no as `.integer`, decimals as `.real`, dates
    /// as `.text`, and `.null` for a missing value, which counts as the blank value `''` (lowest of all).
    public func matches(_ value: SQLValue) -> Bool {
        FilterEvaluator(type: type).matches(root, value)
    }
}

/// Evaluates a filter tree against one stored value.
package struct FilterEvaluator {
    let type: FilterValueType

    package init(type: FilterValueType) {
        self.type = type
    }

    package func matches(_ node: FilterNode, _ value: SQLValue) -> Bool {
        if case .enumeration(let options) = type {
            return matches(node, FilterOptionClass(value, options: options), options: options)
        }
        switch node {
        case .or(let children):
            return children.contains { matches($0, value) }
        case .and(let children):
            return children.allSatisfy { matches($0, value) }
        case .comparison(let op, let filterValue, let caseless):
            return op.holds(order(value, filterValue, caseless: caseless))
        case .range(let from, let to, let caseless):
            let afterFrom = from.map { order(value, $0, caseless: caseless) >= 0 } ?? true
            let beforeTo = to.map { order(value, $0, caseless: caseless) <= 0 } ?? true
            return afterFrom && beforeTo
        case .pattern(let pattern, let negated, let caseless):
            let folding = folds(caseless)
            return matchesPattern(pattern, subject(value, folding: folding), folding: folding) != negated
        }
    }

    /// -1, 0 or 1 as the stored value orders before, equal to or after the filter value.
    private func order(_ value: SQLValue, _ filterValue: FilterValue, caseless: Bool) -> Int {
        FilterOperand.order(operand(value, caseless: caseless), operand(filterValue, caseless: caseless))
    }

    /// Only text columns honour `@`: codes are upper-cased on both sides already, so the raw column is compared.
    private func folds(_ caseless: Bool) -> Bool {
        caseless && type == .text
    }

    private func operand(_ value: SQLValue, caseless: Bool) -> FilterOperand {
        switch value {
        case .null: type.blankIsEmptyText ? .text([]) : .blank
        case .integer(let number): .integer(number)
        case .real(let number): .real(number)
        case .text(let text): .text(Array((folds(caseless) ? CaseFold.fold(text) : text).unicodeScalars))
        case .blob(let bytes): .blob(bytes)
        }
    }

    private func operand(_ value: FilterValue, caseless: Bool) -> FilterOperand {
        switch value {
        case .blank: type.blankIsEmptyText ? .text([]) : .blank
        case .integer(let number): .integer(number)
        case .decimal(let number): .real(number)
        case .text(let text): .text(Array((folds(caseless) ? CaseFold.fold(text) : text).unicodeScalars))
        }
    }

    /// The text a wildcard pattern is matched against, as the SQL sees it: the folded shadow column for a caseless
    /// (`@`) term on text, otherwise the column as stored (codes are stored upper-cased). NULL is the blank value,
    /// so it is matched as "".
    private func subject(_ value: SQLValue, folding: Bool) -> [Unicode.Scalar] {
        let text: String
        switch value {
        case .null: text = ""
        case .text(let stored): text = stored
        // Patterns read numbers as their text; such values only appear in a mistyped column.
        case .integer(let number): text = String(number)
        case .real(let number): text = String(number)
        case .blob(let bytes): text = String(decoding: bytes, as: UTF8.self)
        }
        return Array((folding ? CaseFold.fold(text) : text).unicodeScalars)
    }

    /// Whether a subject matches a pattern scalar by scalar, the literals folded too when `folding`. Without
    /// folding the match is case-sensitive, as in BC: `*smith*` does not match `SMITH`.
    func matchesPattern(_ pattern: FilterPattern, _ subject: [Unicode.Scalar], folding: Bool) -> Bool {
        let tokens = pattern.elements.flatMap { element -> [WildcardMatcher.Token] in
            switch element {
            case .literal(let text):
                let comparable = folding ? CaseFold.fold(text) : text
                return comparable.unicodeScalars.map(WildcardMatcher.Token.scalar)
            case .anySequence:
                return [.anySequence]
            case .anyCharacter:
                return [.anyCharacter]
            }
        }
        return WildcardMatcher.matches(tokens, subject)
    }
}

/// A value reduced to what ordering needs. The order of kinds is SQLite's: blank (NULL) before numbers, numbers
/// before text, text before blobs; text compares by code point, which is the order of SQLite's byte-wise BINARY
/// collation and of PostgreSQL's `COLLATE "C"` on UTF-8.
enum FilterOperand {
    case blank
    case integer(Int64)
    case real(Double)
    case text([Unicode.Scalar])
    case blob([UInt8])

    private var rank: Int {
        switch self {
        case .blank: 0
        case .integer, .real: 1
        case .text: 2
        case .blob: 3
        }
    }

    static func order(_ lhs: FilterOperand, _ rhs: FilterOperand) -> Int {
        switch (lhs, rhs) {
        case (.integer(let a), .integer(let b)): return sign(a < b, a > b)
        case (.integer(let a), .real(let b)): return sign(Double(a) < b, Double(a) > b)
        case (.real(let a), .integer(let b)): return sign(a < Double(b), a > Double(b))
        case (.real(let a), .real(let b)): return sign(a < b, a > b)
        case (.text(let a), .text(let b)):
            return sign(
                a.lexicographicallyPrecedes(b) { $0.value < $1.value },
                b.lexicographicallyPrecedes(a) { $0.value < $1.value })
        case (.blob(let a), .blob(let b)): return sign(a.lexicographicallyPrecedes(b), b.lexicographicallyPrecedes(a))
        default: return sign(lhs.rank < rhs.rank, lhs.rank > rhs.rank)
        }
    }

    private static func sign(_ less: Bool, _ greater: Bool) -> Int {
        less ? -1 : (greater ? 1 : 0)
    }
}

/// `*`/`?` matching over Unicode scalars, with the classic linear backtracking of the last `*`.
enum WildcardMatcher {
    enum Token: Equatable {
        case scalar(Unicode.Scalar)
        case anySequence
        case anyCharacter
    }

    static func matches(_ tokens: [Token], _ subject: [Unicode.Scalar]) -> Bool {
        var t = 0
        var s = 0
        var star: (token: Int, subject: Int)?
        while s < subject.count {
            if t < tokens.count, tokens[t] == .anySequence {
                star = (t, s)
                t += 1
            } else if t < tokens.count, tokens[t] == .anyCharacter || tokens[t] == .scalar(subject[s]) {
                t += 1
                s += 1
            } else if let resume = star {
                // Let the last `*` swallow one more scalar and retry from there.
                star = (resume.token, resume.subject + 1)
                t = resume.token + 1
                s = resume.subject + 1
            } else {
                return false
            }
        }
        while t < tokens.count, tokens[t] == .anySequence {
            t += 1
        }
        return t == tokens.count
    }
}
