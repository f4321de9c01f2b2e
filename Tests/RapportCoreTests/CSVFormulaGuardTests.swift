import RapportCore
import Testing

@Suite struct CSVFormulaGuardTests {
    @Test(arguments: [
        ("+45 70 00 10 00", "'+45 70 00 10 00"),
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("'Tis Ltd", "''Tis Ltd"),
        ("Ada", "Ada"),
        ("", ""),
        (" =1", " =1"),
        ("a=b", "a=b"),
        ("😀", "😀"),
    ])
    func escape(cell: String, exported: String) {
        #expect(CSVFormulaGuard.escape(cell) == exported)
        #expect(CSVFormulaGuard.unescape(exported) == cell)
    }

    @Test func unescapeRemovesExactlyOneApostrophe() {
        #expect(CSVFormulaGuard.unescape("'''x") == "''x")
        #expect(CSVFormulaGuard.unescape("'") == "")
        #expect(CSVFormulaGuard.unescape("x'") == "x'")
        // An apostrophe and a combining accent form one Character; only the apostrophe goes.
        #expect(Array(CSVFormulaGuard.unescape("'\u{301}a").unicodeScalars) == ["\u{301}", "a"])
    }

    @Test func roundTripForRandomStrings() {
        let pool: [String] = ["'", "=", "+", "-", "@", "\t", "\r", "\n", " ", "a", "😀", "\u{301}", "東"]
        var generator = CSVSeededGenerator(seed: 7)
        for _ in 0..<2_000 {
            let cell = (0..<Int.random(in: 0...6, using: &generator)).map { _ in
                pool.randomElement(using: &generator) ?? ""
            }.joined()
            #expect(Array(CSVFormulaGuard.unescape(CSVFormulaGuard.escape(cell)).utf8) == Array(cell.utf8))
        }
    }
}
