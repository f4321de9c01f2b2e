import RapportCore
import Testing

/// The case folding Foundation gives on this platform: full Unicode folding, deterministic, no normalization.
struct CaseFoldTests {
    @Test func fullCaseFolding() {
        #expect(CaseFold.fold("Straße") == "strasse")
        #expect(CaseFold.fold("STRASSE") == "strasse")
        #expect(CaseFold.fold("ẞ") == "ss")
        #expect(CaseFold.fold("ΣΑΣ") == CaseFold.fold("σας"))
        #expect(CaseFold.fold("ﬁle") == "file")
        #expect(CaseFold.fold("\u{212A}elvin") == "kelvin")
        #expect(CaseFold.fold("مرحبا") == "مرحبا")
        #expect(CaseFold.fold("😀A") == "😀a")
    }

    @Test func noNormalization() {
        let decomposed = Array(CaseFold.fold("CAFE\u{301}").unicodeScalars)
        #expect(decomposed == Array("cafe\u{301}".unicodeScalars))
        #expect(Array(CaseFold.fold("CAFÉ").unicodeScalars) == Array("café".unicodeScalars))
    }

    @Test func foldingIsPerScalar() {
        // The wildcard compiler folds the pieces of a pattern separately; that must equal folding the whole.
        let pieces = ["İ", "\u{307}", "ß", "Σ", "ς", "ᾳ", "Ǆ"]
        for a in pieces {
            for b in pieces {
                let whole = Array(CaseFold.fold(a + b).unicodeScalars)
                #expect(whole == Array((CaseFold.fold(a) + CaseFold.fold(b)).unicodeScalars), "\(a)\(b)")
            }
        }
    }
}
