import Foundation
import RapportCore
import Testing

/// Bulk imports fold and normalise ASCII text without Foundation; the result must be exactly Foundation's.
struct ASCIIFastPathTests {
    static let samples = [
        "", " ", "abc", "ABC", "MiXeD 123", "  padded\t", "\r\nnews\n", "\u{0B}code\u{0C}", "a\tb", "x\u{7F}",
        "@#[]`{}~", "Zz", "ends with space ", "CT0000001", "info1@adatummotors.example.com",
    ]

    @Test func caseFoldOfASCIIIsFoundationsFolding() {
        for text in Self.samples {
            #expect(CaseFold.fold(text) == text.folding(options: [.caseInsensitive], locale: nil), "\(text)")
        }
    }

    @Test func codeNormalizeOfASCIIIsFoundationsTrimAndUpperCase() throws {
        for text in Self.samples {
            let expected = text.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
            let control = expected.unicodeScalars.contains { $0.properties.generalCategory == .control }
            if control || expected.count > 30 {
                #expect(throws: RapportError.self) { try Code.normalize(text, field: "code", maxLength: 30) }
            } else {
                #expect(try Code.normalize(text, field: "code", maxLength: 30) == expected, "\(text)")
            }
        }
    }

    @Test func codeLengthCountsCharactersNotBytes() throws {
        #expect(try Code.normalize(" é ", field: "code", maxLength: 1) == "É")
        #expect(try Code.normalize("abcd", field: "code", maxLength: 4) == "ABCD")
        #expect(throws: RapportError.self) { try Code.normalize("abcde", field: "code", maxLength: 4) }
    }
}
