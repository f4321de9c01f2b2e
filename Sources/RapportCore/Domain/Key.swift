/// The key of a record named by a BC `Code` or `No.` (a segment's `no`, a template's `code`): trimmed and
/// upper-cased here, once, so every layer compares keys the same way. `Entity` only tells keys apart, so a
/// segment number cannot be passed where a contact number is expected.
public struct Key<Entity>: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The normalised text, as stored.
    public let text: String

    /// Normalises `text` as BC stores a code (trimmed, upper-cased).
    public init(_ text: String) {
        self.text = text.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
    }

    /// A blank key stands for "none" (an optional reference left empty).
    public var isBlank: Bool { text.isEmpty }

    public var description: String { text }

    public static func < (lhs: Key, rhs: Key) -> Bool { lhs.text < rhs.text }
}

extension Key: ExpressibleByStringLiteral {
    /// A key written in code (`"SEG00001"`), normalised like any other.
    public init(stringLiteral text: String) {
        self.init(text)
    }
}

extension Key {
    /// The key, or nil when `text` is nil or blank (an optional reference).
    public static func optional(_ text: String?) -> Key? {
        guard let text else { return nil }
        let key = Key(text)
        return key.isBlank ? nil : key
    }
}

/// The number of a record numbered by the database (a line, an entry): a positive integer.
public struct Number<Entity>: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let value: Int64

    public init(_ value: Int64) {
        self.value = value
    }

    /// Reads a path parameter; nil when it is not a positive whole number (such a record cannot exist).
    public init?(_ text: String) {
        guard let value = Int64(text.trimmingCharacters(in: .whitespaces)), value > 0 else { return nil }
        self.value = value
    }

    public var description: String { String(value) }

    public static func < (lhs: Number, rhs: Number) -> Bool { lhs.value < rhs.value }
}
