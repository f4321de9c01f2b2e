/// The values of one resource record, keyed by field name: what the store reads and writes and
/// the JSON coders translate.
public struct Record: Sendable, Equatable {
    public var scalars: [String: SQLValue] = [:]
    public var lists: [String: [String]] = [:]
    public var children: [String: [[String: SQLValue]]] = [:]

    public init(
        scalars: [String: SQLValue] = [:], lists: [String: [String]] = [:],
        children: [String: [[String: SQLValue]]] = [:]
    ) {
        self.scalars = scalars
        self.lists = lists
        self.children = children
    }

    public subscript(_ name: String) -> SQLValue {
        get { scalars[name] ?? .null }
        set { scalars[name] = newValue }
    }

    public func text(_ name: String) -> String {
        if case .text(let value) = self[name] { return value }
        return ""
    }

    public func isTrue(_ name: String) -> Bool {
        if case .integer(let value) = self[name] { return value != 0 }
        return false
    }
}

extension SQLValue {
    /// The text, or nil for NULL and non-text values.
    public var textValue: String? {
        if case .text(let value) = self { return value }
        return nil
    }

    public var intValue: Int64? {
        switch self {
        case .integer(let value): value
        case .real(let value): Int64(exactly: value)
        default: nil
        }
    }

    public var doubleValue: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .real(let value): value
        default: nil
        }
    }

    /// Text that is NULL or blank reads as nil; the store keeps blank references as NULL.
    public var nonBlankText: String? {
        guard let text = textValue, !text.isEmpty else { return nil }
        return text
    }
}
