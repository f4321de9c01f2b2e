import RapportCore
import Testing

@testable import RapportServer
@testable import RapportStorage

/// Where frozen documents come from besides a plain Log: single interactions, documents stored before
/// hashes were kept, entries logged before documents were frozen, and merge values no separator could hold.
@Suite("Frozen document sources")
struct FrozenDocumentSourceTests {
    let frozen = FrozenDocumentTests()

    @Test func aSingleInteractionPinsItsTemplatesDocument() async throws {
        try await withAPI { api, _ in
            try await frozen.seed(api)
            let created = try await api.post(
                "/api/v1/contacts/C1/interactions", #"{"interactionTemplateCode": "LETTER", "salespersonCode": "JO"}"#)
            #expect(created.status == 201, "\(created.text)")
            #expect(
                created.json["documentSha256"]?.string == FrozenDocumentTests.sha256(FrozenDocumentTests.firstLetter))
            #expect(created.json["title"]?.string == "Letter")
            let before = try await frozen.document(api, entry: 1)
            #expect(try part("word/document.xml", of: before).contains("Alpha"))
            try await frozen.editEverythingTheLetterWasMergedFrom(api)
            #expect(try await frozen.document(api, entry: 1) == before)
        }
    }

    @Test func aDocumentStoredBeforeHashesWereKeptIsHashedAtLog() async throws {
        try await withAPI { api, services in
            try await frozen.seed(api)
            // As migration 0010 leaves a document uploaded by an older release: no hash.
            _ = try await services.store.write("forget hashes") { connection in
                try connection.execute("UPDATE template_document SET sha256 = NULL")
            }
            let logged = try await api.post("/api/v1/segments/S1/log", "{}")
            #expect(logged.status == 201, "\(logged.text)")
            let hash = FrozenDocumentTests.sha256(FrozenDocumentTests.firstLetter)
            let entries = try await api.get("/api/v1/interaction-log-entries").json["items"]?.array ?? []
            #expect(entries.map { $0["documentSha256"]?.string } == [hash, hash, hash])
            let stored = try await services.store.read { connection in
                try connection.scalar("SELECT sha256 FROM template_document")?.textValue
            }
            #expect(stored == hash)
        }
    }

