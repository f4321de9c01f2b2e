import RapportCore

/// A JSON document as the API reads and writes it. Objects keep their members in order so responses
/// read in the order the contract lists fields.
enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The JSON type's name, for messages such as "expected a string, got a number".
    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }
}

/// An ordered JSON object.
struct JSONObject: Sendable, Equatable {
    private(set) var members: [(key: String, value: JSONValue)]

    init(_ members: [(key: String, value: JSONValue)] = []) {
        self.members = members
    }

    static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count
            && zip(lhs.members, rhs.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    subscript(key: String) -> JSONValue? {
        get { members.first { $0.key == key }?.value }
        set {
            if let index = members.firstIndex(where: { $0.key == key }) {
                if let newValue { members[index].value = newValue } else { members.remove(at: index) }
            } else if let newValue {
                members.append((key, newValue))
            }
        }
    }

    var keys: [String] { members.map(\.key) }
}

extension JSONValue {
    /// The body of an action request as an object whose members are all in `allowed`; a misspelt
    /// option is refused (422) rather than silently ignored.
    func actionOptions(allowed: Set<String>, action: String) throws(RapportError) -> JSONObject {
        guard case .object(let object) = self else {
            throw RapportError.malformed("The request body must be a JSON object, not \(typeName).")
        }
        for key in object.keys where !allowed.contains(key) {
            throw RapportError.validation(key, "\(key) is not an option of \(action).")
        }
        return object
    }
}
