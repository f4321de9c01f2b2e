/// A comparison operator of a filter term. `=A` and a bare `A` are the same comparison.
public enum FilterComparison: String, Sendable, Hashable, CaseIterable {
    /// `=A` or a bare `A`.
    case equal = "="
    /// `<>A`; NULL (the blank value) passes unless A is blank.
    case notEqual = "<>"
    /// `<A`; NULL passes, as blank sorts before every other value.
    case less = "<"
    /// `<=A`; NULL passes.
    case lessOrEqual = "<="
    /// `>A`; NULL never passes.
    case greater = ">"
    /// `>=A`; NULL passes only when A is blank.
    case greaterOrEqual = ">="

    /// Whether a comparison whose left side orders `ordering` (-1, 0, 1) against the value holds.
    package func holds(_ ordering: Int) -> Bool {
        switch self {
        case .equal: ordering == 0
        case .notEqual: ordering != 0
        case .less: ordering < 0
        case .lessOrEqual: ordering <= 0
        case .greater: ordering > 0
        case .greaterOrEqual: ordering >= 0
        }
    }
}

/// A value in a filter term, already validated and normalized for the field type.
public enum FilterValue: Sendable, Hashable {
    /// `''`: the blank value. It matches NULL as well as empty text, and orders before every other value.
    case blank
    /// Text, a code (upper-cased), a date (`YYYY-MM-DD`) or an option (canonical spelling).
    case text(String)
    /// A whole number, or a yes/no value as 1/0.
    case integer(Int64)
    /// A number with a fraction; always finite.
    case decimal(Double)
}

/// One piece of a wildcard pattern.
public enum FilterPatternElement: Sendable, Hashable {
    /// Text that must appear as written (codes upper-cased; both sides folded in a caseless `@` pattern).
    case literal(String)
    /// `*`: any run of characters, including none.
    case anySequence
    /// `?`: exactly one character (one Unicode scalar, as SQL's `_` and GLOB's `?` count them).
    case anyCharacter
}

/// A wildcard pattern such as `*part*`. Consecutive literal pieces are always merged, so the elements alternate.
public struct FilterPattern: Sendable, Hashable {
    /// The pieces in order.
    public var elements: [FilterPatternElement]

    /// Creates a pattern, merging adjacent literal pieces so equal patterns compare equal.
    public init(_ elements: [FilterPatternElement]) {
        var merged: [FilterPatternElement] = []
        for element in elements {
            if case .literal(let next) = element, case .literal(let previous)? = merged.last {
                merged[merged.count - 1] = .literal(previous + next)
            } else if case .literal("") = element {
                continue
            } else {
                merged.append(element)
            }
        }
        self.elements = merged
    }
}

/// The typed syntax tree of a filter expression. Parsing builds it once; the evaluator, the SQL compiler and the
/// canonical text all walk it.
public indirect enum FilterNode: Sendable, Hashable {
    /// `A|B|…`: any child matches. Always has at least two children.
    case or([FilterNode])
    /// `A&B&…`: every child matches. Always has at least two children.
    case and([FilterNode])
    /// `A`, `=A`, `<>A`, `<A`, `<=A`, `>A`, `>=A`; `''` is `.comparison(.equal, .blank, caseless: false)`.
    /// `caseless` is the `@` prefix.
    case comparison(FilterComparison, FilterValue, caseless: Bool)
    /// `A..B`, `..B` (from is nil) or `A..` (to is nil); both ends inclusive, at least one present.
    case range(from: FilterValue?, to: FilterValue?, caseless: Bool)
    /// A wildcard pattern, `*part*`, or its negation `<>*part*`. Like every term it compares the text as stored,
    /// case-sensitively; `caseless` (`@*part*`) compares case-folded text instead.
    case pattern(FilterPattern, negated: Bool, caseless: Bool)
}
