import Testing

@testable import RapportDocuments

/// The merge engine on small hand-made documents: fields, IF, layout of the replacement runs.
@Suite("Merge engine")
struct MergeEngineTests {
    typealias T = TestSupport

    @Test("instructions split over runs, names matched case-insensitively, quoted names with spaces")
    func splitInstructions() throws {
        let paragraph =
            T.complexField(" MERGE|FIELD  |Contact|Name | \\* MERGEFORMAT ") + "<w:r><w:t>, </w:t></w:r>"
            + "<w:fldSimple w:instr=\" MERGEFIELD &quot;First Name&quot; \"><w:r><w:t>«First Name»</w:t></w:r>"
            + "</w:fldSimple>"
        let template = try MergeTemplate(docx: try T.docx(body: "<w:p>\(paragraph)</w:p>"))
        #expect(template.fieldNames == ["ContactName", "First Name"])
        let text = try T.mergeText(paragraph, ["contactname": "Ada & Co", "FIRST NAME": "Ada"])
        #expect(text == "Ada & Co, Ada")
    }

    @Test("the replacement run takes the formatting of the first result run")
    func formatting() throws {
        let field =
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
            + "<w:r><w:rPr><w:i/></w:rPr><w:instrText> MERGEFIELD Name </w:instrText></w:r>"
            + "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
            + "<w:r><w:rPr><w:b/><w:color w:val=\"FF0000\"/></w:rPr><w:t>«Name»</w:t></w:r>"
            + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        let template = try MergeTemplate(docx: try T.docx(body: "<w:p>\(field)</w:p>"))
        let xml = try T.part("word/document.xml", of: try template.merge(["Name": "Ada"]))
        #expect(
            xml.contains(
                "<w:p><w:r><w:rPr><w:b/><w:color w:val=\"FF0000\"/></w:rPr>"
                    + "<w:t xml:space=\"preserve\">Ada</w:t></w:r></w:p>"
            ))
        // Without a result, the instruction run's formatting.
        let bare =
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
            + "<w:r><w:rPr><w:i/></w:rPr><w:instrText> MERGEFIELD Name </w:instrText></w:r>"
            + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        let plain = try MergeTemplate(docx: try T.docx(body: "<w:p>\(bare)</w:p>"))
        #expect(
            try T.part("word/document.xml", of: try plain.merge(["Name": "Ada"])).contains(
                "<w:r><w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\">Ada</w:t></w:r>"))
    }

    @Test("text sharing a run with field characters is kept, the run reopened around the field")
    func sharedRuns() throws {
        let paragraph =
            "<w:r><w:rPr><w:b/></w:rPr><w:t>Dear </w:t><w:fldChar w:fldCharType=\"begin\"/></w:r>"
            + "<w:r><w:instrText> MERGEFIELD Name </w:instrText></w:r>"
            + "<w:r><w:fldChar w:fldCharType=\"end\"/><w:t>, hello</w:t></w:r>"
        #expect(try T.mergeText(paragraph, ["Name": "Ada"]) == "Dear Ada, hello")
        let template = try MergeTemplate(docx: try T.docx(body: "<w:p>\(paragraph)</w:p>"))
        let xml = try T.part("word/document.xml", of: try template.merge(["Name": "Ada"]))
        #expect(xml.contains("<w:r><w:rPr><w:b/></w:rPr><w:t>Dear </w:t></w:r>"))
        #expect(T.isWellFormed(Array(xml.utf8)))
    }

    @Test("multi-line values, ADDRESSBLOCK and GREETINGLINE")
    func addressBlock() throws {
        let address = "Ada Lovelace\nAcme & Sons\r\n1 Main St\n\nLondon\tUK"
        let paragraph =
            T.complexField(" ADDRESSBLOCK \\f \"<<_FIRST0_>>\" \\l 1033 ")
            + T.complexField(" GREETINGLINE \\f \"<<_BEFORE_ Dear >>\" ")
        let text = try T.mergeText(paragraph, ["ContactMailAddress": address, "FormalSalutation": "Dear Ada"])
        #expect(text == "Ada Lovelace\nAcme & Sons\n1 Main St\n\nLondon\tUKDear Ada")
        let template = try MergeTemplate(docx: try T.docx(body: "<w:p>\(paragraph)</w:p>"))
        #expect(template.fieldNames == ["ContactMailAddress", "FormalSalutation"])
        let xml = try T.part("word/document.xml", of: try template.merge(["ContactMailAddress": "A\nB"]))
        #expect(xml.contains("<w:t xml:space=\"preserve\">A</w:t><w:br/><w:t xml:space=\"preserve\">B</w:t>"))
        #expect(T.visibleText(xml).hasSuffix("«FormalSalutation»"))
    }

    @Test("IF compares numbers numerically and text exactly, with wildcards")
    func conditions() throws {
        func run(_ instruction: String, _ values: [String: String]) throws -> String {
            let nested = instruction.replacing("{A}", with: T.complexField(" MERGEFIELD Amount "))
            let parts = nested.split(separator: "¦", omittingEmptySubsequences: false)
            var runs = "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
            for part in parts {
                if part.hasPrefix("<w:r>") {
                    runs += part
                } else {
                    runs += "<w:r><w:instrText xml:space=\"preserve\">\(T.escape(String(part)))</w:instrText></w:r>"
                }
            }
            runs += "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
            return try T.mergeText(runs, values)
        }
        let big = " IF ¦{A}¦ > 100 \"big\" \"small\" "
        #expect(try run(big, ["Amount": "150"]) == "big")
        #expect(try run(big, ["Amount": "99.5"]) == "small")
        #expect(try run(big, ["Amount": "1,000"]) == "big")
        let equal = " IF ¦{A}¦ = 100 \"equal\" \"different\" "
        #expect(try run(equal, ["Amount": "100.00"]) == "equal")
        #expect(try run(equal, ["Amount": "-100"]) == "different")
        #expect(try run(" IF ¦{A}¦ <> \"Gold\" \"standard\" \"VIP\" ", ["Amount": "Gold"]) == "VIP")
        #expect(try run(" IF ¦{A}¦ = \"G*d\" \"match\" \"no\" ", ["Amount": "Gold"]) == "match")
        #expect(try run(" IF ¦{A}¦ = \"G?d\" \"match\" \"no\" ", ["Amount": "Gold"]) == "no")
        #expect(try run(" IF ¦{A}¦ <= 5 \"low\" ", ["Amount": "5"]) == "low")
        #expect(try run(" IF ¦{A}¦ >= 5 \"high\" ", ["Amount": "4"]) == "")
        #expect(try run(" IF ¦{A}¦ < \"b\" \"before\" \"after\" ", ["Amount": "a"]) == "before")
        // A nested field in the chosen text, and an IF nested in an IF.
        #expect(try run(" IF 1 = 1 \"Total: ¦{A}¦ EUR\" \"\" ", ["Amount": "7"]) == "Total: 7 EUR")
        #expect(try run(" IF ¦{A}¦ > 1 \"\\\"quoted\\\" yes\" \"no\" \\* Upper ", ["Amount": "3"]) == "\"QUOTED\" YES")
    }

    @Test("an IF depending on a field Word computes is left to Word, with merge values filled in")
    func conditionLeftToWord() throws {
        let paragraph =
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
            + "<w:r><w:instrText xml:space=\"preserve\"> IF </w:instrText></w:r>"
            + T.complexField(" PAGE ", result: "1")
            + "<w:r><w:instrText xml:space=\"preserve\"> = 1 \"</w:instrText></w:r>"
            + T.complexField(" MERGEFIELD Name ")
            + "<w:r><w:instrText xml:space=\"preserve\">\" \"\" </w:instrText></w:r>"
            + "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>cached</w:t></w:r>"
            + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        let template = try MergeTemplate(docx: try T.docx(body: "<w:p>\(paragraph)</w:p>"))
        #expect(template.fieldNames == ["Name"])
        let xml = try T.part("word/document.xml", of: try template.merge(["Name": "Ada"]))
        #expect(xml.contains("<w:instrText xml:space=\"preserve\">Ada</w:instrText>"))
        #expect(xml.contains(" PAGE ") && xml.contains(" IF ") && !xml.contains("MERGEFIELD"))
        #expect(T.visibleText(xml) == "1cached")
    }

    @Test("NEXT, SKIPIF and MERGEREC disappear; PAGE and DATE stay")
    func recordFields() throws {
        let paragraph =
            T.complexField(" NEXT ") + T.complexField(" SKIPIF 1 = 2 ") + T.complexField(" MERGEREC ")
            + T.complexField(" PAGE ", result: "3") + "<w:fldSimple w:instr=\" DATE \\@ &quot;d MMMM&quot; \">"
            + "<w:r><w:t>today</w:t></w:r></w:fldSimple>"
        let template = try MergeTemplate(docx: try T.docx(body: "<w:p>\(paragraph)</w:p>"))
        let xml = try T.part("word/document.xml", of: try template.merge([:]))
        #expect(!xml.contains("NEXT") && !xml.contains("SKIPIF") && !xml.contains("MERGEREC"))
        #expect(xml.contains(" PAGE ") && xml.contains("w:fldSimple w:instr=\" DATE"))
        #expect(T.visibleText(xml) == "3today")
    }

    @Test("values are escaped; characters XML cannot carry are dropped")
    func escaping() throws {
        let text = try T.mergeText(T.complexField(" MERGEFIELD V "), ["V": "<b>&\"'\u{1}\u{FFFE}ok 😀"])
        #expect(text == "<b>&\"'ok 😀")
        let template = try MergeTemplate(docx: try T.docx(body: "<w:p>\(T.complexField(" MERGEFIELD V "))</w:p>"))
        let xml = try T.part("word/document.xml", of: try template.merge(["V": "<b>&\"'"]))
        #expect(xml.contains(">&lt;b&gt;&amp;&quot;&apos;</w:t>"))
    }

    @Test("a field spanning paragraphs keeps the XML balanced")
    func fieldOverParagraphs() throws {
        let body =
            "<w:p><w:r><w:t>A</w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
            + "<w:r><w:instrText> MERGEFIELD Name </w:instrText></w:r>"
            + "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
            + "<w:r><w:t>old</w:t></w:r></w:p><w:p><w:r><w:t>result</w:t></w:r>"
            + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t>B</w:t></w:r></w:p>"
        let template = try MergeTemplate(docx: try T.docx(body: body))
        let xml = try T.part("word/document.xml", of: try template.merge(["Name": "Ada"]))
        #expect(T.isWellFormed(Array(xml.utf8)))
        #expect(T.visibleText(xml) == "AAdaB")
    }

    @Test("fields inside text boxes are merged")
    func textBoxes() throws {
        let box =
            "<w:r><w:pict><v:shape xmlns:v=\"urn:schemas-microsoft-com:vml\"><v:textbox><w:txbxContent>"
            + "<w:p>\(T.complexField(" MERGEFIELD City "))</w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
        let template = try MergeTemplate(docx: try T.docx(body: "<w:p><w:r><w:t>x</w:t></w:r>\(box)</w:p>"))
        #expect(template.fieldNames == ["City"])
        let xml = try T.part("word/document.xml", of: try template.merge(["City": "Oslo"]))
        #expect(T.isWellFormed(Array(xml.utf8)) && T.visibleText(xml) == "xOslo" && xml.contains("</w:txbxContent>"))
    }

    @Test("the same template and values give identical bytes")
    func determinism() throws {
        let docx = try GeneratedFixtures.docx("headers_footers_notes.docx")
        let values = ["BodyField": "a", "HeaderDefault": "b", "FooterFirst": "c"]
        let first = try MergeTemplate(docx: docx).merge(values)
        let template = try MergeTemplate(docx: docx)
        #expect(try template.merge(values) == first)
        #expect(try template.merge(values) == first)
        #expect(try template.merge(["BodyField": "other"]) != first)
    }

    @Test("a .dotx template becomes a .docx; settings lose the data source")
    func packageEdits() throws {
        var docx = try T.docx(
            body: "<w:p>\(T.complexField(" MERGEFIELD A "))</w:p>",
            parts: [
                "word/settings.xml": "<w:settings xmlns:w=\"\(T.wordNamespace)\" xmlns:r=\"urn:r\"><w:zoom/>"
                    + "<w:mailMerge><w:dataSource r:id=\"rId1\"/></w:mailMerge><w:compat/></w:settings>",
                "word/_rels/settings.xml.rels": "<Relationships><Relationship Id=\"rId1\" Type=\"x/mailMergeSource\" "
                    + "Target=\"file:///C:/data.mdb\" TargetMode=\"External\"/><Relationship Id=\"rId2\" Type=\"t\" "
                    + "Target=\"t.xml\"/></Relationships>",
            ])
        let merged = try MergeTemplate(docx: docx).merge(["A": "1"])
        #expect(
            try T.part("word/settings.xml", of: merged) == "<w:settings xmlns:w=\"\(T.wordNamespace)\" "
                + "xmlns:r=\"urn:r\"><w:zoom/><w:compat/></w:settings>")
        #expect(
            try T.part("word/_rels/settings.xml.rels", of: merged)
                == "<Relationships><Relationship Id=\"rId2\" Type=\"t\" Target=\"t.xml\"/></Relationships>")
        docx = try T.docx(body: "<w:p/>")
        let reader = try ZIPReader(bytes: docx)
        var writer = ZIPWriter()
        for entry in reader.entries {
            var bytes = try reader.contents(of: entry)
            if entry.name == "[Content_Types].xml" {
                bytes = Array(
                    String(decoding: bytes, as: UTF8.self).replacing(
                        PackageEdits.documentMainType, with: PackageEdits.templateMainType
                    ).utf8)
            }
            try writer.addEntry(name: entry.name, bytes: bytes)
        }
        let converted = try MergeTemplate(docx: try writer.finish()).merge([:])
        #expect(try T.part("[Content_Types].xml", of: converted).contains(PackageEdits.documentMainType))
    }

    @Test("many letters stream into one archive of .docx members, in order")
    func letterArchive() throws {
        let template = try MergeTemplate(docx: try GeneratedFixtures.docx("simple_field.docx"))
        let letters = (1...150).map { MergeLetter(name: "Letter \($0).docx", values: ["ContactName": "N\($0)"]) }
        var chunks = 0
        var bytes: [UInt8] = []
        var archive = ZIPWriter { chunk in
            chunks += 1
            bytes.append(contentsOf: chunk)
        }
        archive.flushThreshold = 64 << 10
        try template.mergeLetters(letters, into: &archive, parallelism: 2)
        try archive.finish()
        #expect(chunks > 1)
        let reader = try ZIPReader(bytes: bytes)
        #expect(reader.entries.map(\.name) == letters.map(\.name))
        for (index, entry) in reader.entries.enumerated() where index % 37 == 0 {
            let docx = try reader.contents(of: entry)
            #expect(T.visibleText(try T.part("word/document.xml", of: docx)).contains("N\(index + 1)"))
        }
        var again = ZIPWriter()
        #expect(throws: DocumentError.duplicateEntryName("Letter 1.docx")) {
            try template.mergeLetters([letters[0], letters[0]], into: &again)
        }
    }
}
