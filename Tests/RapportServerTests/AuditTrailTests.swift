import Foundation
import RapportCore
import Testing

@testable import RapportServer

@Suite("Audit trail")
struct AuditTrailTests {
    /// The entries of the audit log matching `query` (`resource=users&action=update`).
    static func entries(_ api: API, _ query: String) async throws -> [JSONValue] {
        let answer = try await api.get("/api/v1/audit-log?\(query)")
        #expect(answer.status == 200, "\(answer.text)")
        return answer.json["items"]?.array ?? []
    }

    static func change(_ entry: JSONValue?, _ field: String) -> [JSONValue]? {
        entry?["changes"]?[field]?.array
    }

    @Test func roleTokenSetupAndDeleteEachLeaveOneEntryWithTheUserAndNoSecret() async throws {
        try await withAPI { api, _ in
            let auditor = try await api.user("AUDITOR", role: "admin")
            let created = try await api.post(
                "/api/v1/users", #"{"userId": "ANN", "role": "viewer", "password": "correct horse"}"#)
            #expect(created.status == 201)
            let token = try #require(created.json["token"]?.string)
            let tokenId = try #require(created.json["tokenId"]?.string)
            #expect(
                try await api.post("/api/v1/mailing-groups", #"{"code": "NEWS", "description": "News"}"#).status == 201)
            let before = try await Self.entries(api, "limit=1000").count

            #expect(try await auditor.patch("/api/v1/users/ANN", #"{"role": "marketer"}"#).status == 200)
            #expect(try await auditor.delete("/api/v1/users/ANN/tokens/\(tokenId)").status == 204)
            let setup = #"{"companyInformation": {"name": "Cronus"}, "smtp": {"password": "smtp secret 42"}}"#
            #expect(try await auditor.patch("/api/v1/setup", setup).status == 200)
            #expect(try await auditor.delete("/api/v1/mailing-groups/NEWS").status == 204)

            let log = try await api.get("/api/v1/audit-log?userId=AUDITOR")
            let items = try #require(log.json["items"]?.array)
            #expect(items.count == 4)
            #expect(try await Self.entries(api, "limit=1000").count == before + 4)
            #expect(items.allSatisfy { $0["userId"]?.string == "AUDITOR" })
            #expect(items.map { $0["action"]?.string ?? "" } == ["update", "revoke", "update", "delete"])
            #expect(items.map { $0["resource"]?.string ?? "" } == ["users", "tokens", "setup", "mailing-groups"])
            #expect(items.map { $0["key"]?.string ?? "" } == ["ANN", tokenId, "setup", "NEWS"])
            #expect(Self.change(items[0], "role") == [.string("viewer"), .string("marketer")])
            #expect(items[0]["changes"]?.objectValue?.members.count == 1)
            #expect(Self.change(items[1], "userId") == [.string("ANN"), .null])
            #expect(Self.change(items[2], "companyInformation.name") == [.string(""), .string("Cronus")])
            #expect(Self.change(items[2], "smtp.password") == [.string("(hidden)"), .string("(changed)")])
            #expect(Self.change(items[3], "description") == [.string("News"), .null])
            #expect(Self.change(items[3], "code") == [.string("NEWS"), .null])
            let at = try #require(items[0]["at"]?.string)
            #expect(at.hasSuffix("Z") && at.count == 20)
            #expect(items.map { $0["entryNo"]?.number ?? 0 } == items.map { $0["entryNo"]?.number ?? 0 }.sorted())
            // No secret anywhere in the trail: not the token, the passwords, nor a bcrypt hash.
            let whole = try await api.get("/api/v1/audit-log?limit=1000").text
            for secret in [token, "correct horse", "smtp secret 42", "$2b$", "$2a$"] {
                #expect(!whole.contains(secret), "\(secret)")
            }
            let issued = try await Self.entries(api, "action=issue&key=\(tokenId)")
            #expect(Self.change(issued.first, "userId") == [.null, .string("ANN")])
            let annCreated = try await Self.entries(api, "resource=users&key=ANN&action=create")
            #expect(Self.change(annCreated.first, "password") == [.string("(hidden)"), .string("(changed)")])
            #expect(Self.change(annCreated.first, "role") == [.null, .string("viewer")])
            #expect(Self.change(annCreated.first, "active") == [.null, .bool(true)])
        }
    }

    @Test func aRefusedChangeLeavesNoEntryAndAnUnchangedSaveLeavesNone() async throws {
        try await withAPI { api, _ in
            try await seedContactMasterData(api)
            let imported = try await api.call(
                .post, "/api/v1/contacts/import", "no,type,name,mailingGroups\nC1,company,Alpha,NEWS\n",
                contentType: "text/csv")
            #expect(imported.status == 200)
            let before = try await Self.entries(api, "limit=1000").count
            #expect(try await api.delete("/api/v1/mailing-groups/NEWS").status == 409)
            #expect(try await api.patch("/api/v1/mailing-groups/NEWS", #"{"code": "NEWS"}"#).status == 200)
            #expect(try await Self.entries(api, "limit=1000").count == before)
            let importEntry = try await Self.entries(api, "resource=contacts&key=import")
            #expect(importEntry.count == 1)
            #expect(Self.change(importEntry.first, "created") == [.null, .number(1)])
            #expect(Self.change(importEntry.first, "updated") == [.null, .number(0)])
            #expect(importEntry.first?["userId"]?.string == "ADMIN")
        }
    }

    @Test func cancelsAndDeletesOfLoggedDataAreRecorded() async throws {
        try await withAPI { api, _ in
            try await seedLoggableSegment(api)
            #expect(try await api.post("/api/v1/segments/S1/log", "{}").status == 201)
            #expect(
                try await api.post("/api/v1/interaction-log-entries/1/cancel", #"{"canceled": true}"#).status == 200)
            #expect(try await api.post("/api/v1/logged-segments/1/cancel", #"{"canceled": true}"#).status == 200)
            #expect(try await api.post("/api/v1/logged-segments/delete-canceled", "{}").status == 200)
            let logged = try await Self.entries(api, "resource=logged-segments")
            #expect(logged.map { $0["action"]?.string ?? "" } == ["cancel", "delete"])
            #expect(Self.change(logged.first, "canceled") == [.bool(false), .bool(true)])
            #expect(Self.change(logged.last, "segmentNo") == [.string("S1"), .null])
            let entries = try await Self.entries(api, "resource=interaction-log-entries")
            #expect(entries.map { $0["key"]?.string ?? "" } == ["1"])
            #expect(entries.first?["action"]?.string == "cancel")
        }
    }

    @Test func theListFiltersAndPagesAndIsForAdminsOnly() async throws {
        try await withAPI { api, _ in
            for code in ["A", "B", "C"] {
                #expect(try await api.post("/api/v1/mailing-groups", #"{"code": "\#(code)"}"#).status == 201)
            }
            let first = try await api.get("/api/v1/audit-log?resource=mailing-groups&limit=2")
            #expect(first.json["items"]?.array?.compactMap { $0["key"]?.string } == ["A", "B"])
            let cursor = try #require(first.json["nextCursor"]?.string)
            let second = try await api.get("/api/v1/audit-log?resource=mailing-groups&limit=2&cursor=\(cursor)")
            #expect(second.json["items"]?.array?.compactMap { $0["key"]?.string } == ["C"])
            #expect(second.json["nextCursor"] == .null)
            #expect(try await Self.entries(api, "resource=@MAILING*&key=B|C").count == 2)
            #expect(try await Self.entries(api, "changes=*code*&action=create").count == 3)
            #expect(try await Self.entries(api, "at=2000-01-01..2999-12-31&userId=ADMIN").count == 3)
            let wrong = try await api.get("/api/v1/audit-log?action=explode")
            #expect(wrong.status == 422)
            #expect(wrong.errorField == "action")
            let marketer = try await api.user("MARK", role: "marketer")
            #expect(try await marketer.get("/api/v1/audit-log").status == 403)
        }
    }

    @Test func theAuditPageShowsTheTrailToAdminsFromSetup() async throws {
        try await withAPI { api, _ in
            #expect(try await api.post("/api/v1/salespeople", #"{"code": "JO"}"#).status == 201)
            #expect(
                try await api.post("/api/v1/mailing-groups", #"{"code": "NEWS", "description": "News"}"#).status == 201)
            var admin = try await signedIn(api, role: "admin")
            let setup = try await admin.request(.get, "/setup")
            #expect(setup.html.contains("href=\"/setup/audit-log\""))
            let page = try await admin.request(.get, "/setup/audit-log?resource=mailing")
            #expect(page.status == 200)
            #expect(page.html.contains("<h1>Audit log</h1>"))
            #expect(page.html.contains("<strong>description</strong>: (none) → News"))
            #expect(page.html.contains("<td>mailing-groups</td>"))
            #expect(!page.html.contains("<td>users</td>"))
            #expect(!page.html.contains("<td>salespeople</td>"))
            var marketer = try await signedIn(api, role: "marketer", userId: "MARK")
            #expect(try await marketer.request(.get, "/setup/audit-log").status == 403)
        }
    }
}
