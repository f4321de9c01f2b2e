import RapportCore

/// The contacts CSV format of the API contract: one column per contact field in the order of
/// `Catalog.contacts`, lists joined by `;`, profile answers as `CODE:lineNo`, booleans as true/false.
public enum ContactCSVFormat {
    /// Every field of a contact, in the contract's order (the export header).
    public static var columns: [FieldSpec] { Catalog.contacts.fields }

    public static var header: [String] { columns.map(\.name) }

    /// Reads one cell the way the API reads the same field, so both paths share their rules.
    static func value(_ text: String, field: FieldSpec) throws(RapportError) -> SQLValue {
        let input: FieldInput
        switch field.kind {
        case .boolean:
            // The words an export writes are taken as they are; anything else is trimmed and lower-cased first.
            switch text == "false" || text == "true" ? text : text.trimmingCharacters(in: .whitespaces).lowercased() {
            case "true", "1", "yes": input = .bool(true)
            case "false", "0", "no", "": input = .bool(false)
            default: throw RapportError.validation(field.name, "'\(text)' is not true or false.")
            }
        case .integer, .decimal:
            guard let number = Double(text.trimmingCharacters(in: .whitespaces)) else {
                throw RapportError.validation(field.name, "'\(text)' is not a number.")
            }
            input = .number(number)
        default:
            input = .string(text)
        }
        do {
            return try field.kind.value(of: input, path: field.name)
        } catch {
            // A wrong type in a CSV cell is bad data in the file, not a malformed request.
            throw RapportError.validation(field.name, error.message)
        }
    }

    /// `NEWS;PROMO` → codes, upper-cased, bounded, without repeats.
    static func codes(_ text: String, field: FieldSpec, maxLength: Int) throws(RapportError) -> [String] {
        var codes: [String] = []
        for part in parts(text, ";") {
            let code = try Code.normalize(String(part), field: field.name, maxLength: maxLength)
            if !code.isEmpty, !codes.contains(code) { codes.append(code) }
        }
        return codes
    }

    /// `CODE:lineNo;CODE:lineNo` → answers.
    static func answers(_ text: String, field: FieldSpec) throws(RapportError) -> [(code: String, lineNo: Int64)] {
        var answers: [(code: String, lineNo: Int64)] = []
        for part in parts(text, ";") {
            let pieces = parts(part, ":", omittingEmpty: false)
            guard pieces.count == 2, let lineNo = lineNumber(pieces[1]) else {
                throw RapportError.validation(field.name, "'\(part)' is not CODE:lineNo.")
            }
            let code = try Code.normalize(String(pieces[0]), field: field.name, maxLength: 10)
            if !answers.contains(where: { $0.code == code && $0.lineNo == lineNo }) { answers.append((code, lineNo)) }
        }
        return answers
    }

    /// `text` split at `separator`. ASCII text (nearly every cell) is split on its bytes, which gives the same
    /// parts as splitting Characters but skips grapheme breaking; other text takes the Character path, where a
    /// combining mark after the separator joins it into one Character.
    static func parts(
        _ text: some StringProtocol, _ separator: Character, omittingEmpty: Bool = true
    ) -> [Substring] {
        let text = Substring(text)
        guard let byte = separator.asciiValue, !text.utf8.contains(where: { $0 >= 0x80 }) else {
            return text.split(separator: separator, omittingEmptySubsequences: omittingEmpty)
        }
        return text.utf8.split(separator: byte, omittingEmptySubsequences: omittingEmpty).map { Substring($0) }
    }

    /// A line number, white space around it allowed; a plain number needs no Foundation.
    private static func lineNumber(_ text: Substring) -> Int64? {
        Int64(text) ?? Int64(text.trimmingCharacters(in: .whitespaces))
    }
}
