import Crypto
import RapportCore
import RapportDocuments
import Testing

@testable import RapportServer
@testable import RapportStorage

/// Frozen documents (issue 11, item 1): an entry's document is merged from the .docx and the merge
/// values pinned at Log, so it never changes afterwards, with or without Send; the bytes are stored once.
@Suite("Frozen documents")
struct FrozenDocumentTests {
    static let firstLetter = (try? letterDocx(fields: ["ContactName"])) ?? []
    static let secondLetter = (try? letterDocx(fields: ["ContactNo", "ContactName"])) ?? []

    /// The lowercase hex SHA-256 of `bytes`, computed here independently of the store.
    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
    }

    /// S1 (C1, P11, P21 on LETTER) with LETTER's ENU document `firstLetter`, ready to log.
    func seed(_ api: API) async throws {
        try await seedLoggableSegment(api)
        expectSuccess(
            try await api.put("/api/v1/interaction-templates/LETTER/languages/ENU", #"{"description": "Letter"}"#))
        expectSuccess(try await api.patch("/api/v1/interaction-templates/LETTER", #"{"languageCodeDefault": "ENU"}"#))
        expectSuccess(
            try await api.uploadBytes("/api/v1/interaction-templates/LETTER/languages/ENU/document", Self.firstLetter))
    }

    /// What a user might change after Log: the template's document, the contact, the company information.
    func editEverythingTheLetterWasMergedFrom(_ api: API) async throws {
        expectSuccess(
            try await api.uploadBytes("/api/v1/interaction-templates/LETTER/languages/ENU/document", Self.secondLetter))
        expectSuccess(try await api.patch("/api/v1/contacts/C1", #"{"name": "Renamed Ltd"}"#))
        expectSuccess(try await api.patch("/api/v1/setup", #"{"companyInformation": {"name": "New Name"}}"#))
    }

    func document(_ api: API, entry: Int) async throws -> [UInt8] {
        let response = try await api.binary("/api/v1/interaction-log-entries/\(entry)/document")
        #expect(response.status == 200, "\(String(decoding: response.bytes, as: UTF8.self))")
        return response.bytes
    }

    @Test func anEntryLoggedWithoutSendHasADocumentThatNeverChanges() async throws {
        try await withAPI { api, _ in
            try await seed(api)
            let logged = try await api.post("/api/v1/segments/S1/log", "{}")
            #expect(logged.status == 201, "\(logged.text)")
            let entries = try await api.get("/api/v1/interaction-log-entries").json["items"]?.array ?? []
            #expect(
                entries.map { $0["documentSha256"]?.string }
                    == Array(repeating: Self.sha256(Self.firstLetter), count: 3))
            #expect(entries.map { $0["hasDocument"]?.bool } == [true, true, true])
            #expect(entries.map { $0["title"]?.string } == ["Spring letter", "Spring letter", "Spring letter"])
            #expect(entries.map { $0["deliveryStatus"] } == [.null, .null, .null])

            let before = try await document(api, entry: 1)
            #expect(try part("word/document.xml", of: before).contains("Alpha"))
            try await editEverythingTheLetterWasMergedFrom(api)
            let after = try await document(api, entry: 1)
            #expect(after == before)
            #expect(try !part("word/document.xml", of: after).contains("Renamed"))
            #expect(try !part("word/document.xml", of: after).contains("C1"))

            // The logged segment's ZIP holds the same documents, delivered or not.
            let archive = try await api.binary("/api/v1/logged-segments/1/documents")
            #expect(archive.status == 200)
            let zip = try ZIPReader(bytes: archive.bytes)
            #expect(zip.entries.count == 3)
            #expect(try zip.entries.first.map { try zip.contents(of: $0) } == before)
        }
    }

    @Test func deliveryAndResendSendTheBytesFrozenAtLog() async throws {
        try await withAPI { api, services in
            try await seed(api)
            for line in [10000, 20000, 30000] {
                expectSuccess(
                    try await api.patch("/api/v1/segments/S1/lines/\(line)", #"{"correspondenceType": "hardCopy"}"#))
            }
            let logged = try await api.post("/api/v1/segments/S1/log", #"{"send": true}"#)
            #expect(logged.status == 201, "\(logged.text)")
            #expect(logged.json["deliveries"]?["queued"]?.number == 3)
            let atLog = try await document(api, entry: 1)

            // Edited before the delivery worker got to the entry: it still delivers what was logged.
            try await editEverythingTheLetterWasMergedFrom(api)
            #expect(await services.delivery.deliverPending() == 3)
            let entries = try await api.get("/api/v1/interaction-log-entries").json["items"]?.array ?? []
            #expect(entries.map { $0["deliveryStatus"]?.string } == ["sent", "sent", "sent"])
            #expect(try await document(api, entry: 1) == atLog)

            let resent = try await api.post("/api/v1/logged-segments/1/resend", #"{"all": true}"#)
            #expect(resent.status == 200, "\(resent.text)")
            #expect(await services.delivery.deliverPending() == 3)
            #expect(try await document(api, entry: 1) == atLog)
            #expect(try part("word/document.xml", of: atLog).contains("Alpha"))
        }
    }

    @Test func editingTheSegmentDocumentAfterLogChangesNoEntry() async throws {
        try await withAPI { api, _ in
            try await seed(api)
            let own = try letterDocx(fields: ["ContactName", "SalespersonName"])
            expectSuccess(try await api.uploadBytes("/api/v1/segments/S1/document", own))
            let logged = try await api.post("/api/v1/segments/S1/log", "{}")
            #expect(logged.status == 201, "\(logged.text)")
            let entry = try await api.get("/api/v1/interaction-log-entries/2").json
            #expect(entry["documentSha256"]?.string == Self.sha256(own))
            let before = try await document(api, entry: 2)

            // The follow-up takes the logged segment's document; editing it there leaves the entries alone.
            let followUp = try await api.post("/api/v1/logged-segments/1/follow-up", #"{"copyInteraction": true}"#)
            #expect(followUp.status == 201, "\(followUp.text)")
            let no = try #require(followUp.json["no"]?.string)
            #expect(try await api.binary("/api/v1/segments/\(no)/document").bytes == own)
            expectSuccess(try await api.uploadBytes("/api/v1/segments/\(no)/document", Self.secondLetter))
            try await editEverythingTheLetterWasMergedFrom(api)
            #expect(try await document(api, entry: 2) == before)
        }
    }

    @Test func entriesFromOneTemplateStoreTheirDocumentOnce() async throws {
        let count = 2_000
        try await withAPI { api, services in
            try await seed(api)
            let rows = (1...count).map { "X\(String(format: "%05d", $0)),company,Customer \($0)" }
            let imported = try await api.call(
                .post, "/api/v1/contacts/import", "no,type,name\n" + rows.joined(separator: "\n"),
                contentType: "text/csv")
            expectSuccess(imported)
            try await api.segment(
                "BIG", #""description": "Many", "interactionTemplateCode": "LETTER", "salespersonCode": "JO""#)
            expectSuccess(try await api.addContacts("BIG", #"{"filters": {"contact": {"no": "X*"}}}"#))
            let logged = try await api.post("/api/v1/segments/BIG/log", "{}")
            #expect(logged.status == 201, "\(logged.text.prefix(500))")
            #expect(logged.json["interactionsLogged"]?.number == Double(count))
            let stored = try await services.store.read { connection in
                (
                    try connection.scalar("SELECT COUNT(*) FROM document_blob")?.intValue,
                    try connection.scalar("SELECT sha256 FROM document_blob")?.textValue,
                    try connection.scalar(
                        "SELECT COUNT(*) FROM interaction_log_entry WHERE document_sha256 IS NOT NULL")?.intValue
                )
            }
            #expect(stored.0 == 1)
            #expect(stored.1 == Self.sha256(Self.firstLetter))
            #expect(stored.2 == Int64(count))

            // A second Log of the same document adds no row either.
            try await api.segment(
                "S2", #""description": "Again", "interactionTemplateCode": "LETTER", "salespersonCode": "JO""#)
            expectSuccess(try await api.addContacts("S2", #"{"filters": {"contact": {"no": "C1"}}}"#))
            expectSuccess(try await api.post("/api/v1/segments/S2/log", "{}"))
            let rowsAfter = try await services.store.read {
                try $0.scalar("SELECT COUNT(*) FROM document_blob")?.intValue
            }
            #expect(rowsAfter == 1)
            let last = try await document(api, entry: count + 1)
            #expect(try part("word/document.xml", of: last).contains("Alpha"))
        }
    }
}
