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
            switch text.trimmingCharacters(in: .whitespaces).lowercased() {
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
        for part in text.split(separator: ";") {
            let code = try Code.normalize(String(part), field: field.name, maxLength: maxLength)
            if !code.isEmpty, !codes.contains(code) { codes.append(code) }
        }
        return codes
    }

    /// `CODE:lineNo;CODE:lineNo` → answers.
    static func answers(_ text: String, field: FieldSpec) throws(RapportError) -> [(code: String, lineNo: Int64)] {
        var answers: [(code: String, lineNo: Int64)] = []
        for part in text.split(separator: ";") {
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            guard pieces.count == 2, let lineNo = Int64(pieces[1].trimmingCharacters(in: .whitespaces)) else {
                throw RapportError.validation(field.name, "'\(part)' is not CODE:lineNo.")
            }
            let code = try Code.normalize(String(pieces[0]), field: field.name, maxLength: 10)
            if !answers.contains(where: { $0.code == code && $0.lineNo == lineNo }) { answers.append((code, lineNo)) }
        }
        return answers
    }
}
