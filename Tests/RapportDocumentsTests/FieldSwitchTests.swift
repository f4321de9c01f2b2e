import Testing

@testable import RapportDocuments

/// `\*`, `\@`, `\#`, `\b` and `\f`, through whole documents and on their own.
@Suite("Field switches")
struct FieldSwitchTests {
    func merge(_ instruction: String, _ value: String?) throws -> String {
        try TestSupport.mergeText(TestSupport.complexField(instruction), value.map { ["V": $0] } ?? [:])
    }

    @Test(
        "case switches",
        arguments: [
            (" MERGEFIELD V \\* Upper ", "ada LOVELACE", "ADA LOVELACE"),
            (" MERGEFIELD V \\* Lower \\* MERGEFORMAT ", "Ada LOVELACE", "ada lovelace"),
            (" MERGEFIELD V \\* FirstCap ", "ada LOVELACE", "Ada lovelace"),
            (" MERGEFIELD V \\* Caps ", "ada LOVELACE-king", "Ada Lovelace-King"),
            (" MERGEFIELD V \\*Upper ", "straße", "STRASSE"),
            (" MERGEFIELD V \\* MERGEFORMAT ", "As Is", "As Is"),
        ])
    func cases(_ instruction: String, _ value: String, _ expected: String) throws {
        #expect(try merge(instruction, value) == expected)
    }

    @Test(
        "date pictures",
        arguments: [
            (" MERGEFIELD V \\@ \"dd/MM/yyyy\" ", "2025-06-02", "02/06/2025"),
            (" MERGEFIELD V \\@ \"d MMMM yyyy\" ", "2025-06-02", "2 June 2025"),
            (" MERGEFIELD V \\@ \"MMMM\" ", "2025-12-31", "December"),
            (" MERGEFIELD V \\@ \"dddd, d MMM yy\" ", "2024-02-29", "Thursday, 29 Feb 24"),
            (" MERGEFIELD V \\@ \"yyyy-MM-dd HH:mm 'h'\" ", "2025-06-02T07:05", "2025-06-02 07:05 h"),
            (" MERGEFIELD V \\@ \"h:mm AM/PM\" ", "2025-06-02 19:30:00", "7:30 PM"),
            (" MERGEFIELD V \\@ \"dd.MM.yyyy\" ", "2 June 2025", "02.06.2025"),
            (" MERGEFIELD V \\@ \"dd/MM/yyyy\" ", "not a date", "not a date"),
            (" MERGEFIELD V \\@ \"dd/MM/yyyy\" ", "2025-02-30", "2025-02-30"),
        ])
    func dates(_ instruction: String, _ value: String, _ expected: String) throws {
        #expect(try merge(instruction, value) == expected)
    }

    @Test("date pictures in the contact's language")
    func localizedDates() throws {
        var danish = MergeLocale.english
        danish.monthNames[5] = "juni"
        let value = DatePicture.parse("2 juni 2025", locale: danish)
        #expect(value == DatePicture.Value(year: 2025, month: 6, day: 2))
        #expect(DatePicture.format(try #require(value), picture: "d. MMMM yyyy", locale: danish) == "2. juni 2025")
    }

    @Test(
        "number pictures",
        arguments: [
            (" MERGEFIELD V \\# \"#,##0.00\" ", "1234.5", "1,234.50"),
            (" MERGEFIELD V \\# \"#,##0.00\" ", "1234567.005", "1,234,567.01"),
            (" MERGEFIELD V \\# 0 ", "2.5", "3"),
            (" MERGEFIELD V \\# \"$#,##0\" ", "-1234567.891", "-$1,234,568"),
            (" MERGEFIELD V \\# \"0.00%\" ", "12.345", "12.35%"),
            (" MERGEFIELD V \\# \"#,##0.00;(#,##0.00);'zero'\" ", "-5", "(5.00)"),
            (" MERGEFIELD V \\# \"#,##0.00;(#,##0.00);'zero'\" ", "0.001", "zero"),
            (" MERGEFIELD V \\# \"0.0#\" ", "3.10", "3.1"),
            (" MERGEFIELD V \\# \"00000\" ", "42", "00042"),
            (" MERGEFIELD V \\# \"#,##0.00\" ", "n/a", "n/a"),
            (" MERGEFIELD V \\# \"0.00\" ", "9.995", "10.00"),
        ])
    func numbers(_ instruction: String, _ value: String, _ expected: String) throws {
        #expect(try merge(instruction, value) == expected)
    }

    @Test("text before and after only around a value")
    func beforeAfter() throws {
        #expect(try merge(" MERGEFIELD V \\b \"Attn: \" \\f \" (ref)\" ", "Ada") == "Attn: Ada (ref)")
        #expect(try merge(" MERGEFIELD V \\b \"Attn: \" \\f \" (ref)\" ", "") == "")
        #expect(try merge(" MERGEFIELD V \\b Content ", "x") == "Contentx")
        #expect(try merge(" MERGEFIELD  V  \\m ", "mapped") == "mapped")
        #expect(try merge(" MERGEFIELD V \\f $ \\# 0.00 ", "3") == "3.00$")
    }

    @Test("instruction words: quotes, escapes, blanks")
    func tokenizer() {
        let tokens = FieldInstruction.tokenize([.text(#" IF  "a \"b\" c"<>"C:\path" \* Upper "#)])
        #expect(tokens.map { $0.plainText ?? "?" } == ["IF", #"a "b" c"#, "<>", #"C:\path"#, #"\*"#, "Upper"])
        #expect(tokens.map(\.quoted) == [false, true, false, true, false, false])
    }

    @Test("decimal rounding and comparison")
    func decimals() throws {
        let number = try #require(NumberPicture.parse("2.675"))
        #expect(NumberPicture.round(number, to: 2).fraction == [6, 8])
        #expect(try #require(NumberPicture.parse("10")).compare(#require(NumberPicture.parse("9.99"))) == 1)
        #expect(try #require(NumberPicture.parse("-0")).compare(#require(NumberPicture.parse("0.000"))) == 0)
        #expect(
            NumberPicture.parse("1e5") == nil && NumberPicture.parse("") == nil && NumberPicture.parse("1.2.3") == nil)
    }
}
