import RapportCore
import Testing

@Suite("Text written into HTML")
struct HTMLTextTests {
    /// U+0301 COMBINING ACUTE ACCENT, joined to whatever comes before it into one Character.
    static let mark = "\u{301}"

    @Test func theFiveAreEscapedAndEverythingElseStaysByteForByte() {
        let text = "Tom & Jerry's \"<b>\" > 1"
        #expect(HTMLText.escape(text) == "Tom &amp; Jerry&#39;s &quot;&lt;b&gt;&quot; &gt; 1")
        for text in ["", "plain", "Zoë 👩‍💻 שלום مرحبا", "e" + Self.mark, "a\u{0}b"] {
            #expect(Array(HTMLText.escape(text).utf8) == Array(text.utf8))
        }
    }

    /// Each of the five followed by a combining mark makes one Character that is not the five; it is escaped all
    /// the same, and the mark is kept. (Built with `+`: a literal of a quote and a mark confuses `#expect` itself.)
    @Test func aSpecialCharacterFollowedByACombiningMarkIsEscaped() {
        let mark = Self.mark
        let text = "\"" + mark + "'" + mark + "<" + mark + ">" + mark + "&" + mark
        let escaped = "&quot;" + mark + "&#39;" + mark + "&lt;" + mark + "&gt;" + mark + "&amp;" + mark
        #expect(HTMLText.escape(text) == escaped)
    }
}
