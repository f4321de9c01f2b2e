import Foundation
import RapportCore
import RapportDocuments
import Testing

@testable import RapportServer
@testable import RapportStorage

/// Segment S1 (C1, P11, P21) with its own Word document, logged with Send as hard copies and delivered: each
/// of the three entries has its merged .docx stored.
func logWithStoredDocuments(_ api: API, _ services: RapportServices) async throws {
    try await seedLoggableSegment(api)
    let uploaded = try await api.uploadBytes("/api/v1/segments/S1/document", try letterDocx(fields: ["ContactName"]))
    #expect(uploaded.status == 201, "\(uploaded.text)")
    let mended = try await api.patch("/api/v1/segments/S1/lines/10000", #"{"correspondenceType": "hardCopy"}"#)
    #expect(mended.status == 200, "\(mended.text)")
    let logged = try await api.post("/api/v1/segments/S1/log", #"{"send": true}"#)
    #expect(logged.status == 201, "\(logged.text)")
    #expect(await services.delivery.deliverPending() == 3)
}

/// A shell script in a folder of its own, made executable; removed with its folder by `remove()`.
struct TestScript {
    let folder: String
    var path: String { folder + "/converter" }

    init(_ body: String) throws {
        folder = NSTemporaryDirectory() + "rapport-script-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try ("#!/bin/sh\n" + body + "\n").write(toFile: folder + "/converter", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder + "/converter")
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: folder)
    }
}

/// Counts the read transactions run through it (to see an archive read a page at a time).
final class CountingDatabase: SQLDatabase, @unchecked Sendable {
    let inner: any SQLDatabase
    private let lock = NSLock()
    private var readCount = 0

    init(_ inner: any SQLDatabase) {
        self.inner = inner
    }

    var reads: Int { lock.withLock { readCount } }
    var dialect: SQLDialect { inner.dialect }

    func write<T: Sendable>(
        _ useCase: String, _ body: @escaping @Sendable (any SQLConnection) throws -> T
    ) async throws -> T {
        try await inner.write(useCase, body)
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        lock.withLock { readCount += 1 }
        return try await inner.read(body)
    }

    func close() async throws {
        try await inner.close()
    }
}

@Suite("Slow work off the hot path")
struct SlowWorkTests {
    @Test func passwordsAreHashedBeforeTheWriteAndCheckedAfterTheRead() async throws {
        try await withAPI { api, services in
            let created = try await api.post(
                "/api/v1/users", #"{"userId": "MARY", "role": "marketer", "password": "correct horse"}"#)
            #expect(created.status == 201, "\(created.text)")
            let hash = try await services.store.read { connection in
                try connection.scalar("SELECT password_hash FROM app_user WHERE user_id = 'MARY'")?.textValue
            }
            #expect(hash?.hasPrefix("$2b$10$") == true)
            #expect(hash?.count == 60)

            var browser = Browser(client: api.client)
            #expect(try await browser.signIn("MARY", "correct horse").status == 303)
            var stranger = Browser(client: api.client)
            #expect(try await stranger.signIn("MARY", "wrong horse").status != 303)

            // The decoder's rules and the minimum length still answer before anything is written.
            let short = try await api.patch("/api/v1/users/MARY", #"{"password": "short"}"#)
            #expect(short.status == 422)
            #expect(short.errorField == "password")
            let long = try await api.patch(
                "/api/v1/users/MARY", #"{"password": "\#(String(repeating: "x", count: 201))"}"#)
            #expect(long.status == 422)
            #expect(long.json["error"]?["message"]?.string == "password must be at most 200 characters.")
            let wrongType = try await api.patch("/api/v1/users/MARY", #"{"password": 12345678}"#)
            #expect(wrongType.status == 400)

            // A change without a password keeps the hash; a new password replaces it.
            #expect(try await api.patch("/api/v1/users/MARY", #"{"role": "viewer"}"#).status == 200)
            var again = Browser(client: api.client)
            #expect(try await again.signIn("MARY", "correct horse").status == 303)
            #expect(try await api.patch("/api/v1/users/MARY", #"{"password": "battery staple"}"#).status == 200)
            var renewed = Browser(client: api.client)
            #expect(try await renewed.signIn("MARY", "battery staple").status == 303)
            var old = Browser(client: api.client)
            #expect(try await old.signIn("MARY", "correct horse").status != 303)
        }
    }

    @Test func aTransactionRefusesToHashAPassword() async throws {
        try await withAPI { _, services in
            let body = try ResourceCodec(Catalog.users).complete(
                try JSONValue.parse(Array(#"{"userId": "RAW", "role": "viewer", "password": "plain text"}"#.utf8)))
            let users = services.users.resource
            await #expect(throws: RapportError.self) {
                try await services.store.write("create user in a transaction") { connection in
                    _ = try users.create(body, by: .commandLine, in: connection)
                }
            }
            let count = try await services.store.read { connection in
                try connection.scalar("SELECT COUNT(*) FROM app_user WHERE user_id = 'RAW'")?.intValue
            }
            #expect(count == 0)
        }
    }

    @Test func blockingWorkRunsOnItsOwnQueues() async throws {
        #expect(!BlockingWork.isRunningBlockingWork)
        #expect(await BlockingWork.run { BlockingWork.isRunningBlockingWork })
    }

    @Test func aSegmentArchiveIsReadAPageAtATimeAndComesOutTheSame() async throws {
        try await withAPI { api, services in
            try await seedLoggableSegment(api)
            try await api.patch("/api/v1/interaction-templates/LETTER", #"{"languageCodeDefault": "ENU"}"#)
            try await api.put("/api/v1/interaction-templates/LETTER/languages/ENU", #"{"description": "Letter"}"#)
            let docx = try letterDocx(fields: ["ContactName", "SalespersonCode"])
            #expect(
                try await api.uploadBytes("/api/v1/interaction-templates/LETTER/languages/ENU/document", docx).status
                    == 201)
            // A personalised line, and two contacts of one name, so the names need making unique across pages.
            let personal = try letterDocx(fields: ["FirstName"])
            #expect(try await api.uploadBytes("/api/v1/segments/S1/lines/20000/document", personal).status == 201)
            try await api.patch("/api/v1/contacts/P21", #"{"name": "Anna", "companyNo": "C1"}"#)

            let downloaded = try await api.binary("/api/v1/segments/S1/documents")
            #expect(downloaded.status == 200)
            let members = try ZIPReader(bytes: downloaded.bytes).entries.map(\.name)
            #expect(members == ["Alpha Ltd.docx", "Alpha Ltd - Anna.docx", "Alpha Ltd - Anna (2).docx"])

            let counting = CountingDatabase(services.store.database)
            let merged = MergedDocumentService(store: Store(counting))
            for pageSize in [1, 2, 3] {
                let path = NSTemporaryDirectory() + "rapport-test-\(UUID().uuidString).zip"
                defer { try? FileManager.default.removeItem(atPath: path) }
                let before = counting.reads
                #expect(try await merged.segmentArchive("S1", toFile: path, pageSize: pageSize) == "Segment S1.zip")
                #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == downloaded.bytes)
                // One read for the segment, then one per page (a full page asks for one more).
                let pages = 3 / pageSize + 1
                #expect(counting.reads - before == 1 + pages)
            }
        }
    }

    @Test func aLoggedSegmentArchiveIsReadAPageAtATimeAndComesOutTheSame() async throws {
        try await withAPI { api, services in
            try await logWithStoredDocuments(api, services)
            let downloaded = try await api.binary("/api/v1/logged-segments/1/documents")
            #expect(downloaded.status == 200)
            #expect(downloaded.headers.fields[.contentDisposition]?.contains("Segment S1.zip") == true)
            let members = try ZIPReader(bytes: downloaded.bytes).entries.map(\.name)
            #expect(members == ["Alpha Ltd.docx", "Alpha Ltd - Anna.docx", "Beta Ltd - Cleo.docx"])

            let counting = CountingDatabase(services.store.database)
            let entries = EntryDocumentService(store: Store(counting))
            for pageSize in [1, 2] {
                let path = NSTemporaryDirectory() + "rapport-test-\(UUID().uuidString).zip"
                defer { try? FileManager.default.removeItem(atPath: path) }
                let before = counting.reads
                #expect(
                    try await entries.archive(loggedSegment: "1", toFile: path, pageSize: pageSize) == "Segment S1.zip")
                #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == downloaded.bytes)
                let pages = pageSize == 1 ? 3 : 2
                #expect(counting.reads - before == 1 + pages)
            }
            #expect(try await api.binary("/api/v1/logged-segments/9/documents").status == 404)
        }
    }
}
