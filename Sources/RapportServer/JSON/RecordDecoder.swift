import Foundation
import RapportCore

/// Reads a request body into a `Record`, checking types, lengths and enum values, and naming the
/// field at fault. Wrong JSON types are `malformed_request` (400); well-typed but invalid values are
/// `validation_failed` (422), as the API contract says.
struct RecordDecoder: Sendable {
    /// How absent fields are treated.
    enum Mode: Sendable {
        /// POST and PUT: absent fields take their defaults, required fields must be present.
        case full
        /// PATCH: absent fields keep the values of `base`.
        case partial
    }

    let fields: [FieldSpec]
    let pathPrefix: String

    init(fields: [FieldSpec], pathPrefix: String = "") {
        self.fields = fields
        self.pathPrefix = pathPrefix
    }

    func decode(_ body: JSONValue, mode: Mode, base: Record = Record()) throws(RapportError) -> Record {
        guard case .object(let object) = body else {
            throw RapportError.malformed("The request body must be a JSON object, not \(body.typeName).")
        }
        try rejectUnknownMembers(object, prefix: "")
        try rejectReadOnlyCollections(object)
        var record = base
        for field in fields where field.isWritable {
            let path = pathPrefix + field.name
            let value = Self.lookup(field.name, in: object)
            guard let value else {
                if mode == .full {
                    if field.isRequired { throw RapportError.validation(path, "\(path) is required.") }
                    assignDefault(field, to: &record)
                }
                continue
            }
            try assign(value, to: field, path: path, record: &record)
        }
        return record
    }

    private func assignDefault(_ field: FieldSpec, to record: inout Record) {
        switch field.kind {
        case .codeList: record.lists[field.name] = []
        case .children: record.children[field.name] = []
        default: record[field.name] = field.defaultValue
        }
    }

    private func assign(
        _ value: JSONValue, to field: FieldSpec, path: String, record: inout Record
    ) throws(RapportError) {
        switch field.kind {
        case .codeList(let link):
            guard case .array(let items) = value else {
                if value == .null { record.lists[field.name] = []; return }
                throw Self.wrongType(path, expected: "an array of codes", got: value)
            }
            var codes: [String] = []
            for (index, item) in items.enumerated() {
                let code = try Self.code(item, path: "\(path)[\(index)]", maxLength: link.target.maxLength)
                if !code.isEmpty, !codes.contains(code) { codes.append(code) }
            }
            record.lists[field.name] = codes
        case .children(let collection):
            record.children[field.name] = try decodeChildren(value, collection: collection, path: path)
        default:
            if field.isRequired, value == .null {
                throw RapportError.validation(path, "\(path) is required.")
            }
            // An integer whose default is null (an unset rate limit) takes null back.
            if value == .null, case .integer = field.kind, field.defaultValue == .null {
                record[field.name] = .null
                return
            }
            let scalar = try Self.scalar(value, kind: field.kind, path: path)
            if field.isRequired, scalar == .text("") {
                throw RapportError.validation(path, "\(path) must not be blank.")
            }
            record[field.name] = scalar
        }
    }

    private func decodeChildren(
        _ value: JSONValue, collection: ChildCollection, path: String
    )
        throws(RapportError) -> [[String: SQLValue]]
    {
        if value == .null { return [] }
        guard case .array(let items) = value else {
            throw Self.wrongType(path, expected: "an array", got: value)
        }
        var rows: [[String: SQLValue]] = []
        var seen: Set<[SQLValue]> = []
        for (index, item) in items.enumerated() {
            let decoder = RecordDecoder(fields: collection.fields, pathPrefix: "\(path)[\(index)].")
            let child = try decoder.decode(item, mode: .full)
            let identity = collection.uniqueFields.map { child[$0] }
            if !identity.isEmpty, !seen.insert(identity).inserted {
                let names = collection.uniqueFields.joined(separator: ", ")
                throw RapportError.validation("\(path)[\(index)]", "\(path) has the same \(names) twice.")
            }
            rows.append(child.scalars)
        }
        return rows
    }

    /// A read-only child collection (a template's `languages`) has endpoints of its own: sent in a body it would
    /// be dropped, so it is refused instead, unless it is null. Other read-only fields may come back as read.
    private func rejectReadOnlyCollections(_ object: JSONObject) throws(RapportError) {
        for field in fields where !field.isWritable {
            guard case .children = field.kind, let value = Self.lookup(field.name, in: object), value != .null else {
                continue
            }
            let path = pathPrefix + field.name
            throw RapportError.validation(path, "\(path) cannot be written here. \(field.summary)")
        }
    }

    /// Unknown members are refused, so a misspelt field is not silently dropped.
    private func rejectUnknownMembers(_ object: JSONObject, prefix: String) throws(RapportError) {
        for member in object.members {
            let name = prefix + member.key
            if fields.contains(where: { $0.name == name }) { continue }
            let nestedPrefix = name + "."
            if fields.contains(where: { $0.name.hasPrefix(nestedPrefix) }) {
                if case .object(let nested) = member.value {
                    try rejectUnknownMembers(nested, prefix: nestedPrefix)
                } else if member.value != .null {
                    throw Self.wrongType(pathPrefix + name, expected: "an object", got: member.value)
                }
                continue
            }
            throw RapportError.validation(pathPrefix + name, "\(pathPrefix + name) is not a field of this resource.")
        }
    }

    /// Finds a dotted name (`smtp.host`) in nested objects.
    static func lookup(_ name: String, in object: JSONObject) -> JSONValue? {
        var current = object
        let parts = name.split(separator: ".").map(String.init)
        for part in parts.dropLast() {
            guard case .object(let nested) = current[part] else { return nil }
            current = nested
        }
        return parts.last.flatMap { current[$0] }
    }

    // MARK: - Scalars

    static func scalar(_ value: JSONValue, kind: FieldKind, path: String) throws(RapportError) -> SQLValue {
        try kind.value(of: value.fieldInput, path: path)
    }

    static func code(_ value: JSONValue, path: String, maxLength: Int) throws(RapportError) -> String {
        try FieldKind.code(value.fieldInput, path: path, maxLength: maxLength)
    }

    static func wrongType(_ path: String, expected: String, got: JSONValue) -> RapportError {
        RapportError.malformed("\(path) must be \(expected), not \(got.typeName).", field: path)
    }
}

extension JSONValue {
    /// The value as a field's rules read it.
    var fieldInput: FieldInput {
        switch self {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .number(let number): .number(number)
        case .string(let text): .string(text)
        case .array, .object: .other(typeName: typeName)
        }
    }
}
