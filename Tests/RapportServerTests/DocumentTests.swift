import Foundation
import HTTPTypes
import HummingbirdTesting
import RapportCore
import RapportDocuments
import Testing

@testable import RapportServer

/// A minimal .docx whose body holds simple merge fields.
func letterDocx(fields: [String]) throws -> [UInt8] {
    var writer = ZIPWriter()
    try writer.addEntry(
        name: "[Content_Types].xml",
        bytes: Array(
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/word/document.xml" \
            ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
            """.utf8))
    try writer.addEntry(
        name: "_rels/.rels",
        bytes: Array(
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
            Target="word/document.xml"/></Relationships>
            """.utf8))
    let paragraphs = fields.map {
        "<w:p><w:fldSimple w:instr=\" MERGEFIELD \($0) \"><w:r><w:t>«\($0)»</w:t></w:r></w:fldSimple></w:p>"
    }.joined()
    try writer.addEntry(
        name: "word/document.xml",
        bytes: Array(
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(paragraphs)</w:body></w:document>
            """.utf8))
    return try writer.finish()
}

/// The text of a part of a .docx.
func part(_ name: String, of bytes: [UInt8]) throws -> String {
    let reader = try ZIPReader(bytes: bytes)
    let entry = try #require(reader.entry(named: name))
    return String(decoding: try reader.contents(of: entry), as: UTF8.self)
}

extension API {
    func binary(_ path: String) async throws -> (status: Int, bytes: [UInt8], headers: HTTPFieldsBox) {
        var headers: HTTPFields = [:]
        headers[.authorization] = "Bearer \(adminToken)"
        let response = try await client.execute(uri: path, method: .get, headers: headers)
        return (Int(response.status.code), Array(response.body.readableBytesView), HTTPFieldsBox(response.headers))
    }
}

struct HTTPFieldsBox: Sendable {
    let fields: HTTPFields
    init(_ fields: HTTPFields) { self.fields = fields }
}

@Suite("Documents")
struct DocumentTests {
    @Test func templateDocumentsAreCheckedAndMergedPerLine() async throws {
        try await withAPI { api, _ in
            try await seedLoggableSegment(api)
            try await api.patch("/api/v1/interaction-templates/LETTER", #"{"languageCodeDefault": "ENU"}"#)
            try await api.put("/api/v1/interaction-templates/LETTER/languages/ENU", #"{"description": "Letter"}"#)
            let docx = try letterDocx(fields: ["ContactName", "ContactMailAddress", "SalespersonCode", "ShoeSize"])
            // The upload goes through the test client as bytes; build the request by hand.
            let created = try await api.uploadBytes("/api/v1/interaction-templates/LETTER/languages/ENU/document", docx)
            #expect(created.status == 201, "\(created.text)")
            #expect(created.json["unknownFields"] == .array([.string("ShoeSize")]))
            #expect(
                try await api.uploadBytes("/api/v1/interaction-templates/LETTER/languages/ENU/document", docx).status
                    == 200)
            let check = try await api.get("/api/v1/interaction-templates/LETTER/languages/ENU/document/check")
            #expect(check.json["fields"]?.array?.count == 4)
            #expect(
                try await api.get("/api/v1/interaction-templates/LETTER").json["languages"]?[0]?["hasDocument"]?.bool
                    == true)

            try await api.patch("/api/v1/contacts/P11", #"{"name": "Anna <&> \"Ø\" 🎉"}"#)
            try await api.segment(
                "S2", #""description": "Docs", "interactionTemplateCode": "LETTER", "salespersonCode": "JO""#)
            try await api.addContacts("S2", #"{"filters": {"contact": {"no": "C1|P11"}}}"#)
            let lines = try await api.lines("S2")
            #expect(lines.map { $0["document"]?.string } == ["inherited", "inherited"])
            let merged = try await api.binary("/api/v1/segments/S2/lines/20000/document")
            #expect(merged.status == 200)
            #expect(merged.headers.fields[.contentDisposition]?.contains("document.docx") == true)
            let xml = try part("word/document.xml", of: merged.bytes)
            #expect(xml.contains("Anna &lt;&amp;&gt; &quot;Ø&quot; 🎉") || xml.contains("Anna &lt;&amp;&gt; \"Ø\" 🎉"))
            #expect(xml.contains("Alpha Ltd"))
            #expect(xml.contains("«ShoeSize»"))
            #expect(xml.contains(">JO<"))

            let personal = try letterDocx(fields: ["FirstName"])
            #expect(try await api.uploadBytes("/api/v1/segments/S2/lines/10000/document", personal).status == 201)
            #expect(try await api.lines("S2").map { $0["document"]?.string } == ["unique", "inherited"])

            let archive = try await api.binary("/api/v1/segments/S2/documents")
            #expect(archive.status == 200)
            #expect(archive.headers.fields[.contentDisposition]?.contains("Segment S2.zip") == true)
            let members = try ZIPReader(bytes: archive.bytes).entries.map(\.name)
            #expect(members == ["Alpha Ltd.docx", "Alpha Ltd - Anna _&_ _Ø_ 🎉.docx"])
        }
    }

    @Test func hostileAndOversizedUploadsAreRefused() async throws {
        try await withAPI { api, _ in
            try await seedLoggableSegment(api)
            let garbage = try await api.uploadBytes("/api/v1/segments/S1/document", Array("not a zip at all".utf8))
            #expect(garbage.status == 422)
            #expect(garbage.errorField == "document")
            var slip = ZIPWriter()
            try slip.addEntry(name: "../evil.xml", bytes: [1])
            let escaped = try await api.uploadBytes("/api/v1/segments/S1/document", try slip.finish())
            #expect(escaped.status == 422)
            let huge = try await api.uploadBytes(
                "/api/v1/segments/S1/document", [UInt8](repeating: 0, count: 26 * 1024 * 1024))
            #expect(huge.status == 413)
            #expect(try await api.get("/api/v1/segments/S1/document").status == 404)
            let ok = try await api.uploadBytes("/api/v1/segments/S1/document", try letterDocx(fields: ["ContactName"]))
            #expect(ok.status == 201)
            #expect(try await api.binary("/api/v1/segments/S1/document").bytes.count > 100)
            // Lines inherit that document: the template cannot change under them alone.
            let refused = try await api.patch(
                "/api/v1/segments/S1", #"{"interactionTemplateCode": "EMAIL", "updateLines": false}"#)
            #expect(refused.status == 409)
            #expect(refused.errorCode == "conflict")
            #expect(try await api.patch("/api/v1/segments/S1", #"{"interactionTemplateCode": "EMAIL"}"#).status == 200)
        }
    }

    @Test func emailBodiesArePerLanguage() async throws {
        try await withAPI { api, _ in
            try await seedContactMasterData(api)
            try await api.post("/api/v1/interaction-templates", #"{"code": "MAIL"}"#)
            try await api.put("/api/v1/interaction-templates/MAIL/languages/ENU", "{}")
            let html = "<p>Dear {{ContactName}}, ☀️</p>"
            let created = try await api.call(
                .put, "/api/v1/interaction-templates/MAIL/languages/ENU/email-body", html,
                contentType: "text/html")
            #expect(created.status == 201)
            #expect(
                try await api.call(.get, "/api/v1/interaction-templates/MAIL/languages/ENU/email-body").text == html)
            #expect(
                try await api.get("/api/v1/interaction-templates/MAIL").json["languages"]?[0]?["hasEmailBody"]?.bool
                    == true)
        }
    }
}

extension API {
    /// PUTs raw bytes (the text-based helper would mangle binary).
    func uploadBytes(_ path: String, _ bytes: [UInt8]) async throws -> APIResult {
        var headers: HTTPFields = [:]
        headers[.authorization] = "Bearer \(adminToken)"
        headers[.contentType] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        let response = try await client.execute(uri: path, method: .put, headers: headers, body: .init(bytes: bytes))
        let text = String(buffer: response.body)
        return APIResult(
            status: Int(response.status.code), json: (try? JSONValue.parse(Array(text.utf8))) ?? .null,
            text: text, headers: response.headers)
    }
}
