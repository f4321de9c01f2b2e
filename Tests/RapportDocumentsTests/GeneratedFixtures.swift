import Testing

@testable import RapportDocuments

/// The Word documents the merge tests need, made here so that a clone of the repository is enough. Together
/// they have the shapes of the Word-made fixtures in `../shared/fixtures/word` (see its README's feature
/// index): simple fields, complex fields split over several runs and sharing runs with text, both mixed, fields
/// in tables, headers and footers of every kind, footnotes and endnotes, odd names, IF (nested, and with merge
/// fields in its condition and its text), the case, date, number, before/after and mapping switches,
/// ADDRESSBLOCK and GREETINGLINE, NEXT, fields left to Word, an empty field and a data source in the settings.
enum GeneratedFixtures {
    struct Fixture {
        var document: FixtureDocument
        /// The field names `MergeTemplate.fieldNames` must report, in its order.
        var names: [String]
        /// The parts each name's merged value must show in, when not only `word/document.xml`.
        var partsOf: [String: [String]] = [:]
    }

    static func docx(_ name: String) throws -> [UInt8] {
        let fixture = try #require(all[name], "no generated fixture \(name)")
        return try fixture.document.docx()
    }

    static let all: [String: Fixture] = [
        "simple_field.docx": Fixture(
            document: FixtureDocument(
                body: p(text("Dear "), simple(" MERGEFIELD  ContactName  \\* MERGEFORMAT "), text(","))
                    + "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>" + p(simple(" MERGEFIELD ContactName ")),
                hasDataSource: true),
            names: ["ContactName"]),
        "split_runs.docx": Fixture(
            document: FixtureDocument(
                body: p(
                    complex(" MERGE|FIELD  |First|Name  \\* MERGEFORMAT ", properties: "<w:rPr><w:b/></w:rPr>"),
                    text(" "), "<w:proofErr w:type=\"spellStart\"/>", simple(" MERGEFIELD Surname "),
                    "<w:proofErr w:type=\"spellEnd\"/>")
                    + p(
                        "<w:r w:rsidR=\"00A7\"><w:t xml:space=\"preserve\">of </w:t><w:fldChar w:fldCharType=\"begin\"/>"
                            + "</w:r><w:r w:rsidR=\"00B1\"><w:instrText xml:space=\"preserve\"> MERGEFIELD </w:instrText>"
                            + "</w:r><w:r w:rsidR=\"00B2\"><w:instrText>CompanyName</w:instrText></w:r>"
                            + "<w:r><w:instrText xml:space=\"preserve\"> \\* MERGEFORMAT </w:instrText></w:r>"
                            + "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>«CompanyName»</w:t></w:r>"
                            + "<w:r><w:fldChar w:fldCharType=\"end\"/><w:t>, welcome</w:t></w:r>")),
            names: ["FirstName", "Surname", "CompanyName"]),
        "headers_footers_notes.docx": Fixture(
            document: FixtureDocument(
                body: p(
                    text("Body: "), complex(" MERGEFIELD BodyField \\* MERGEFORMAT "),
                    FixtureDocument.footnoteReference(1), FixtureDocument.endnoteReference(1)),
                headers: [
                    .init(kind: "default", paragraphs: p(text("Header: "), simple(" MERGEFIELD HeaderDefault "))),
                    .init(kind: "first", paragraphs: p(complex(" MERGEFIELD |HeaderFirst "))),
                    .init(kind: "even", paragraphs: p(simple(" MERGEFIELD  HeaderEven  \\* MERGEFORMAT "))),
                ],
                footers: [
                    .init(kind: "default", paragraphs: p(complex(" MERGEFIELD FooterDefault \\* MERGEFORMAT "))),
                    .init(kind: "first", paragraphs: p(simple(" MERGEFIELD FooterFirst "))),
                    .init(kind: "even", paragraphs: p(text("Even: "), complex(" MERGEFIELD Footer|Even "))),
                ],
                footnotes: [
                    p(
                        text(" Note: "), simple(" MERGEFIELD BodyField "), text(" and "),
                        complex(" MERGEFIELD FootnoteField "))
                ],
                endnotes: [p(text(" End: "), complex(" MERGEFIELD EndnoteField "))],
                hasDataSource: true),
            names: [
                "BodyField", "EndnoteField", "FooterDefault", "FooterFirst", "FooterEven", "FootnoteField",
                "HeaderDefault", "HeaderFirst", "HeaderEven",
            ],
            partsOf: [
                "BodyField": ["word/document.xml", "word/footnotes.xml"], "EndnoteField": ["word/endnotes.xml"],
                "FooterDefault": ["word/footer1.xml"], "FooterFirst": ["word/footer2.xml"],
                "FooterEven": ["word/footer3.xml"], "FootnoteField": ["word/footnotes.xml"],
                "HeaderDefault": ["word/header1.xml"], "HeaderFirst": ["word/header2.xml"],
                "HeaderEven": ["word/header3.xml"],
            ]),
        "tables.docx": Fixture(
            document: FixtureDocument(
                body: table([
                    [p(text("Student")), p(text("Study"))],
                    [p(complex(" MERGEFIELD Student|Name ")), p(simple(" MERGEFIELD StudyName \\* MERGEFORMAT "))],
                ]) + "<w:p/>"
                    + table([
                        [
                            p(simple(" MERGEFIELD ClassCode ")), p(complex(" MERGEFIELD  ClassName  ")),
                            p(complex(" MERGEFIELD ClassGrade \\* MERGEFORMAT ")),
                        ],
                        [table([[p(text("Thesis: "), complex(" MERGEFIELD ThesisGrade "))]]) + "<w:p/>", p(), p()],
                    ]) + "<w:p/>"),
            names: ["StudentName", "StudyName", "ClassCode", "ClassName", "ClassGrade", "ThesisGrade"]),
        "odd_names_footer_table.docx": Fixture(
            document: FixtureDocument(
                body: p(
                    simple(" MERGEFIELD \"Hello world\" "), text(" "),
                    simple(" MERGEFIELD  \"More than one space\"  \\* MERGEFORMAT "), text(" "),
                    complex(" MERGEFIELD TableStart:Orders "), complex(" MERGEFIELD  Singleword "),
                    complex(" MERGEFIELD TableEnd:Orders ")),
                footers: [
                    .init(
                        kind: "default",
                        paragraphs: table([
                            [
                                p(complex(" MERGEFIELD  date1://object/releaseDate  \\* MERGEFORMAT ")),
                                p(simple(" MERGEFIELD //object/symbol ")),
                                p(
                                    text("Page "), complex(" PAGE ", result: "1"), text(" of "),
                                    complex(" NUMPAGES ", result: "1")),
                            ]
                        ]) + "<w:p/>")
                ]),
            names: [
                "Hello world", "More than one space", "TableStart:Orders", "Singleword", "TableEnd:Orders",
                "date1://object/releaseDate", "//object/symbol",
            ],
            partsOf: ["date1://object/releaseDate": ["word/footer1.xml"], "//object/symbol": ["word/footer1.xml"]]),
        "if_fields.docx": Fixture(
            document: FixtureDocument(
                body: p(
                    nested([
                        " IF ", complex(" MERGEFIELD NetIncome "), " > 0 \" (surplus of ",
                        complex(" MERGEFIELD NetIncome \\f $ "), ")\" \"\" ",
                    ]))
                    + p(
                        complex(" IF 1 < 2 \"true\" \"false\" ", result: "true"), text(" "),
                        complex(" MERGEFIELD Level "))
                    + p(
                        nested([
                            " IF ", complex(" MERGEFIELD Level "), " = \"one\" \"- ", complex(" MERGEFIELD Level "),
                            " -\" \"",
                            nested([
                                " IF ", complex(" MERGEFIELD Level "), " = \"two\" \"", complex(" MERGEFIELD Level "),
                                "\" \"more: ", complex(" MERGEFIELD Level "), "\" ",
                            ]), "\" ",
                        ]))),
            names: ["NetIncome", "Level"]),
        "switches.docx": Fixture(
            document: FixtureDocument(
                body: p(
                    complex(" MERGEFIELD  EntityName  \\* Upper "), text(" / "),
                    simple(" MERGEFIELD EntityName \\* Lower "), text(" / "),
                    complex(" MERGEFIELD EntityName \\* FirstCap \\* MERGEFORMAT "), text(" / "),
                    complex(" MERGEFIELD EntityName \\* Caps "), text(" / "), simple(" MERGEFIELD EntityName "))
                    + p(
                        complex(" MERGEFIELD OrderDate \\@ \"dd-MMM-yyyy\" "), text(" "),
                        complex(" MERGEFIELD UnitPrice |\\# \"$#,##0.00\" "), text(" "),
                        simple(" MERGEFIELD Discount \\# \"0.00%\" "))
                    + p(
                        complex(" MERGEFIELD  Attention  \\b \"Attn: \" \\* MERGEFORMAT "),
                        complex(" MERGEFIELD \"Nickname\" \\m "))),
            names: ["EntityName", "OrderDate", "UnitPrice", "Discount", "Attention", "Nickname"]),
        "addressblock_greetingline.docx": Fixture(
            document: FixtureDocument(
                body: p(
                    complex(
                        " ADDRESSBLOCK \\f \"<<_TITLE0_ >><<_FIRST0_>><< _LAST0_>>\" \\l 1033 \\c 2 \\e \"United Kingdom\" \\d ",
                        result: "«AddressBlock»"))
                    + p(
                        complex(
                            " GREETINGLINE \\f \"<<_BEFORE_ Dear >><<_TITLE0_>><< _LAST0_>><<_AFTER_ ,>>\" \\l 1033 ",
                            result: "«GreetingLine»")),
                hasDataSource: true),
            names: ["ContactMailAddress", "FormalSalutation"]),
        "next_record.docx": Fixture(
            document: FixtureDocument(
                body: [String](repeating: p(complex(" MERGEFIELD |Label ")), count: 4).joined(
                    separator: p(complex(" NEXT "))) + p(complex(" NEXT "))),
            names: ["Label"]),
        "other_fields.docx": Fixture(
            document: FixtureDocument(
                body: p(
                    text("Sent "), complex(" TIME \\@ \"MMMM d, yyyy\" ", result: "June 2, 2025"), text(" page "),
                    complex(" PAGE ", result: "1"))
                    + p(
                        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
                            + "<w:r><w:instrText xml:space=\"preserve\">   </w:instrText></w:r>"
                            + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>")
                    + p(
                        simple(" DATE \\@ \"d MMMM yyyy\" ", result: "2 June 2025"), text(" Re: "),
                        simple(" MERGEFIELD Subject "))),
            names: ["Subject"]),
    ]

    // MARK: - WordprocessingML pieces

    static func p(_ runs: String...) -> String { "<w:p>" + runs.joined() + "</w:p>" }

    static func text(_ text: String) -> String {
        "<w:r><w:t xml:space=\"preserve\">\(TestSupport.escape(text))</w:t></w:r>"
    }

    /// `w:fldSimple` with a «name» result, as Word writes a field inserted in one go.
    static func simple(_ instruction: String, result: String? = nil) -> String {
        let shown = result ?? "«" + mergeFieldName(instruction) + "»"
        return "<w:fldSimple w:instr=\"\(TestSupport.escape(instruction))\"><w:r><w:t>\(TestSupport.escape(shown))"
            + "</w:t></w:r></w:fldSimple>"
    }

    /// A complex field whose instruction is split into runs at each `|`, with a «name» result.
    static func complex(_ instruction: String, result: String? = nil, properties: String = "") -> String {
        let shown = result ?? "«" + mergeFieldName(instruction.replacing("|", with: "")) + "»"
        return TestSupport.complexField(instruction, result: shown, properties: properties)
    }

    /// A complex field whose instruction holds other fields: pieces starting with `<w:r` are runs of a nested
    /// field, the others instruction text.
    static func nested(_ pieces: [String]) -> String {
        var runs = "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
        for piece in pieces {
            runs +=
                piece.hasPrefix("<w:r")
                ? piece : "<w:r><w:instrText xml:space=\"preserve\">\(TestSupport.escape(piece))</w:instrText></w:r>"
        }
        return runs + "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>…</w:t></w:r>"
            + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
    }

    /// A table of the given cells (each cell's paragraphs), columns of equal width.
    static func table(_ rows: [[String]]) -> String {
        let columns = rows.map(\.count).max() ?? 1
        let width = 9000 / columns
        let grid = String(repeating: "<w:gridCol w:w=\"\(width)\"/>", count: columns)
        let body = rows.map { cells in
            "<w:tr>"
                + cells.map { "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/></w:tcPr>\($0)</w:tc>" }.joined()
                + "</w:tr>"
        }
        return "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid>\(grid)</w:tblGrid>"
            + body.joined() + "</w:tbl>"
    }

    /// The name a MERGEFIELD instruction names (quotes removed), for its «placeholder».
    private static func mergeFieldName(_ instruction: String) -> String {
        let words = instruction.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count > 1 else { return "field" }
        if words[1].hasPrefix("\""), let quoted = instruction.split(separator: "\"").dropFirst().first {
            return String(quoted)
        }
        return String(words[1])
    }
}
