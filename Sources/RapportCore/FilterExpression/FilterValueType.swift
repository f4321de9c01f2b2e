/// The type of the field a filter expression applies to. It decides how values are validated, compared and bound.
public enum FilterValueType: Sendable, Hashable {
    /// Free text, compared by Unicode code point, case-sensitively; `@` uses the case-folded shadow column.
    case text
    /// A code (an identifier such as a salesperson code): values are upper-cased before comparing, as Business
    /// Central does, because codes are stored upper-cased.
    case code
    /// A whole number, bound as `.integer`.
    case integer
    /// A number with a fraction, bound as `.real`.
    case decimal
    /// A calendar date written `YYYY-MM-DD`, validated and compared as text (that order is chronological).
    case date
    /// A yes/no value: accepts true/false, yes/no and 1/0 in any case, stored as the integer 1 or 0.
    case boolean
    /// One of a fixed list of values in their API spelling (such as `hardCopy`, `email`). Input is matched without
    /// regard to case and normalized to that spelling; `<`, `>` and ranges follow the order of the list.
    case enumeration([String])

    /// Whether `*`/`?` wildcards and the caseless `@` prefix make sense for this type.
    var isTextual: Bool {
        switch self {
        case .text, .code, .enumeration: true
        case .integer, .decimal, .date, .boolean: false
        }
    }

    /// Whether NULL and `''` are the same blank value (text-like columns), as opposed to only NULL being blank.
    package var blankIsEmptyText: Bool {
        switch self {
        case .text, .code: true
        case .integer, .decimal, .date, .boolean, .enumeration: false
        }
    }

    /// A short name for error messages.
    var displayName: String {
        switch self {
        case .text: "text"
        case .code: "code"
        case .integer: "whole number"
        case .decimal: "number"
        case .date: "date"
        case .boolean: "yes/no"
        case .enumeration: "option"
        }
    }
}
