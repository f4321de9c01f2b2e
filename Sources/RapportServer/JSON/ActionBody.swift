import Foundation
import RapportCore

/// The body of an action request (`add-contacts`, `log`, `reuse-criteria`...): a JSON object whose
/// members are all known, read member by member into domain values. A misspelt option is refused (422)
/// rather than silently ignored; a member of the wrong JSON type is a 400 naming it.
struct ActionBody: Sendable {
    let object: JSONObject

    /// Checks that `body` is an object whose members are all in `allowed`.
    init(_ body: JSONValue, allowed: Set<String>, action: String) throws(RapportError) {
        guard case .object(let object) = body else {
            throw RapportError.malformed("The request body must be a JSON object, not \(body.typeName).")
        }
        for key in object.keys where !allowed.contains(key) {
            throw RapportError.validation(key, "\(key) is not an option of \(action).")
        }
        self.object = object
    }

    /// An optional boolean member: absent or null is `defaultValue`.
    func flag(_ name: String, default defaultValue: Bool = false) throws(RapportError) -> Bool {
        try Self.flag(object[name], name, default: defaultValue)
    }

    /// A code member (trimmed, upper-cased, at most `maxLength`); "" when absent or null.
    func code(_ name: String, maxLength: Int) throws(RapportError) -> String {
        try RecordDecoder.code(object[name] ?? .null, path: name, maxLength: maxLength)
    }

    /// An optional boolean: absent or null is `defaultValue`.
    static func flag(
        _ value: JSONValue?, _ name: String, default defaultValue: Bool = false
    ) throws(RapportError) -> Bool {
        switch value {
        case nil, .null?: return defaultValue
        case .bool(let flag)?: return flag
        case let other?: throw RapportError.malformed("\(name) must be a boolean, not \(other.typeName).", field: name)
        }
    }
}

extension CriteriaAction {
    /// Reads the body of add-contacts, reduce-contacts, refine-contacts or preview-contacts.
    /// Members other than the options of `kind` (and `extra`) are refused, so typos do not pass silently.
    static func decode(
        _ body: JSONValue, kind: CriteriaActionKind, extra: Set<String> = []
    ) throws(RapportError) -> CriteriaAction {
        let names = optionNames(for: kind)
        let body = try ActionBody(body, allowed: Set(names + ["filters"]).union(extra), action: kind.caption)
        var options = CriteriaOptions()
        for name in names { options.set(name, try body.flag(name)) }
        return CriteriaAction(kind: kind, options: options, filters: try SegmentFilters.decode(body.object["filters"]))
    }
}

extension SegmentFilters {
    /// Reads the `filters` object of a request: tables of fields of filter expression strings.
    static func decode(_ value: JSONValue?, path: String = "filters") throws(RapportError) -> SegmentFilters {
        guard let value, value != .null else { return SegmentFilters() }
        guard case .object(let object) = value else {
            throw RapportError.malformed("\(path) must be an object.", field: path)
        }
        var tables: [String: [String: String]] = [:]
        for member in object.members where member.value != .null {
            let tablePath = "\(path).\(member.key)"
            guard case .object(let fields) = member.value else {
                if FilterTable.named(member.key) == nil { continue }
                throw RapportError.malformed("\(tablePath) must be an object.", field: tablePath)
            }
            var expressions: [String: String] = [:]
            for field in fields.members where field.value != .null {
                let fieldPath = "\(tablePath).\(field.key)"
                guard case .string(let text) = field.value else {
                    throw RapportError.malformed("\(fieldPath) must be a filter expression string.", field: fieldPath)
                }
                expressions[field.key] = text
            }
            tables[member.key] = expressions
        }
        // Unknown tables come first, as they did when the object was read directly.
        for key in object.keys.sorted() where FilterTable.named(key) == nil {
            throw RapportError.validation("\(path).\(key)", "\(path).\(key) is not a table that can be filtered.")
        }
        return try parse(tables, path: path)
    }

    /// The filters in the request's shape, tables and fields in criteria order.
    var json: JSONValue {
        var object = JSONObject()
        for entry in entries {
            var table = object[entry.table.key]?.objectValue ?? JSONObject()
            table[entry.field.name] = .string(entry.expression.text)
            object[entry.table.key] = .object(table)
        }
        return .object(object)
    }
}

extension ActionBody {
    /// An optional ISO 8601 date-time member (`2026-12-06T09:00:00Z`, or with an offset); nil when absent or null.
    func dateTime(_ name: String) throws(RapportError) -> Date? {
        switch object[name] {
        case nil, .null?: return nil
        case .string(let text)?:
            if let date = try? Date(text, strategy: .iso8601) { return date }
            throw RapportError.validation(name, "\(name) must be an ISO 8601 date-time, e.g. 2026-12-06T09:00:00Z.")
        case let other?:
            throw RapportError.malformed("\(name) must be a date-time string, not \(other.typeName).", field: name)
        }
    }
}
