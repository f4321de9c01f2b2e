import Foundation

/// Why a filter expression could not be parsed, or compiled for a column. `message` is written for the person who
/// typed the filter and is safe to return in an API error.
public enum FilterExpressionError: Error, Sendable, Hashable {
    /// The expression is empty or only spaces.
    case empty
    /// A term has no value, as in `A||B`, `|A`, `A&` or `()`. `after` is the operator before it, if any.
    case emptyTerm(after: String?)
    /// A quote was opened and never closed.
    case unclosedQuote
    /// A `(` without its `)`.
    case missingClosingParenthesis
    /// A `)` without its `(`.
    case unexpectedClosingParenthesis
    /// An operator with nothing to compare against, such as `<>` or `>=` alone.
    case missingValue(operator: String)
    /// `..` with nothing on either side.
    case rangeNeedsValue
    /// `A..B..C`.
    case multipleRanges
    /// A comparison operator and `..` in one term, such as `<A..B`.
    case operatorInRange(operator: String)
    /// An operator or parenthesis in the middle of a value, such as `A<B` or `A(B)`; quoting the value fixes it.
    case misplacedOperator(String)
    /// Text right after a closing parenthesis, as in `(A)B`; only `|`, `&`, `)` or the end may follow it.
    case expectedOperator(after: String)
    /// `@` somewhere other than the start of a term, or twice.
    case misplacedCaseless
    /// A value that is not valid for the field type; `message` says what was expected.
    case invalidValue(String, FilterValueType)
    /// An option that is not in the allowed list.
    case unknownOption(String, allowed: [String])
    /// `*` or `?` on a field that is not text, code or an option.
    case wildcardNotAllowed(FilterValueType)
    /// `*` or `?` together with `<`, `>` or `..`, which have no meaning for patterns.
    case wildcardWithOperator(String)
    /// `@` on a field that is not text, code or an option.
    case caselessNotAllowed(FilterValueType)
    /// The expression was parsed for one type and compiled for a column of another.
    case columnTypeMismatch(column: String, expected: FilterValueType, actual: FilterValueType)
    /// `@` on a text column that has no case-folded shadow column to search.
    case noFoldedColumn(column: String)

    /// A sentence explaining the problem, naming the offending value where there is one.
    public var message: String {
        switch self {
        case .empty:
            return "the filter is empty"
        case .emptyTerm(let after?):
            return "there is nothing after '\(after)'"
        case .emptyTerm(nil):
            return "the filter starts with an operator; a value must come first"
        case .unclosedQuote:
            return "unclosed quote: every ' must have a closing '"
        case .missingClosingParenthesis:
            return "'(' is never closed: add ')'"
        case .unexpectedClosingParenthesis:
            return "')' has no matching '('"
        case .missingValue(let op):
            return "'\(op)' needs a value"
        case .rangeNeedsValue:
            return "'..' needs a value on at least one side"
        case .multipleRanges:
            return "a range can have only one '..' (write A..B)"
        case .operatorInRange(let op):
            return "'\(op)' can't be combined with '..'"
        case .misplacedOperator(let op):
            return "'\(op)' can only start a term; put the value in quotes to search for '\(op)' itself"
        case .expectedOperator(let after):
            return "expected '|', '&' or ')' after '\(after)'"
        case .misplacedCaseless:
            return "'@' (ignore case) must come once, at the start of a term"
        case .invalidValue(let value, let type):
            return FilterExpressionError.invalidValueMessage(value, type)
        case .unknownOption(let value, let allowed):
            let list = allowed.isEmpty ? "(none)" : allowed.joined(separator: ", ")
            return "'\(value)' is not one of the allowed values: \(list)"
        case .wildcardNotAllowed(let type):
            return "wildcards (* and ?) can't be used on a \(type.displayName) field"
        case .wildcardWithOperator(let op):
            return "wildcards (* and ?) can't be combined with '\(op)'; quote the value to search for * or ?"
        case .caselessNotAllowed(let type):
            return "'@' (ignore case) can't be used on a \(type.displayName) field"
        case .columnTypeMismatch(let column, let expected, let actual):
            return "the filter was written for a \(expected.displayName) field, but \(column) holds a "
                + actual.displayName
        case .noFoldedColumn(let column):
            return "\(column) can't be searched with '@'"
        }
    }

    private static func invalidValueMessage(_ value: String, _ type: FilterValueType) -> String {
        switch type {
        case .integer: "'\(value)' is not a whole number"
        case .decimal: "'\(value)' is not a number"
        case .date: "'\(value)' is not a valid date (use YYYY-MM-DD)"
        case .boolean: "'\(value)' is not a yes/no value (use true/false, yes/no or 1/0)"
        case .text, .code, .enumeration: "'\(value)' is not a valid \(type.displayName)"
        }
    }
}

extension FilterExpressionError: CustomStringConvertible, LocalizedError {
    /// The same as `message`.
    public var description: String { message }

    /// The same as `message`, so `localizedDescription` shows it too.
    public var errorDescription: String? { message }
}
