import Testing

@testable import RapportDocuments

/// The generated fixtures (`GeneratedFixtures`) through the same checks as the Word-made ones, and what each
/// shape is there for: conditions, switches, parts, fields left to Word.
@Suite("Generated fixtures")
struct GeneratedFixtureTests {
    typealias G = GeneratedFixtures

    static func template(_ name: String) throws -> MergeTemplate {
        try MergeTemplate(docx: try G.docx(name))
    }

    @Test("compile, merge and read back", arguments: G.all.keys.sorted())
    func mergeFixture(_ file: String) throws {
        let fixture = try #require(G.all[file])
        try FixtureChecks.mergeAndReadBack(
            file, docx: try fixture.document.docx(), names: fixture.names, partsOf: fixture.partsOf)
    }

    @Test("a field missing from the map stays visible as «Name»", arguments: G.all.keys.sorted())
    func unknownField(_ file: String) throws {
        let fixture = try #require(G.all[file])
        try FixtureChecks.unknownFieldShows(file, docx: try fixture.document.docx(), names: fixture.names)
    }

    @Test("fields split over runs and sharing runs with text merge into the text around them")
    func splitRuns() throws {
        let text = try FixtureChecks.text(
            try Self.template("split_runs.docx"), ["firstname": "Ada", "SURNAME": "Lovelace", "CompanyName": "Acme"])
        #expect(text == "Ada Lovelaceof Acme, welcome")
        let simple = try FixtureChecks.text(try Self.template("simple_field.docx"), ["ContactName": "Zoë & Co"])
        #expect(simple == "Dear Zoë & Co,\nZoë & Co")
    }

    @Test("each header, footer, footnote and endnote gets its own value")
    func storyParts() throws {
        let names = try #require(G.all["headers_footers_notes.docx"]).names
        var values: [String: String] = [:]
        for name in names { values[name] = "<\(name)>" }
        let merged = try Self.template("headers_footers_notes.docx").merge(values)
        for (part, shown) in [
            ("word/header1.xml", "Header: <HeaderDefault>"), ("word/header2.xml", "<HeaderFirst>"),
            ("word/header3.xml", "<HeaderEven>"), ("word/footer1.xml", "<FooterDefault>"),
            ("word/footer2.xml", "<FooterFirst>"), ("word/footer3.xml", "Even: <FooterEven>"),
            ("word/footnotes.xml", " Note: <BodyField> and <FootnoteField>"),
            ("word/endnotes.xml", " End: <EndnoteField>"),
            ("word/document.xml", "Body: <BodyField>"),
        ] {
            #expect(TestSupport.visibleText(try TestSupport.part(part, of: merged)) == shown, "\(part)")
        }
    }

    @Test("fields in tables, nested tables and a footer table merge in place")
    func tables() throws {
        let names = try #require(G.all["tables.docx"]).names
        var values: [String: String] = [:]
        for (index, name) in names.enumerated() { values[name] = "T\(index)" }
        let merged = try Self.template("tables.docx").merge(values)
        #expect(
            TestSupport.visibleText(try TestSupport.part("word/document.xml", of: merged))
                == "StudentStudyT0T1T2T3T4Thesis: T5")
        let footer = try Self.template("odd_names_footer_table.docx").merge([
            "date1://object/releaseDate": "2 June", "//object/symbol": "RPT",
        ])
        let xml = try TestSupport.part("word/footer1.xml", of: footer)
        #expect(TestSupport.visibleText(xml) == "2 JuneRPTPage 1 of 1")
        #expect(xml.contains(" PAGE ") && xml.contains(" NUMPAGES "))
    }

    @Test("IF compares merged values and shows the chosen text, nested two deep")
    func conditions() throws {
        let template = try Self.template("if_fields.docx")
        #expect(
            try FixtureChecks.text(template, ["NetIncome": "1000", "Level": "one"])
                == " (surplus of 1000$)true one- one -")
        #expect(try FixtureChecks.text(template, ["NetIncome": "-5", "Level": "two"]) == "true twotwo")
        #expect(try FixtureChecks.text(template, ["NetIncome": "0", "Level": "three"]) == "true threemore: three")
    }

    @Test("case, date, number, before-text and mapping switches")
    func switches() throws {
        let template = try Self.template("switches.docx")
        let shown = try FixtureChecks.text(
            template,
            [
                "EntityName": "acme TRADING co", "OrderDate": "2025-06-02", "UnitPrice": "1234.5", "Discount": "12.345",
                "Attention": "Ada", "Nickname": "Mo",
            ])
        #expect(
            shown == "ACME TRADING CO / acme trading co / Acme trading co / Acme Trading Co / acme TRADING co"
                + "02-Jun-2025 $1,234.50 12.35%Attn: AdaMo")
        let empty = try FixtureChecks.text(template, ["Attention": "", "EntityName": "x"])
        #expect(empty.hasSuffix("«OrderDate» «UnitPrice» «Discount»«Nickname»"), "\(empty)")
    }

    @Test("ADDRESSBLOCK and GREETINGLINE take the contact's address and salutation")
    func addressBlock() throws {
        let text = try FixtureChecks.text(
            try Self.template("addressblock_greetingline.docx"),
            ["ContactMailAddress": "Ada Lovelace\nAcme & Sons\nLondon", "FormalSalutation": "Dear Ms Lovelace,"])
        #expect(text == "Ada Lovelace\nAcme & Sons\nLondonDear Ms Lovelace,")
    }

    @Test("NEXT disappears and each label shows the value")
    func nextRecord() throws {
        let xml = try TestSupport.part(
            "word/document.xml", of: try Self.template("next_record.docx").merge(["Label": "F"]))
        #expect(!TestSupport.instructions(xml).contains("NEXT"))
        #expect(TestSupport.visibleText(xml) == "FFFF")
    }

    @Test("fields that are not merge fields, and an empty field, are left for Word")
    func otherFieldsStay() throws {
        let xml = try TestSupport.part(
            "word/document.xml", of: try Self.template("other_fields.docx").merge(["Subject": "Prices"]))
        #expect(xml.contains(" TIME \\@ ") && xml.contains(" PAGE ") && xml.contains("w:fldSimple w:instr=\" DATE"))
        #expect(xml.contains("<w:instrText xml:space=\"preserve\">   </w:instrText>"))
        #expect(TestSupport.visibleText(xml) == "Sent June 2, 2025 page 12 June 2025 Re: Prices")
    }
}
