import Foundation

/// The rule every way text comes in applies once, at its edge (JSON bodies, query parameters, form fields, CSV
/// cells, text uploads): no NUL character (U+0000). PostgreSQL cannot store or compare NUL in text, and SQLite
/// would keep it where C strings end, so both refuse it alike, before anything is written.
public enum TextInput {
    /// Whether `text` holds a NUL character.
    public static func containsNUL(_ text: String) -> Bool {
        text.utf8.contains(0)
    }

    /// Refuses text holding NUL with `validation_failed` naming `field` (a NUL in the name itself shows as `\0`).
    public static func refuseNUL(_ text: String, field: String) throws(RapportError) {
        guard containsNUL(text) else { return }
        let path = field.replacingOccurrences(of: "\0", with: "\\0")
        throw RapportError.validation(path, "\(path) must not contain the NUL character (U+0000).")
    }
}
