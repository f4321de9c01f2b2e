/// BC `Code[n]` values: trimmed, upper-cased, bounded.
public enum Code {
    /// Normalises a code as BC stores it, or refuses it naming the field.
    public static func normalize(_ text: String, field: String, maxLength: Int) throws(RapportError) -> String {
        if let code = asciiNormalized(text) {
            // In ASCII the control characters are the C0 set and DEL (a CRLF inside is one Character, hence
            // the count).
            guard code.utf8.count <= maxLength || code.count <= maxLength else {
                throw RapportError.validation(field, "\(field) must be at most \(maxLength) characters.")
            }
            guard !code.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else {
                throw RapportError.validation(field, "\(field) must not contain control characters.")
            }
            return code
        }
        let code = text.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
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
    /// Text that is already a code (most cells of an import) comes back as it is, without a copy.
    static func asciiNormalized(_ text: String) -> String? {
        var utf8 = text.utf8[...]
        var hasLower = false
        for byte in utf8 {
            if byte >= 0x80 { return nil }
            if byte >= 0x61 && byte <= 0x7A { hasLower = true }
        }
        while let first = utf8.first, first == 0x20 || (0x09...0x0D).contains(first) { utf8 = utf8.dropFirst() }
        while let last = utf8.last, last == 0x20 || (0x09...0x0D).contains(last) { utf8 = utf8.dropLast() }
        guard hasLower else {
            return utf8.count == text.utf8.count ? text : String(decoding: utf8, as: UTF8.self)
        }
        return String(decoding: utf8.map { (0x61...0x7A).contains($0) ? $0 - 0x20 : $0 }, as: UTF8.self)
    }
}
