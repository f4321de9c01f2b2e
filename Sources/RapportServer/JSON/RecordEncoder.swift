import Foundation
import RapportCore

/// Writes a `Record` as the API's JSON: fields in the order the spec lists them, dotted names as
/// nested objects, secrets left out.
enum RecordEncoder {
    static func encode(_ record: Record, fields: [FieldSpec]) -> JSONValue {
        var root = JSONObject()
        for field in fields {
            if case .secret = field.kind { continue }
            let value: JSONValue
            switch field.kind {
            case .codeList: value = .array((record.lists[field.name] ?? []).map { .string($0) })
            case .children(let collection):
                value = .array(
                    (record.children[field.name] ?? []).map {
                        encode(Record(scalars: $0), fields: collection.fields)
                    })
            default: value = json(record[field.name], kind: field.kind)
            }
            set(value, at: field.name, in: &root)
        }
        return .object(root)
    }

    /// One value in the API's JSON. A blank code, reference, option or date is `null` wherever it appears (a
    /// code copied into a logged segment reads as the header's reference does); blank text is `""`.
    static func json(_ value: SQLValue, kind: FieldKind) -> JSONValue {
        switch (kind, value) {
        case (.text, .null), (.secret, .null): return .string("")
        case (_, .null): return .null
        case (.boolean, _): return .bool(value.intValue.map { $0 != 0 } ?? false)
        // A sum of stored doubles drifts (`13.70000000000006`): a decimal reads as the decimal it stands for.
        case (.decimal, _):
            return value.doubleValue.map { .number(Decimal(stored: $0, scale: Decimal.apiScale).doubleValue) } ?? .null
        case (.integer, _): return value.doubleValue.map { .number($0) } ?? .null
        case (.code, .text(let text)), (.reference, .text(let text)), (.enumeration, .text(let text)),
            (.date, .text(let text)):
            return text.isEmpty ? .null : .string(text)
        case (_, .text(let text)): return .string(text)
        case (_, .integer(let number)): return .number(Double(number))
        case (_, .real(let number)): return .number(number)
        case (_, .blob): return .null
        }
    }

    private static func set(_ value: JSONValue, at path: String, in object: inout JSONObject) {
        guard let dot = path.firstIndex(of: ".") else {
            object[path] = value
            return
        }
        let head = String(path[..<dot])
        var nested = object[head]?.objectValue ?? JSONObject()
        set(value, at: String(path[path.index(after: dot)...]), in: &nested)
        object[head] = .object(nested)
    }
}