    /// Log's `CASE` takes every template's document while there are few, and only the used templates' beyond
    /// that; either way a line's template gives the same document.
    @Test func theTemplatesDocumentsALogTakesAreTheUsedOnesOrAllOfThem() async throws {
        try await withAPI { api, services in
            try await frozen.seed(api)
            expectSuccess(
                try await api.post(
                    "/api/v1/interaction-templates",
                    #"{"code": "OTHER", "description": "Other", "languageCodeDefault": "ENU"}"#))
            expectSuccess(
                try await api.put("/api/v1/interaction-templates/OTHER/languages/ENU", #"{"description": "Other"}"#))
            expectSuccess(
                try await api.uploadBytes(
                    "/api/v1/interaction-templates/OTHER/languages/ENU/document", FrozenDocumentTests.secondLetter))
            let (few, many) = try await services.store.read { connection in
                (
                    try LogSources.templateValues("template_document", "sha256", "S1", connection),
                    try LogSources.templateValues("template_document", "sha256", "S1", allUpTo: 1, connection)
                )
            }
            let letter = FrozenDocumentTests.sha256(FrozenDocumentTests.firstLetter)
            let other = FrozenDocumentTests.sha256(FrozenDocumentTests.secondLetter)
            #expect(
                few.map { "\($0.template) \($0.language) \($0.isDefault) \($0.value)" } == [
                    "LETTER ENU true \(letter)", "OTHER ENU true \(other)",
                ])
            #expect(
                many.map { "\($0.template) \($0.language) \($0.isDefault) \($0.value)" } == [
                    "LETTER ENU true \(letter)"
                ])
            let logged = try await api.post("/api/v1/segments/S1/log", "{}")
            #expect(logged.status == 201, "\(logged.text)")
            let entries = try await api.get("/api/v1/interaction-log-entries").json["items"]?.array ?? []
            #expect(entries.map { $0["documentSha256"]?.string } == [letter, letter, letter])
            // Stored before the entries (migration 0030 checks their pins as they are written): the document they
            // pin, not the other template's, which the Log's `CASE` also held.
            let stored = try await services.store.read { connection in
                try connection.query("SELECT sha256 FROM document_blob ORDER BY sha256", []).map { $0.text("sha256") }
            }
            #expect(stored == [letter])
        }
    }

    /// Two lines personalised with the same document, one on its template's: the Log stores each document its
    /// entries pin once, whichever source it comes from, and a second Log of the same documents stores nothing.
    @Test func aLogStoresEachDocumentItsEntriesPinOnceWhereverItComesFrom() async throws {
        try await withAPI { api, services in
            try await frozen.seed(api)
            for line in [10000, 20000] {
                let personal = try await api.uploadBytes(
                    "/api/v1/segments/S1/lines/\(line)/document", FrozenDocumentTests.secondLetter)
                #expect(personal.status == 201, "\(personal.text)")
            }
            let logged = try await api.post("/api/v1/segments/S1/log", "{}")
            #expect(logged.status == 201, "\(logged.text)")
            let letter = FrozenDocumentTests.sha256(FrozenDocumentTests.firstLetter)
            let personal = FrozenDocumentTests.sha256(FrozenDocumentTests.secondLetter)
            let entries = try await api.get("/api/v1/interaction-log-entries").json["items"]?.array ?? []
            #expect(entries.map { $0["documentSha256"]?.string } == [personal, personal, letter])
            let stored = { @Sendable () async throws -> [String] in
                try await services.store.read { connection in
                    try connection.query("SELECT sha256 FROM document_blob ORDER BY sha256", []).map {
                        $0.text("sha256")
                    }
                }
            }
            #expect(try await stored() == [letter, personal].sorted())

            try await api.segment(
                "S2", #""description": "Again", "interactionTemplateCode": "LETTER", "salespersonCode": "JO""#)
            expectSuccess(try await api.addContacts("S2", #"{"filters": {"contact": {"no": "C1|P11"}}}"#))
            let again = try await api.uploadBytes(
                "/api/v1/segments/S2/lines/10000/document", FrozenDocumentTests.secondLetter)
            #expect(again.status == 201, "\(again.text)")
            expectSuccess(try await api.post("/api/v1/segments/S2/log", "{}"))
            #expect(try await stored() == [letter, personal].sorted())
        }
    }

    @Test func anEntryLoggedBeforeDocumentsWereFrozenKeepsMergingTheTemplate() async throws {
        try await withAPI { api, services in
            try await frozen.seed(api)
            for line in [10000, 20000, 30000] {
                expectSuccess(
                    try await api.patch("/api/v1/segments/S1/lines/\(line)", #"{"correspondenceType": "hardCopy"}"#))
            }
            let logged = try await api.post("/api/v1/segments/S1/log", #"{"send": true}"#)
            #expect(logged.status == 201, "\(logged.text)")
            // As an entry written before migration 0010 reads: nothing pinned.
            _ = try await services.store.write("unfreeze") { connection in
                try connection.execute(
                    "UPDATE interaction_log_entry SET document_sha256 = NULL, merge_snapshot = NULL, has_document = 0")
            }
            #expect(try await api.binary("/api/v1/interaction-log-entries/2/document").status == 404)
            expectSuccess(
                try await api.uploadBytes(
                    "/api/v1/interaction-templates/LETTER/languages/ENU/document", FrozenDocumentTests.secondLetter))
            #expect(await services.delivery.deliverPending() == 3)
            let delivered = try await frozen.document(api, entry: 2)
            #expect(try part("word/document.xml", of: delivered).contains("P11"))
        }
    }

    @Test func deletingTheLastEntriesOfADocumentDeletesTheDocument() async throws {
        try await withAPI { api, services in
            try await frozen.seed(api)
            expectSuccess(try await api.post("/api/v1/segments/S1/log", "{}"))
            let blobs = { @Sendable () async throws -> Int64? in
                try await services.store.read { try $0.scalar("SELECT COUNT(*) FROM document_blob")?.intValue }
            }
            for entry in 1...3 {
                expectSuccess(
                    try await api.post("/api/v1/interaction-log-entries/\(entry)/cancel", #"{"canceled": true}"#))
            }
            let some = try await api.post(
                "/api/v1/interaction-log-entries/delete-canceled", #"{"filters": {"contactNo": "C1|P21"}}"#)
            #expect(some.json["deleted"]?.number == 2)
            #expect(try await blobs() == 1)
            #expect(try await frozen.document(api, entry: 2).isEmpty == false)
            let rest = try await api.post("/api/v1/interaction-log-entries/delete-canceled", "{}")
            #expect(rest.json["deleted"]?.number == 1)
            #expect(try await blobs() == 0)
        }
    }

    @Test func mergeValuesWithDigitsColonsAndEmojiSurviveTheSnapshot() async throws {
        try await withAPI { api, _ in
            try await frozen.seed(api)
            let name = "12:34 Ørsted 🎉 ü\u{301} 5:"
            expectSuccess(try await api.patch("/api/v1/contacts/C1", #"{"name": "\#(name)", "city": ""}"#))
            expectSuccess(try await api.post("/api/v1/segments/S1/log", "{}"))
            let entry = try await frozen.document(api, entry: 1)
            #expect(try part("word/document.xml", of: entry).contains(name))
        }
    }

    @Test func theSnapshotEncodingIsReadBackExactlyAndRefusesWhatItDidNotWrite() {
        let names = MergeSnapshot.columns(segmentNo: "''").map(\.name)
        let values = names.enumerated().map { index, _ in index.isMultiple(of: 3) ? "" : "\(index):🎉\(index)" }
        let text = MergeSnapshot.version + values.map { "\($0.unicodeScalars.count):\($0)" }.joined()
        let decoded = MergeSnapshot.decode(text)
        #expect(decoded == Dictionary(uniqueKeysWithValues: zip(names, values)))
        #expect(MergeSnapshot.decode(text + "x") == nil)
        #expect(MergeSnapshot.decode(String(text.dropLast())) == nil)
        #expect(MergeSnapshot.decode("") == nil)
        // NULL values: the SQL writes neither a length nor a value.
        let blanks = MergeSnapshot.decode(MergeSnapshot.version + String(repeating: ":", count: names.count))
        #expect(blanks == Dictionary(uniqueKeysWithValues: names.map { ($0, "") }))
    }
}
