import Foundation

/// The one case-folding function Rapport uses for caseless (`@`) filters, wildcard patterns included.
///
/// The database keeps a shadow column holding `CaseFold.fold(value)` next to each searchable text column, and the
/// filter compiler folds the user's value with the same function, so SQL and the in-memory evaluator agree by
/// construction. Changing this function therefore means recomputing every shadow column.
public enum CaseFold {
    /// Full Unicode case folding of `s`: "Straße", "STRASSE" and "strasse" all fold to "strasse", "ΣΑΣ" and "σας"
    /// to "σασ". The result is not normalized (a precomposed "é" and "e" + U+0301 stay different), because the
    /// database compares bytes and must see exactly what this function produced.
    ///
    /// Folding maps each scalar independently, so folding the pieces of a pattern and joining them gives the same
    /// text as folding the whole; the wildcard compiler relies on that.
    public static func fold(_ s: String) -> String {
        // Foundation on Linux implements `.caseInsensitive` folding with the full CaseFolding.txt mappings
        // (ß → ss, ﬁ → fi, ᾳ → αι), and without a locale it is the same on every machine.
        // All-ASCII text (most of a bulk import) folds to its lower case; Foundation's bridging costs per cell.
        guard s.utf8.contains(where: { $0 >= 0x80 }) else {
            guard s.utf8.contains(where: { (0x41...0x5A).contains($0) }) else { return s }
            return String(decoding: s.utf8.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
        }
        return s.folding(options: [.caseInsensitive], locale: nil)
    }
}
