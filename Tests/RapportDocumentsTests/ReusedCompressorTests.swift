import Testing

@testable import RapportDocuments

/// A batch of letters reuses its zlib streams (`merge(_:locale:reusing:)`): every letter must come out byte for
/// byte as a letter merged on its own, whatever was deflated before it.
@Suite("Merge engine: reused compressors")
struct ReusedCompressorTests {
    typealias T = TestSupport

    @Test func lettersMergedWithReusedCompressorsAreTheBytesOfLettersMergedAlone() throws {
        let body =
            "<w:p>" + T.complexField(" MERGEFIELD Name ") + "<w:r><w:t>, </w:t></w:r>"
            + T.complexField(" MERGEFIELD City ") + "</w:p>"
        let header = """
            <w:hdr xmlns:w="\(T.wordNamespace)"><w:p>\(T.complexField(" MERGEFIELD Name "))</w:p></w:hdr>
            """
        let template = try MergeTemplate(docx: try T.docx(body: body, parts: ["word/header1.xml": header]))
        let letters: [[String: String]] = [
            ["Name": String(repeating: "Long letter, many words. ", count: 400), "City": "Leeds"],
            ["Name": "Ada", "City": ""],
            ["Name": "Ørsted 🎉 ü\u{301} & <Co>", "City": "York\nNorth"],
            ["Name": "", "City": String(repeating: "x", count: 70_000)],
            ["Name": "Bo", "City": "Hull"],
        ]
        let compressors = Compressors()
        for values in letters {
            let alone = try template.merge(values)
            let reused = try template.merge(values, reusing: compressors)
            #expect(reused == alone)
            #expect(try T.part("word/document.xml", of: reused).contains("<w:document"))
        }
        #expect(compressors.deflaters.keys.sorted() == [template.compressionLevel])
    }
}
