/// What a merge-time field computes, compiled once from its instruction.
indirect enum FieldProgram: Sendable {
    /// `MERGEFIELD Name` (and `ADDRESSBLOCK`/`GREETINGLINE`, read as one value).
    case value(MergeValue)
    /// `IF left op right "true text" "false text"`.
    case condition(Condition)
    /// `NEXT`, `SKIPIF`, `MERGEREC`...: nothing, since each document holds one contact.
    case nothing
}

/// A merged value and its formatting switches.
struct MergeValue: Sendable {
    /// The name as written in the template, shown as `«Name»` when the map has no value.
    var name: String
    /// The name folded for the case-insensitive lookup.
    var key: String
    var format: FieldFormat
}

struct Condition: Sendable {
    var left: FieldText
    var comparison: Comparison
    var right: FieldText
    var whenTrue: FieldText
    var whenFalse: FieldText
    var format: FieldFormat
}

enum Comparison: String, Sendable {
    case equal = "=", notEqual = "<>", less = "<", greater = ">", lessOrEqual = "<=", greaterOrEqual = ">="
}

/// Text made of literal pieces and nested fields, e.g. `"Dear { MERGEFIELD Name }"`.
typealias FieldText = [FieldTextPiece]

enum FieldTextPiece: Sendable {
    case literal(String)
    case field(FieldProgram)
}

/// Where a merged value goes: normal document text, or the instruction of a field kept for Word (a value nested in
/// a `PAGE`-dependent `IF`, say), which must stay `w:instrText`.
enum FieldContext: Sendable {
    case text, instruction
}

/// Lookup of values by field name: exact first (the common case, no allocation), then case-insensitive.
struct FieldValues {
    let exact: [String: String]
    private var folded: [String: String]?

    init(_ values: [String: String]) {
        exact = values
    }

    mutating func value(_ field: MergeValue) -> String? {
        if let value = exact[field.name] { return value }
        if folded == nil {
            var map: [String: String] = [:]
            map.reserveCapacity(exact.count)
            // Sorted so that a map holding two spellings of one name resolves the same way every time.
            for key in exact.keys.sorted() where map[key.lowercased()] == nil { map[key.lowercased()] = exact[key] }
            folded = map
        }
        return folded?[field.key]
    }
}

extension FieldProgram {
    /// The text of the field for one contact.
    func evaluate(_ values: inout FieldValues, locale: MergeLocale) -> String {
        switch self {
        case .value(let field):
            guard let value = values.value(field) else { return "«\(field.name)»" }
            return field.format.apply(to: value, locale: locale)
        case .condition(let condition):
            let left = condition.left.evaluate(&values, locale: locale)
            let right = condition.right.evaluate(&values, locale: locale)
            let chosen =
                FieldCondition.holds(left, condition.comparison, right)
                ? condition.whenTrue : condition.whenFalse
            return condition.format.apply(to: chosen.evaluate(&values, locale: locale), locale: locale)
        case .nothing:
            return ""
        }
    }

    /// The names of the values this field reads, in instruction order.
    func collectNames(into names: inout [String]) {
        switch self {
        case .value(let field):
            names.append(field.name)
        case .condition(let condition):
            for text in [condition.left, condition.right, condition.whenTrue, condition.whenFalse] {
                for case .field(let nested) in text { nested.collectNames(into: &names) }
            }
        case .nothing:
            break
        }
    }
}

extension Array where Element == FieldTextPiece {
    func evaluate(_ values: inout FieldValues, locale: MergeLocale) -> String {
        if count == 1, case .literal(let text) = self[0] { return text }
        var result = ""
        for piece in self {
            switch piece {
            case .literal(let text): result += text
            case .field(let program): result += program.evaluate(&values, locale: locale)
            }
        }
        return result
    }
}
