/// What an option (enumeration) column can hold, as far as a filter can tell apart: the blank value (NULL or ''),
/// one of the allowed options, or some other text (a stale or mistyped value).
///
/// Every filter treats all values of one class alike, so the SQL for an option column is worked out by evaluating
/// the filter once per class and listing the options that pass; that keeps SQL and evaluator in step, and lets
/// `<`, `>` and ranges follow the order of the option list as Business Central does, without a mapping table.
package enum FilterOptionClass: Hashable {
    case blank
    /// The index of the option in the allowed list (its first occurrence, if listed twice).
    case option(Int)
    /// Text that is not an allowed option; only negative terms (`<>A`, `<>*a*`) match it.
    case other

    init(_ value: SQLValue, options: [String]) {
        switch value {
        case .null:
            self = .blank
        case .text(let text) where text.isEmpty:
            self = .blank
        case .text(let text):
            let scalars = Array(text.unicodeScalars)
            // Stored options are in canonical spelling, so only an exact (code point) match counts.
            if let index = options.firstIndex(where: { Array($0.unicodeScalars) == scalars }) {
                self = .option(index)
            } else {
                self = .other
            }
        case .integer, .real, .blob:
            self = .other
        }
    }

    /// One class per distinct non-empty option, in list order, then blank and other.
    package static func all(_ options: [String]) -> [FilterOptionClass] {
        let distinct = options.indices.compactMap { index -> FilterOptionClass? in
            let option = Array(options[index].unicodeScalars)
            let first = options.firstIndex { Array($0.unicodeScalars) == option }
            return option.isEmpty || first != index ? nil : .option(index)
        }
        return distinct + [.blank, .other]
    }
}

extension FilterEvaluator {
    package func matches(_ node: FilterNode, _ value: FilterOptionClass, options: [String]) -> Bool {
        switch node {
        case .or(let children):
            return children.contains { matches($0, value, options: options) }
        case .and(let children):
            return children.allSatisfy { matches($0, value, options: options) }
        case .comparison(let op, let filterValue, _):
            guard let ordering = order(value, filterValue, options: options) else {
                return op == .notEqual
            }
            return op.holds(ordering)
        case .range(let from, let to, _):
            let bounds = [from.map { (value: $0, sign: 1) }, to.map { (value: $0, sign: -1) }].compactMap { $0 }
            return bounds.allSatisfy { bound in
                guard let ordering = order(value, bound.value, options: options) else {
                    return false
                }
                return ordering * bound.sign >= 0
            }
        case .pattern(let pattern, let negated, _):
            let subject: String
            switch value {
            case .blank: subject = ""
            case .option(let index): subject = options[index]
            case .other: return negated
            }
            // Option names are read regardless of case (`EMAIL` is `email`), so their patterns are too.
            return matchesPattern(pattern, Array(CaseFold.fold(subject).unicodeScalars), folding: true) != negated
        }
    }

    /// How a class orders against a filter value by position in the option list; nil when they can't be ordered
    /// (a stale value against an option), which only `<>` accepts.
    private func order(_ value: FilterOptionClass, _ filterValue: FilterValue, options: [String]) -> Int? {
        let valueIndex: Int?
        switch value {
        case .blank: valueIndex = -1
        case .option(let index): valueIndex = index
        case .other: valueIndex = nil
        }
        let filterIndex: Int?
        switch filterValue {
        case .blank:
            filterIndex = -1
        case .text(let text):
            let scalars = Array(text.unicodeScalars)
            filterIndex = options.firstIndex { Array($0.unicodeScalars) == scalars }
        case .integer, .decimal:
            filterIndex = nil
        }
        if value == .other, filterValue == .blank {
            return 1  // Any stored text is above the blank value.
        }
        guard let valueIndex, let filterIndex else {
            return nil
        }
        return valueIndex < filterIndex ? -1 : (valueIndex > filterIndex ? 1 : 0)
    }
}
