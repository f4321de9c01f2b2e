import RapportCore

/// Writes a JSON value as block-style YAML. Every string is double-quoted with JSON escapes, which
/// YAML reads the same way, so no value can be mistaken for a number, boolean or null.
enum YAMLWriter {
    static func write(_ value: JSONValue) -> String {
        var out = ""
        write(value, indent: 0, to: &out, inline: false)
        return out
    }

    private static func write(_ value: JSONValue, indent: Int, to out: inout String, inline: Bool) {
        let pad = String(repeating: "  ", count: indent)
        switch value {
        case .object(let object) where !object.members.isEmpty:
            if inline { out += "\n" }
            for member in object.members {
                out += pad + scalar(.string(member.key)) + ":"
                write(member.value, indent: indent + 1, to: &out, inline: true)
            }
        case .array(let items) where !items.isEmpty:
            if inline { out += "\n" }
            for item in items {
                out += pad + "-"
                switch item {
                case .object(let object) where !object.members.isEmpty:
                    // The first member goes on the dash's line; the rest align under it.
                    var first = true
                    for member in object.members {
                        out += (first ? " " : pad + "  ") + scalar(.string(member.key)) + ":"
                        write(member.value, indent: indent + 2, to: &out, inline: true)
                        first = false
                    }
                default:
                    write(item, indent: indent + 1, to: &out, inline: true)
                }
            }
        default:
            out += (inline ? " " : "") + scalar(value) + "\n"
        }
    }

    private static func scalar(_ value: JSONValue) -> String {
        switch value {
        case .object: "{}"
        case .array: "[]"
        default: String(decoding: value.serialized(), as: UTF8.self)
        }
    }
}
