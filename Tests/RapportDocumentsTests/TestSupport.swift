import Foundation
import Testing

@testable import RapportDocuments

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Shared helpers: locating the fixtures, building small .docx files, reading merged output back.
enum TestSupport {
    /// The repository's root: two folders above this file.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `../shared/fixtures/word` beside this clone (the Word-made fixtures), or nil when it is not there: the
    /// tests over them then say so, and the generated fixtures (`GeneratedFixtures`) cover the same shapes.
    static let sharedFixturesFolder: URL? = {
        let folder = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures/word")
        return FileManager.default.fileExists(atPath: folder.path) ? folder : nil
    }()

    static let noSharedFixtures: Comment = "../shared/fixtures/word is not beside this clone"

    /// A Word-made fixture of `../shared/fixtures/word`.
    static func fixture(_ name: String) throws -> [UInt8] {
        let folder = try #require(sharedFixturesFolder, noSharedFixtures)
        let data = try #require(FileManager.default.contents(atPath: folder.appendingPathComponent(name).path))
        return [UInt8](data)
    }

    static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    /// A minimal but complete .docx whose body is `body` (paragraphs), plus any extra parts.
    static func docx(body: String, parts: [String: String] = [:]) throws -> [UInt8] {
        var writer = ZIPWriter()
        let contentTypes = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/word/document.xml" \
            ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
            """
        try writer.addEntry(name: "[Content_Types].xml", bytes: Array(contentTypes.utf8))
        let rels = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" \
            Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
            Target="word/document.xml"/></Relationships>
            """
        try writer.addEntry(name: "_rels/.rels", bytes: Array(rels.utf8))
        try writer.addEntry(name: "word/document.xml", bytes: Array(document(body).utf8))
        for (name, xml) in parts.sorted(by: { $0.key < $1.key }) {
            try writer.addEntry(name: name, bytes: Array(xml.utf8))
        }
        return try writer.finish()
    }

    static func document(_ body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:w="\(wordNamespace)"><w:body>\(body)</w:body></w:document>
        """
    }

    /// A complex field `{ instruction }` with a «placeholder» result, its instruction split at `|`.
    static func complexField(_ instruction: String, result: String = "«x»", properties: String = "") -> String {
        let runs = instruction.split(separator: "|", omittingEmptySubsequences: false).map {
            "<w:r>\(properties)<w:instrText xml:space=\"preserve\">\(escape(String($0)))</w:instrText></w:r>"
        }
        return "<w:r>\(properties)<w:fldChar w:fldCharType=\"begin\"/></w:r>" + runs.joined()
            + "<w:r>\(properties)<w:fldChar w:fldCharType=\"separate\"/></w:r>"
            + "<w:r>\(properties)<w:t>\(escape(result))</w:t></w:r>"
            + "<w:r>\(properties)<w:fldChar w:fldCharType=\"end\"/></w:r>"
    }

    static func escape(_ text: String) -> String {
        String(decoding: XMLText.escaped(text), as: UTF8.self)
    }

    /// Merges a one-paragraph body and returns the visible text of the merged body.
    static func mergeText(_ paragraph: String, _ values: [String: String]) throws -> String {
        let template = try MergeTemplate(docx: try docx(body: "<w:p>\(paragraph)</w:p>"))
        return visibleText(try part("word/document.xml", of: try template.merge(values)))
    }

    /// The text of a merged part with its XML.
    static func part(_ name: String, of docx: [UInt8]) throws -> String {
        let reader = try ZIPReader(bytes: docx)
        let entry = try #require(reader.entry(named: name), "\(name) missing")
        return String(decoding: try reader.contents(of: entry), as: UTF8.self)
    }

    /// The text Word would show: `w:t` contents, `w:br` as a line feed, `w:tab` as a tab; field codes excluded.
    static func visibleText(_ xml: String) -> String {
        var result = ""
        var rest = Substring(xml)
        while let open = rest.firstRange(of: "<w:") {
            rest = rest[open.upperBound...]
            if rest.hasPrefix("t>") || rest.hasPrefix("t ") {
                guard let start = rest.firstIndex(of: ">"), let end = rest.firstRange(of: "</w:t>") else { break }
                if rest[rest.index(before: start)] != "/" {
                    result += XMLText.decode(ArraySlice(Array(rest[rest.index(after: start)..<end.lowerBound].utf8)))
                }
                rest = rest[end.upperBound...]
            } else if rest.hasPrefix("br/>") || rest.hasPrefix("br ") {
                result += "\n"
            } else if rest.hasPrefix("tab/>") {
                result += "\t"
            }
        }
        return result
    }

    /// All field instructions of a part: `w:instrText` contents and `w:fldSimple` `w:instr` attributes.
    static func instructions(_ xml: String) -> String {
        var result = ""
        var rest = Substring(xml)
        while let open = rest.firstRange(of: "<w:instrText") {
            rest = rest[open.upperBound...]
            guard let start = rest.firstIndex(of: ">"), let end = rest.firstRange(of: "</w:instrText>") else { break }
            result += rest[rest.index(after: start)..<end.lowerBound] + "|"
            rest = rest[end.upperBound...]
        }
        rest = Substring(xml)
        while let open = rest.firstRange(of: "w:instr=\"") {
            rest = rest[open.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            result += rest[..<end] + "|"
            rest = rest[end...]
        }
        return result
    }

    /// Whether the bytes parse as XML (Foundation's parser, independent of the engine's scanner).
    static func isWellFormed(_ bytes: [UInt8]) -> Bool {
        let parser = XMLParser(data: Data(bytes))
        return parser.parse()
    }
}
