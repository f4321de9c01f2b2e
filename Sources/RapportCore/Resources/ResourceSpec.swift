/// A master-data resource as the API and the store see it: the path it lives under, its table and
/// its fields. Most master data is nothing but this description, served by one generic implementation.
public struct ResourceSpec: Sendable {
    /// The collection's path segment (`salespeople`).
    public var path: String
    /// The singular name used in messages and the OpenAPI document (`salesperson`).
    public var label: String
    public var table: String
    /// The JSON name of the key field (`code`, `no`).
    public var keyName: String
    public var fields: [FieldSpec]

    public init(path: String, label: String, table: String, keyName: String = "code", fields: [FieldSpec]) {
        self.path = path
        self.label = label
        self.table = table
        self.keyName = keyName
        self.fields = fields
    }

    public var key: FieldSpec { fields.first { $0.name == keyName } ?? fields[0] }

    public func field(named name: String) -> FieldSpec? { fields.first { $0.name == name } }

    /// The singular label with a capital, for the start of a sentence.
    public var capitalizedLabel: String { label.prefix(1).uppercased() + label.dropFirst() }

    public var maxKeyLength: Int {
        if case .code(let maxLength) = key.kind { return maxLength }
        return 20
    }
}

extension ResourceSpec {
    /// A record's key as text (entry numbers as digits), for paths, cursors and messages.
    public func keyText(of record: Record) -> String {
        switch record[keyName] {
        case .integer(let number): String(number)
        case .text(let text): text
        default: ""
        }
    }
}
