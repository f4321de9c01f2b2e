/// BC `Code[n]` values: trimmed, upper-cased, bounded.
public enum Code {
    /// Normalises a code as BC stores it, or refuses it naming the field.
    public static func normalize(_ text: String, field: String, maxLength: Int) throws(RapportError) -> String {
        let code = asciiNormalized(text) ?? text.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        guard code.utf8.count <= maxLength || code.count <= maxLength else {
            throw RapportError.validation(field, "\(field) must be at most \(maxLength) characters.")
        }
        guard !code.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw RapportError.validation(field, "\(field) must not contain control characters.")
        }
        return code
    }

    /// The same trimming and upper-casing for all-ASCII text without Foundation's bridging, which bulk imports
    /// pay for on every cell; nil for other text. ASCII's white space is tab to carriage return and space.
    static func asciiNormalized(_ text: String) -> String? {
        var utf8 = text.utf8[...]
        guard !utf8.contains(where: { $0 >= 0x80 }) else { return nil }
        while let first = utf8.first, first == 0x20 || (0x09...0x0D).contains(first) { utf8 = utf8.dropFirst() }
        while let last = utf8.last, last == 0x20 || (0x09...0x0D).contains(last) { utf8 = utf8.dropLast() }
        guard utf8.contains(where: { (0x61...0x7A).contains($0) }) else { return String(decoding: utf8, as: UTF8.self) }
        return String(decoding: utf8.map { (0x61...0x7A).contains($0) ? $0 - 0x20 : $0 }, as: UTF8.self)
    }
}
