import RapportCore

/// JSON schemas derived from resource descriptions: the same `FieldSpec`s that decode requests and
/// encode responses describe them in the OpenAPI document.
enum ResourceSchemas {
    static func object(_ properties: [(String, JSONValue)], required: [String] = [], closed: Bool = true) -> JSONValue {
        var object = JSONObject([("type", .string("object"))])
        object["properties"] = .object(JSONObject(properties))
        if !required.isEmpty { object["required"] = .array(required.map { .string($0) }) }
        if closed { object["additionalProperties"] = .bool(false) }
        return .object(object)
    }

    static func type(_ name: String, _ extra: [(String, JSONValue)] = []) -> JSONValue {
        .object(JSONObject([("type", .string(name))] + extra))
    }

    static func nullable(_ name: String, _ extra: [(String, JSONValue)] = []) -> JSONValue {
        .object(JSONObject([("type", .array([.string(name), .string("null")]))] + extra))
    }

    /// The schema of a field's value as responses carry it.
    static func output(_ field: FieldSpec) -> JSONValue {
        switch field.kind {
        case .code: return field.isRequired ? type("string") : nullable("string")
        case .text, .secret: return type("string")
        case .reference: return nullable("string")
        case .boolean: return type("boolean")
        case .decimal: return type("number")
        // An integer that is not required may be stored as NULL (an entry with no campaign entry or no
        // logged segment), and the encoder answers null for it.
        case .integer: return field.isRequired ? type("integer") : nullable("integer")
        case .date: return nullable("string", [("format", .string("date"))])
        case .enumeration(let values):
            return nullable("string", [("enum", .array(values.map { .string($0) } + [.null]))])
        case .codeList: return type("array", [("items", type("string"))])
        case .children(let collection):
            return type("array", [("items", outputObject(collection.fields))])
        }
    }

    /// The schema of a field's value as requests may send it (null clears optional values).
    static func input(_ field: FieldSpec) -> JSONValue {
        switch field.kind {
        case .code(let maxLength), .text(let maxLength), .secret(let maxLength):
            return field.isRequired
                ? type("string", [("maxLength", .number(Double(maxLength)))])
                : nullable("string", [("maxLength", .number(Double(maxLength)))])
        case .reference(let target): return nullable("string", [("maxLength", .number(Double(target.maxLength)))])
        case .date: return nullable("string", [("format", .string("date"))])
        case .enumeration(let values):
            return field.isRequired
                ? type("string", [("enum", .array(values.map { .string($0) }))])
                : nullable("string", [("enum", .array(values.map { .string($0) } + [.null]))])
        case .codeList(let link):
            return nullable(
                "array", [("items", type("string", [("maxLength", .number(Double(link.target.maxLength)))]))])
        case .children(let collection):
            return nullable("array", [("items", inputObject(collection.fields, partial: false))])
        case .integer: return type("integer", [("minimum", .number(-1e14)), ("maximum", .number(1e14))])
        case .decimal: return type("number", [("minimum", .number(-1e14)), ("maximum", .number(1e14))])
        case .boolean: return type("boolean")
        }
    }

    static func outputObject(_ fields: [FieldSpec]) -> JSONValue {
        nest(
            fields.filter { if case .secret = $0.kind { return false } else { return true } }, value: output,
            required: { _ in true }, closed: true)
    }

    static func inputObject(_ fields: [FieldSpec], partial: Bool) -> JSONValue {
        // Read-only fields are accepted and ignored, so a client may send back what it read; read-only child
        // collections are refused instead (they have endpoints of their own), so only null passes.
        nest(
            fields, value: { $0.isWritable ? input($0) : readOnlyInput($0) },
            required: { !partial && $0.isRequired && $0.isWritable }, closed: true)
    }

    static func readOnlyInput(_ field: FieldSpec) -> JSONValue {
        guard case .children = field.kind else { return .object(JSONObject()) }
        return type("null", [("description", .string(field.summary))])
    }

    /// Builds nested objects for dotted names (`smtp.host`).
    private static func nest(
        _ fields: [FieldSpec], value: (FieldSpec) -> JSONValue, required: (FieldSpec) -> Bool,
        closed: Bool
    ) -> JSONValue {
        var properties: [(String, JSONValue)] = []
        var requiredNames: [String] = []
        var groups: [String: [FieldSpec]] = [:]
        var order: [String] = []
        for field in fields {
            if let dot = field.name.firstIndex(of: ".") {
                let head = String(field.name[..<dot])
                var inner = field
                inner.name = String(field.name[field.name.index(after: dot)...])
                if groups[head] == nil { order.append(head) }
                groups[head, default: []].append(inner)
            } else {
                properties.append((field.name, value(field)))
                if required(field) { requiredNames.append(field.name) }
                order.append(field.name)
            }
        }
        for head in order where groups[head] != nil {
            properties.append((head, nest(groups[head] ?? [], value: value, required: required, closed: closed)))
            if (groups[head] ?? []).contains(where: required) {
                requiredNames.append(head)
            }
        }
        return object(properties, required: requiredNames, closed: closed)
    }
}
