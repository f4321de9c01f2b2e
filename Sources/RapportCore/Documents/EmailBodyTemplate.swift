/// E-mail bodies: HTML with `{{FieldName}}` merge fields, values HTML-escaped.
public enum EmailBodyTemplate {
    /// Replaces each `{{Name}}` (case-insensitive) with the escaped value; unknown names stay as written.
    public static func render(_ html: String, values: [String: String]) -> String {
        var lookup: [String: String] = [:]
        for (key, value) in values { lookup[key.lowercased()] = value }
        var out = ""
        var rest = Substring(html)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if let value = lookup[name.lowercased()] {
                out += escape(value).replacingOccurrences(of: "\n", with: "<br>")
            } else {
                out += rest[open.lowerBound..<close.upperBound]
            }
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    /// A plain-text alternative: the HTML without tags, entities decoded for the common five.
    public static func plainText(_ html: String) -> String {
        var text = html.replacingOccurrences(of: "<br>", with: "\n").replacingOccurrences(of: "</p>", with: "\n\n")
        while let open = text.range(of: "<"), let close = text[open.lowerBound...].range(of: ">") {
            text.removeSubrange(open.lowerBound..<close.upperBound)
        }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public static func escape(_ text: String) -> String {
        HTMLText.escape(text)
    }
}
