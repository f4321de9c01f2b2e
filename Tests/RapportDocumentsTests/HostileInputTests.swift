import Testing

@testable import RapportDocuments

/// Uploads are hostile: every refusal is a typed `DocumentError`, never a crash or a runaway allocation.
@Suite("Hostile uploads")
struct HostileInputTests {
    func compile(_ bytes: [UInt8]) throws(DocumentError) {
        _ = try MergeTemplate(docx: bytes)
    }

    /// An archive with the given entries (name → contents), plus whatever else a .docx needs unless left out.
    func archive(_ entries: [(String, String)], minimal: Bool = true) throws -> [UInt8] {
        var writer = ZIPWriter()
        if minimal {
            try writer.addEntry(name: "[Content_Types].xml", bytes: Array("<Types/>".utf8))
        }
        for (name, contents) in entries { try writer.addEntry(name: name, bytes: Array(contents.utf8)) }
        return try writer.finish()
    }

    @Test("random bytes and empty input are not a ZIP")
    func randomBytes() {
        var generator = SystemRandomNumberGenerator()
        for size in [0, 1, 21, 22, 4096, 100_000] {
            let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(throws: DocumentError.notAZip) { try compile(bytes) }
        }
        #expect(throws: DocumentError.notAZip) { try compile(Array("PK\u{3}\u{4} not really".utf8)) }
    }

    @Test("a ZIP without word/document.xml or [Content_Types].xml is not a .docx")
    func notADocx() throws {
        #expect(throws: DocumentError.notADocx) { try compile(try archive([("readme.txt", "hi")])) }
        let noTypes = try archive([("word/document.xml", TestSupport.document(""))], minimal: false)
        #expect(throws: DocumentError.notADocx) { try compile(noTypes) }
        let macro = try archive(
            [
                ("word/document.xml", TestSupport.document("")),
                (
                    "[Content_Types].xml",
                    "<Types><Override ContentType=\"application/vnd.ms-word.document.macroEnabled"
                        + ".main+xml\"/></Types>"
                ),
            ], minimal: false)
        #expect(throws: DocumentError.notADocx) { try compile(macro) }
    }

    @Test(
        "zip-slip names are refused",
        arguments: [
            "../evil.xml", "word/../../evil.xml", "/etc/passwd", "word\\evil.xml", "C:/evil.xml", "a/../b", "..",
        ])
    func zipSlip(_ name: String) throws {
        let bytes = try archive([("word/document.xml", TestSupport.document("")), (name, "x")])
        #expect(throws: DocumentError.unsafeEntryName(name)) { try compile(bytes) }
    }

    @Test("duplicate, truncated and damaged archives are corrupt")
    func damaged() throws {
        let good = try TestSupport.docx(body: "<w:p>\(TestSupport.complexField(" MERGEFIELD A "))</w:p>")
        #expect(throws: DocumentError.self) { try compile(Array(good.dropLast(30))) }
        // A flipped byte inside the deflated body fails inflation or the CRC check.
        let reader = try ZIPReader(bytes: good)
        let body = try #require(reader.entry(named: "word/document.xml"))
        var flipped = good
        flipped[body.dataOffset + body.compressedSize / 2] ^= 0x5A
        #expect(throws: DocumentError.self) { try compile(flipped) }
        let twice = try archive([("word/document.xml", TestSupport.document("")), ("Word/Document.xml", "x")])
        #expect(throws: DocumentError.corrupt("the entry Word/Document.xml appears twice")) { try compile(twice) }
        var cut = good
        cut.removeSubrange(40..<200)
        #expect(throws: DocumentError.self) { try compile(cut) }
    }

