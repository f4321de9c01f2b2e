import RapportDocuments

/// The benchmark's letter when the peer's (`mailmerge_baseline.py`) is not there: the same one-page letter, built
/// here. Seven merge fields, nine uses: a two-column address table, the body and the footer; three of them with the
/// instruction split over several runs, as Word stores it after editing.
public enum BenchLetter {
    static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    public static func docx() throws -> [UInt8] {
        var writer = ZIPWriter()
        let main = "application/vnd.openxmlformats-officedocument.wordprocessingml."
        try add(
            "[Content_Types].xml",
            "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/word/document.xml\" ContentType=\"\(main)document.main+xml\"/>"
                + "<Override PartName=\"/word/header1.xml\" ContentType=\"\(main)header+xml\"/>"
                + "<Override PartName=\"/word/footer1.xml\" ContentType=\"\(main)footer+xml\"/></Types>", &writer)
        try add(
            "_rels/.rels",
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"\(relationships)/officeDocument\" Target=\"word/document.xml\"/>"
                + "</Relationships>", &writer)
        try add(
            "word/_rels/document.xml.rels",
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"\(relationships)/header\" Target=\"header1.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"\(relationships)/footer\" Target=\"footer1.xml\"/></Relationships>",
            &writer)
        try add(
            "word/header1.xml",
            "<w:hdr xmlns:w=\"\(w)\"><w:p><w:pPr><w:jc w:val=\"right\"/></w:pPr>"
                + text("CRONUS International Ltd.  ·  5 The Ring  ·  Westminster, London W2 8HG  ·  +44 20 7946 0000")
                + "</w:p></w:hdr>", &writer)
        try add(
            "word/footer1.xml",
            "<w:ftr xmlns:w=\"\(w)\"><w:p>" + text("Your contact: ") + field("SalespersonName")
                + text("  ·  CRONUS International Ltd., VAT GB 777 7777 77, www.cronus.example.com")
                + "</w:p></w:ftr>", &writer)
        try add("word/document.xml", document, &writer)
        return try writer.finish()
    }

    private static var document: String {
        let address =
            "<w:p>" + field("ContactName", split: true, bold: true) + "</w:p><w:p>" + field("Address") + "</w:p>"
            + "<w:p>" + field("PostCode") + text(" ") + field("City", split: true) + "</w:p>"
        let date = "<w:p><w:pPr><w:jc w:val=\"right\"/></w:pPr>" + text("London, ") + field("DocumentDate") + "</w:p>"
        let table =
            "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"4500\"/>"
            + "<w:gridCol w:w=\"4500\"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w=\"4500\" w:type=\"dxa\"/></w:tcPr>"
            + address + "</w:tc><w:tc><w:tcPr><w:tcW w:w=\"4500\" w:type=\"dxa\"/></w:tcPr>" + date
            + "</w:tc></w:tr></w:tbl>"
        let paragraphs = [
            "<w:p/>", "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Our new price list for 2025</w:t></w:r></w:p>",
            "<w:p>" + field("FormalSalutation", split: true) + text(",") + "</w:p>",
            "<w:p>"
                + text(
                    "thank you for the trust you have placed in CRONUS International over the past year. We are writing "
                        + "to let you know about our price list for 2025, which takes effect on the first of next month. "
                        + "Most prices stay as they are; where raw-material costs have forced a change, we have kept it "
                        + "below the rate of inflation and, for our long-standing customers, we hold the old prices for "
                        + "another quarter.") + "</w:p>",
            "<w:p>" + text("The enclosed catalogue lists every item with its new price. Orders placed by ")
                + field("ContactName")
                + text(
                    " before the end of the month are invoiced at the current prices, and delivery remains free of "
                        + "charge within the country for orders above 250 GBP.") + "</w:p>",
            "<w:p>"
                + text(
                    "We would be glad to walk you through the changes in person, to discuss volume agreements or to "
                        + "arrange a visit to our showroom. Simply reply to this letter or call us on the number above, "
                        + "and your account manager will get back to you within one working day.") + "</w:p>",
            "<w:p>" + text("Kind regards,") + "</w:p>", "<w:p/>",
            "<w:p>" + field("SalespersonName", bold: true) + "</w:p>",
            "<w:p>" + text("CRONUS International Ltd.") + "</w:p>",
        ]
        return "<w:document xmlns:w=\"\(w)\" xmlns:r=\"\(relationships)\"><w:body>" + table + paragraphs.joined()
            + "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId1\"/>"
            + "<w:footerReference w:type=\"default\" r:id=\"rId2\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
            + "<w:pgMar w:top=\"1417\" w:right=\"1417\" w:bottom=\"1134\" w:left=\"1417\" w:header=\"708\" "
            + "w:footer=\"708\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
    }

    private static func add(_ name: String, _ xml: String, _ writer: inout ZIPWriter) throws {
        try writer.addEntry(name: name, bytes: Array((declaration + xml).utf8))
    }

    private static func text(_ text: String) -> String {
        let escaped = text.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;")
        return "<w:r><w:t xml:space=\"preserve\">\(escaped)</w:t></w:r>"
    }

    /// `{ MERGEFIELD name \* MERGEFORMAT }` with its «name» result; `split` spreads the instruction over three runs.
    private static func field(_ name: String, split: Bool = false, bold: Bool = false) -> String {
        let properties = bold ? "<w:rPr><w:b/></w:rPr>" : ""
        func run(_ content: String) -> String { "<w:r>\(properties)\(content)</w:r>" }
        let instructions =
            split ? [" MERGEFIELD ", name, " \\* MERGEFORMAT "] : [" MERGEFIELD \(name) \\* MERGEFORMAT "]
        return run("<w:fldChar w:fldCharType=\"begin\"/>")
            + instructions.map { run("<w:instrText xml:space=\"preserve\">\($0)</w:instrText>") }.joined()
            + run("<w:fldChar w:fldCharType=\"separate\"/>") + run("<w:t>«\(name)»</w:t>")
            + run("<w:fldChar w:fldCharType=\"end\"/>")
    }
}
