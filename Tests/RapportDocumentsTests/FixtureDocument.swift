@testable import RapportDocuments

/// A Word package assembled by the project's own ZIP writer: a body, headers and footers of each kind,
/// footnotes, endnotes and, as Word leaves it in a mail-merge main document, a data source in the settings.
/// The parts, relationships and content types are those Word writes, so LibreOffice opens the result too.
struct FixtureDocument {
    /// A header or footer: `kind` is Word's `default`, `first` or `even`; `paragraphs` its content.
    struct Story {
        var kind: String
        var paragraphs: String
    }

    var body: String
    var headers: [Story] = []
    var footers: [Story] = []
    /// The paragraphs of each footnote; the body refers to footnote `n` (from 1) with `footnoteReference(n)`.
    var footnotes: [String] = []
    var endnotes: [String] = []
    /// Word keeps the data source of a mail-merge main document in `settings.xml` and its relationships.
    var hasDataSource = false

    static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let relationshipType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    static let contentType = "application/vnd.openxmlformats-officedocument.wordprocessingml."

    static func footnoteReference(_ id: Int) -> String {
        "<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:footnoteReference w:id=\"\(id)\"/></w:r>"
    }

    static func endnoteReference(_ id: Int) -> String {
        "<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:endnoteReference w:id=\"\(id)\"/></w:r>"
    }

    func docx() throws -> [UInt8] {
        var parts: [(name: String, type: String?, xml: String)] = []
        var relationships: [(type: String, target: String)] = [("settings", "settings.xml")]
        var references = ""
        for (index, header) in headers.enumerated() {
            let name = "header\(index + 1).xml"
            parts.append(("word/" + name, Self.contentType + "header+xml", story("hdr", header.paragraphs)))
            relationships.append(("header", name))
            references += "<w:headerReference w:type=\"\(header.kind)\" r:id=\"rId\(relationships.count)\"/>"
        }
        for (index, footer) in footers.enumerated() {
            let name = "footer\(index + 1).xml"
            parts.append(("word/" + name, Self.contentType + "footer+xml", story("ftr", footer.paragraphs)))
            relationships.append(("footer", name))
            references += "<w:footerReference w:type=\"\(footer.kind)\" r:id=\"rId\(relationships.count)\"/>"
        }
        if !footnotes.isEmpty {
            parts.append(("word/footnotes.xml", Self.contentType + "footnotes+xml", notes("footnote", footnotes)))
            relationships.append(("footnotes", "footnotes.xml"))
        }
        if !endnotes.isEmpty {
            parts.append(("word/endnotes.xml", Self.contentType + "endnotes+xml", notes("endnote", endnotes)))
            relationships.append(("endnotes", "endnotes.xml"))
        }
        let kinds = Set((headers + footers).map(\.kind))
        let section =
            "<w:sectPr>\(references)<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
            + "<w:pgMar w:top=\"1417\" w:right=\"1417\" w:bottom=\"1134\" w:left=\"1417\" w:header=\"708\" "
            + "w:footer=\"708\" w:gutter=\"0\"/>\(kinds.contains("first") ? "<w:titlePg/>" : "")</w:sectPr>"
        parts.append(
            (
                "word/document.xml", Self.contentType + "document.main+xml",
                "\(Self.declaration)<w:document xmlns:w=\"\(Self.w)\" xmlns:r=\"\(Self.r)\"><w:body>\(body)"
                    + "\(section)</w:body></w:document>"
            ))
        parts.append(
            ("word/settings.xml", Self.contentType + "settings+xml", settings(evenAndOdd: kinds.contains("even"))))
        if hasDataSource {
            parts.append(
                (
                    "word/_rels/settings.xml.rels", nil,
                    relationshipsXML([
                        "<Relationship Id=\"rId1\" Type=\"\(Self.relationshipType)mailMergeSource\" "
                            + "Target=\"file:///C:/Users/Marketing/contacts.xlsx\" TargetMode=\"External\"/>"
                    ])
                ))
        }
        parts.append(
            (
                "word/_rels/document.xml.rels", nil,
                relationshipsXML(
                    relationships.enumerated().map { index, relationship in
                        "<Relationship Id=\"rId\(index + 1)\" Type=\"\(Self.relationshipType)\(relationship.type)\" "
                            + "Target=\"\(relationship.target)\"/>"
                    })
            ))
        var writer = ZIPWriter()
        try writer.addEntry(name: "[Content_Types].xml", bytes: Array(contentTypes(parts).utf8))
        try writer.addEntry(
            name: "_rels/.rels",
            bytes: Array(
                relationshipsXML([
                    "<Relationship Id=\"rId1\" Type=\"\(Self.relationshipType)officeDocument\" "
                        + "Target=\"word/document.xml\"/>"
                ]).utf8))
        for part in parts { try writer.addEntry(name: part.name, bytes: Array(part.xml.utf8)) }
        return try writer.finish()
    }

    // MARK: - Parts

    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    private func story(_ element: String, _ paragraphs: String) -> String {
        "\(Self.declaration)<w:\(element) xmlns:w=\"\(Self.w)\" xmlns:r=\"\(Self.r)\">\(paragraphs)</w:\(element)>"
    }

    /// Footnotes or endnotes: Word's two separator notes, then one note per entry, numbered from 1.
    private func notes(_ kind: String, _ entries: [String]) -> String {
        var xml =
            "<w:\(kind) w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:\(kind)>"
            + "<w:\(kind) w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:r><w:continuationSeparator/></w:r>"
            + "</w:p></w:\(kind)>"
        for (index, paragraphs) in entries.enumerated() {
            let mark = "<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:\(kind)Ref/></w:r>"
            xml += "<w:\(kind) w:id=\"\(index + 1)\">"
            xml += paragraphs.replacing("<w:p>", with: "<w:p>" + mark, maxReplacements: 1) + "</w:\(kind)>"
        }
        return "\(Self.declaration)<w:\(kind)s xmlns:w=\"\(Self.w)\" xmlns:r=\"\(Self.r)\">\(xml)</w:\(kind)s>"
    }

    private func settings(evenAndOdd: Bool) -> String {
        let mailMerge =
            hasDataSource
            ? "<w:mailMerge><w:mainDocumentType w:val=\"formLetters\"/><w:linkToQuery/><w:dataType w:val=\"native\"/>"
                + "<w:connectString w:val=\"Provider=Microsoft.ACE.OLEDB.12.0;Data Source=contacts.xlsx\"/>"
                + "<w:query w:val=\"SELECT * FROM `Contacts$`\"/><w:dataSource r:id=\"rId1\"/></w:mailMerge>" : ""
        return "\(Self.declaration)<w:settings xmlns:w=\"\(Self.w)\" xmlns:r=\"\(Self.r)\"><w:zoom w:percent=\"100\"/>"
            + "\(evenAndOdd ? "<w:evenAndOddHeaders/>" : "")\(mailMerge)<w:defaultTabStop w:val=\"708\"/></w:settings>"
    }

    private func relationshipsXML(_ relationships: [String]) -> String {
        "\(Self.declaration)<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + relationships.joined() + "</Relationships>"
    }

    private func contentTypes(_ parts: [(name: String, type: String?, xml: String)]) -> String {
        let overrides = parts.compactMap { part in
            part.type.map { "<Override PartName=\"/\(part.name)\" ContentType=\"\($0)\"/>" }
        }
        return "\(Self.declaration)<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" "
            + "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>\(overrides.joined())</Types>"
    }
}
