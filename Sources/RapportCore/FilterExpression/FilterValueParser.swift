/// Turns scanned values into typed terms for one field type: validates numbers, dates, yes/no values and options,
/// upper-cases codes, and decides where wildcards and `@` are allowed.
struct FilterValueParser {
    let type: FilterValueType

    /// A single-value term: a comparison, or a pattern when the value has unquoted wildcards.
    func term(
        _ op: FilterComparison?, _ raw: RawFilterValue, caseless: Bool
    ) throws(FilterExpressionError) -> FilterNode {
        try checkCaseless(caseless)
        guard raw.hasWildcards else {
            let value = try value(raw)
            // `@''` is just `''`: there is no case to ignore in the blank value.
            return .comparison(op ?? .equal, value, caseless: caseless && value != .blank)
        }
        guard type.isTextual else {
            throw .wildcardNotAllowed(type)
        }
        switch op {
        case nil, .equal?:
            return .pattern(pattern(raw), negated: false, caseless: caseless)
        case .notEqual?:
            return .pattern(pattern(raw), negated: true, caseless: caseless)
        case let op?:
            throw .wildcardWithOperator(op.rawValue)
        }
    }

    /// A range term; a missing end is open.
    func range(
        _ from: RawFilterValue?, _ to: RawFilterValue?, caseless: Bool
    ) throws(FilterExpressionError) -> FilterNode {
        try checkCaseless(caseless)
        if from?.hasWildcards == true || to?.hasWildcards == true {
            throw type.isTextual ? .wildcardWithOperator("..") : .wildcardNotAllowed(type)
        }
        let fromValue = try from.map { raw throws(FilterExpressionError) in try value(raw) }
        let toValue = try to.map { raw throws(FilterExpressionError) in try value(raw) }
        return .range(from: fromValue, to: toValue, caseless: caseless)
    }

    private func checkCaseless(_ caseless: Bool) throws(FilterExpressionError) {
        if caseless, !type.isTextual {
            throw .caselessNotAllowed(type)
        }
    }

    private func pattern(_ raw: RawFilterValue) -> FilterPattern {
        var elements: [FilterPatternElement] = []
        for piece in raw.pieces {
            switch piece {
            case .scalar(let scalar, _):
                var view = String.UnicodeScalarView()
                view.append(scalar)
                elements.append(.literal(String(view)))
            case .anySequence:
                elements.append(.anySequence)
            case .anyCharacter:
                elements.append(.anyCharacter)
            }
        }
        // Merge first, then upper-case whole runs: upper-casing can depend on neighbouring scalars.
        let merged = FilterPattern(elements)
        guard type == .code else {
            return merged
        }
        return FilterPattern(
            merged.elements.map { element in
                if case .literal(let text) = element { .literal(text.uppercased()) } else { element }
            })
    }

    /// Checks a value without wildcards against the field type.
    func value(_ raw: RawFilterValue) throws(FilterExpressionError) -> FilterValue {
        let text = raw.text
        if raw.pieces.isEmpty {
            return .blank
        }
        switch type {
        case .text:
            return .text(text)
        case .code:
            return .text(text.uppercased())
        case .integer:
            guard let number = Int64(text) else {
                throw .invalidValue(text, type)
            }
            return .integer(number)
        case .decimal:
            guard FilterValueParser.isDecimalLiteral(text), let number = Double(text), number.isFinite else {
                throw .invalidValue(text, type)
            }
            return .decimal(number)
        case .date:
            guard FilterValueParser.isValidDate(text) else {
                throw .invalidValue(text, type)
            }
            return .text(text)
        case .boolean:
            switch text.lowercased() {
            case "true", "yes", "1": return .integer(1)
            case "false", "no", "0": return .integer(0)
            default: throw .invalidValue(text, type)
            }
        case .enumeration(let options):
            guard let index = FilterValueParser.optionIndex(of: text, in: options) else {
                throw .unknownOption(text, allowed: options)
            }
            return .text(options[index])
        }
    }

    /// The option `text` names: an exact match first, otherwise the first one equal after case folding.
    static func optionIndex(of text: String, in options: [String]) -> Int? {
        let exact = Array(text.unicodeScalars)
        if let index = options.firstIndex(where: { Array($0.unicodeScalars) == exact }) {
            return index
        }
        let folded = Array(CaseFold.fold(text).unicodeScalars)
        return options.firstIndex { Array(CaseFold.fold($0).unicodeScalars) == folded }
    }

    /// `[+-]digits[.digits][e[+-]digits]` or `[+-].digits…`; rejects what `Double.init` also takes but a person
    /// would not mean as a number ("inf", "nan", hexadecimal).
    static func isDecimalLiteral(_ text: String) -> Bool {
        var scalars = Array(text.unicodeScalars)[...]
        func digits() -> Int {
            var count = 0
            while let first = scalars.first, ("0"..."9").contains(first) {
                scalars.removeFirst()
                count += 1
            }
            return count
        }
        if let sign = scalars.first, sign == "+" || sign == "-" {
            scalars.removeFirst()
        }
        var mantissa = digits()
        if scalars.first == "." {
            scalars.removeFirst()
            mantissa += digits()
        }
        guard mantissa > 0 else {
            return false
        }
        if let e = scalars.first, e == "e" || e == "E" {
            scalars.removeFirst()
            if let sign = scalars.first, sign == "+" || sign == "-" {
                scalars.removeFirst()
            }
            guard digits() > 0 else {
                return false
            }
        }
        return scalars.isEmpty
    }

    /// A real calendar date written exactly `YYYY-MM-DD` (year 0001–9999, leap years included).
    static func isValidDate(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 10, scalars[4] == "-", scalars[7] == "-" else {
            return false
        }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for position in range {
                let scalar = scalars[position]
                guard ("0"..."9").contains(scalar) else {
                    return nil
                }
                value = value * 10 + Int(scalar.value - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            year >= 1, (1...12).contains(month), day >= 1
        else {
            return false
        }
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }
}
