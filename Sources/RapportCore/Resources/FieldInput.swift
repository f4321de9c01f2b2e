/// A scalar value as it comes in, before the field's rules read it: from a JSON body, a CSV cell or a
/// form. One set of rules (`FieldKind.value(of:path:)`) serves every way in.
public enum FieldInput: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    /// An array or object where a scalar belongs; its name for the message ("an array").
    case other(typeName: String)

    /// The input's type, for messages such as "expected a string, got a number".
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .other(let name): name
        }
    }
}

extension FieldKind {
    /// Reads a scalar field's value, checking type, length and allowed values and naming `path` in
    /// every refusal: a wrong type is `malformed_request`, a well-typed but invalid value
    /// `validation_failed`, as the API contract says.
    public func value(of input: FieldInput, path: String) throws(RapportError) -> SQLValue {
        switch self {
        case .code(let maxLength):
            return .text(try Self.code(input, path: path, maxLength: maxLength))
        case .reference(let target):
            let code = try Self.code(input, path: path, maxLength: target.maxLength)
            return code.isEmpty ? .null : .text(code)
        case .text(let maxLength), .secret(let maxLength):
            if input == .null { return .text("") }
            guard case .string(let text) = input else { throw Self.wrongType(path, expected: "a string", got: input) }
            // No more bytes than the limit means no more characters; counting characters is the slow path.
            guard text.utf8.count <= maxLength || text.count <= maxLength else {
                throw RapportError.validation(path, "\(path) must be at most \(maxLength) characters.")
            }
            return .text(text)
        case .boolean:
            guard case .bool(let flag) = input else { throw Self.wrongType(path, expected: "a boolean", got: input) }
            return .integer(flag ? 1 : 0)
        case .decimal:
            guard case .number(let number) = input else { throw Self.wrongType(path, expected: "a number", got: input) }
            guard abs(number) < 1e15 else { throw RapportError.validation(path, "\(path) is out of range.") }
            return .real(number)
        case .integer:
            guard case .number(let number) = input else {
                throw Self.wrongType(path, expected: "an integer", got: input)
            }
            guard number == number.rounded(), abs(number) < 1e15 else {
                throw RapportError.validation(path, "\(path) must be a whole number.")
            }
            return .integer(Int64(number))
        case .date:
            return try Self.date(input, path: path)
        case .enumeration(let allowed):
            if input == .null { return .null }
            guard case .string(let text) = input else { throw Self.wrongType(path, expected: "a string", got: input) }
            if text.isEmpty { return .null }
            guard allowed.contains(text) else {
                throw RapportError.validation(
                    path, "\(path) must be one of \(allowed.joined(separator: ", ")), not '\(text)'.")
            }
            return .text(text)
        case .codeList, .children:
            throw RapportError.validation(path, "\(path) cannot be set here.")
        }
    }

    static func date(_ input: FieldInput, path: String) throws(RapportError) -> SQLValue {
        if input == .null { return .null }
        guard case .string(let text) = input else { throw wrongType(path, expected: "a date string", got: input) }
        if text.isEmpty { return .null }
        guard CalendarDate(text) != nil else {
            throw RapportError.validation(path, "\(path) must be a date as YYYY-MM-DD.")
        }
        return .text(text)
    }

    /// A code: trimmed, upper-cased, at most `maxLength`; "" for null.
    public static func code(_ input: FieldInput, path: String, maxLength: Int) throws(RapportError) -> String {
        if input == .null { return "" }
        guard case .string(let text) = input else { throw wrongType(path, expected: "a string", got: input) }
        return try Code.normalize(text, field: path, maxLength: maxLength)
    }

    static func wrongType(_ path: String, expected: String, got: FieldInput) -> RapportError {
        RapportError.malformed("\(path) must be \(expected), not \(got.typeName).", field: path)
    }
}
