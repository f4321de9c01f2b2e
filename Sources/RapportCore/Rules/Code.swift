/// BC `Code[n]` values: trimmed, upper-cased, bounded.
public enum Code {
    /// Normalises a code as BC stores it, or refuses it naming the field.
    public static func normalize(_ text: String, field: String, maxLength: Int) throws(RapportError) -> String {
        let code = text.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        guard code.count <= maxLength else {
            throw RapportError.validation(field, "\(field) must be at most \(maxLength) characters.")
        }
        guard !code.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw RapportError.validation(field, "\(field) must not contain control characters.")
        }
        return code
    }
}
