/// Keeps exported cells from being run as formulas when the file is opened in a spreadsheet ("CSV injection").
///
/// Spreadsheets treat a cell starting with `=`, `+`, `-` or `@` (and, in some, a tab or CR before one of
/// those) as a formula, so a contact named `=HYPERLINK(...)` could attack whoever opens the export. A leading
/// apostrophe makes the cell text. Cells that already start with an apostrophe get one more, so that import
/// can remove exactly one and every value survives the round trip:
///
///     CSVFormulaGuard.escape("+45 70 00 10 00")   // "'+45 70 00 10 00"
///     CSVFormulaGuard.escape("'Tis Ltd")          // "''Tis Ltd"
///     CSVFormulaGuard.unescape("''Tis Ltd")       // "'Tis Ltd"
///
/// The price is that a hand-written file's leading apostrophe is dropped on import, as a spreadsheet would.
public enum CSVFormulaGuard {
    /// Returns `cell` with an apostrophe in front if it starts with `=`, `+`, `-`, `@`, a tab, a carriage
    /// return or an apostrophe; otherwise returns it unchanged.
    public static func escape(_ cell: String) -> String {
        guard let first = cell.utf8.first, needsEscape(first) else { return cell }
        return "'" + cell
    }

    /// Returns `cell` without its leading apostrophe if it has one; the inverse of `escape(_:)`.
    public static func unescape(_ cell: String) -> String {
        guard cell.utf8.first == apostrophe else { return cell }
        // Drop the scalar, not the first Character: an apostrophe followed by a combining mark is one Character.
        return String(cell.unicodeScalars.dropFirst())
    }

    private static let apostrophe = UInt8(ascii: "'")

    private static func needsEscape(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), UInt8(ascii: "\t"),
            UInt8(ascii: "\r"), apostrophe:
            return true
        default:
            return false
        }
    }
}