    @Test("DOCTYPE and ENTITY declarations are refused, never resolved")
    func entities() throws {
        let doctype =
            "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<w:document xmlns:w=\"\(TestSupport.wordNamespace)\"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p>"
            + "</w:body></w:document>"
        #expect(throws: DocumentError.externalEntities) {
            try compile(try archive([("word/document.xml", doctype)]))
        }
        // Also in a part the merge does not otherwise read, and in UTF-16.
        let styles = "<?xml version=\"1.0\"?><!ENTITY lol \"lol\"><w:styles/>"
        #expect(throws: DocumentError.externalEntities) {
            try compile(try archive([("word/document.xml", TestSupport.document("")), ("word/styles.xml", styles)]))
        }
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "<!doctype x><x/>".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        var writer = ZIPWriter()
        try writer.addEntry(name: "[Content_Types].xml", bytes: Array("<Types/>".utf8))
        try writer.addEntry(name: "word/document.xml", bytes: Array(TestSupport.document("").utf8))
        try writer.addEntry(name: "customXml/item1.xml", bytes: utf16)
        #expect(throws: DocumentError.externalEntities) { try compile(try writer.finish()) }
    }

    @Test("fields and text boxes nested thousands deep are refused, not recursed into")
    func deepNesting() throws {
        let begin = "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> IF 1 = 1 \"</w:instrText></w:r>"
        let fields = "<w:p>" + String(repeating: begin, count: 10_000) + "</w:p>"
        #expect(throws: DocumentError.corrupt("fields are nested too deeply")) {
            try compile(try TestSupport.docx(body: fields))
        }
        let open = "<w:p><w:r><w:pict><w:txbxContent>"
        let close = "</w:txbxContent></w:pict></w:r></w:p>"
        let boxes = String(repeating: open, count: 5_000) + String(repeating: close, count: 5_000)
        #expect(throws: DocumentError.corrupt("text boxes are nested too deeply")) {
            try compile(try TestSupport.docx(body: boxes))
        }
    }

    /// A 300 MiB body of repeated XML, deflated as it is streamed (never held in memory): about 300 KB.
    static func bomb(size: Int) throws -> [UInt8] {
        var writer = ZIPWriter()
        try writer.addEntry(name: "[Content_Types].xml", bytes: Array("<Types/>".utf8))
        try writer.beginEntry(name: "word/document.xml")
        let chunk = [UInt8](String(repeating: "<w:p><w:r><w:t>bomb</w:t></w:r></w:p>", count: 28_339).utf8)
        var written = 0
        while written < size {
            let count = min(chunk.count, size - written)
            try chunk.withUnsafeBytes { try writer.write(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            written += count
        }
        try writer.finishEntry()
        return try writer.finish()
    }

    @Test("a zip bomb is refused from its declared sizes, and a lying one while inflating")
    func zipBomb() throws {
        let bomb = try Self.bomb(size: 300 << 20)
        #expect(bomb.count < 2 << 20)
        let reader = try ZIPReader(bytes: bomb)
        let body = try #require(reader.entry(named: "word/document.xml"))
        #expect(body.uncompressedSize == 300 << 20)
        // The sum of the declared sizes: the body and the 8-byte [Content_Types].xml.
        #expect(throws: DocumentError.tooLarge(expanded: (300 << 20) + 8)) { try compile(bomb) }
        // Within the total limit but compressed over 200 times.
        let limits = DocumentLimits(maxExpandedSize: 1 << 30)
        #expect(throws: DocumentError.tooLarge(expanded: 300 << 20)) {
            _ = try MergeTemplate(docx: bomb, limits: limits)
        }
        // The central directory lies (declares 1 MiB): inflation stops right after 1 MiB.
        var lying = bomb
        let directory = try #require(Self.centralHeader(of: "word/document.xml", in: lying))
        let declared = UInt32(1 << 20)
        for index in 0..<4 { lying[directory + 24 + index] = UInt8(truncatingIfNeeded: declared >> (8 * index)) }
        #expect(throws: DocumentError.tooLarge(expanded: 1 << 20 + 1)) { try compile(lying) }
    }

    static func centralHeader(of name: String, in bytes: [UInt8]) -> Int? {
        let signature: [UInt8] = [0x50, 0x4B, 0x01, 0x02]
        let target = Array(name.utf8)
        var index = bytes.count - 22
        while index >= 0 {
            if bytes[index..<(index + 4)].elementsEqual(signature),
                bytes[(index + 46)..<min(bytes.count, index + 46 + target.count)].elementsEqual(target)
            {
                return index
            }
            index -= 1
        }
        return nil
    }
}
