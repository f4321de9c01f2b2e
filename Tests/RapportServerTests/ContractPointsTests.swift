import HTTPTypes
import RapportCore
import Testing

@testable import RapportServer

/// Small points of the contract (issue 16): HEAD, a template's languages in a body, blank codes in answers.
@Suite("Contract points")
struct ContractPointsTests {
    @Test func headAnswersLikeGetWithoutABodyAndTheDocumentListsIt() async throws {
        try await withAPI { api, _ in
            try await seedContactMasterData(api)
            let get = try await api.get("/api/v1/salespeople")
            let head = try await api.call(.head, "/api/v1/salespeople")
            #expect(head.status == 200)
            #expect(head.text.isEmpty)
            #expect(head.headers[.contentType] == get.headers[.contentType])
            #expect(head.headers[.contentLength] == String(get.text.utf8.count))
            let missing = try await api.call(.head, "/api/v1/salespeople/NOPE")
            #expect(missing.status == 404)
            #expect(missing.text.isEmpty)
            let postOnly = try await api.call(.head, "/api/v1/contacts/import")
            #expect(postOnly.status == 405)
            #expect(postOnly.text.isEmpty)
            #expect(try await api.acting(as: nil).call(.head, "/sign-in").status == 200)
            let setup = try await api.call(.post, "/api/v1/setup", "{}")
            #expect(setup.headers[.allow]?.contains("HEAD") == true)
            let yaml = try await api.acting(as: nil).get("/openapi.yaml").text
            let documented = OpenAPITests.documentedOperations(yaml)
            #expect(documented.contains("HEAD /api/v1/salespeople"))
            #expect(documented.contains("HEAD /openapi.yaml"))
            #expect(!documented.contains("HEAD /api/v1/contacts/import"))
        }
    }

    @Test func aTemplateBodyWithLanguagesIsRefusedNamingTheField() async throws {
        try await withAPI { api, _ in
            try await seedContactMasterData(api)
            let languages = #""languages": [{"languageCode": "ENU", "description": "Letter"}]"#
            let created = try await api.post("/api/v1/interaction-templates", #"{"code": "MAIL", \#(languages)}"#)
            #expect(created.status == 422, "\(created.text)")
            #expect(created.errorField == "languages")
            #expect(try await api.get("/api/v1/interaction-templates/MAIL").status == 404)
            let plain = try await api.post("/api/v1/interaction-templates", #"{"code": "MAIL", "languages": null}"#)
            #expect(plain.status == 201, "\(plain.text)")
            for method in [HTTPRequest.Method.patch, .put] {
                let changed = try await api.call(method, "/api/v1/interaction-templates/MAIL", "{\(languages)}")
                #expect(changed.status == 422, "\(method): \(changed.text)")
                #expect(changed.errorField == "languages")
            }
            #expect(try await api.get("/api/v1/interaction-templates/MAIL").json["languages"]?.array?.isEmpty == true)
        }
    }

    @Test func aBlankOptionalCodeIsNullEverywhere() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            let header = try await api.segment(
                "S1",
                #""description": "Plain", "interactionTemplateCode": "LETTER", "salespersonCode": "JO", "campaignNo": """#
            )
            #expect(header["campaignNo"] == .null)
            #expect(header["languageCodeDefault"] == .null)
            let added = try await api.addContacts("S1", #"{"filters": {"contact": {"no": "P0"}}}"#)
            #expect(added.status == 200, "\(added.text)")
            let line = try #require(try await api.lines("S1").first)
            #expect(line["campaignNo"] == .null)
            #expect(line["contactCompanyNo"] == .null)
            let logged = try await api.post("/api/v1/segments/S1/log", "{}")
            #expect(logged.status == 201, "\(logged.text)")
            let interaction = try #require(logged.json["loggedSegment"]?["interaction"])
            #expect(interaction["campaignNo"] == .null)
            #expect(interaction["languageCodeDefault"] == .null)
            #expect(interaction["interactionTemplateCode"]?.string == "LETTER")
            let again = try await api.get("/api/v1/logged-segments/1")
            #expect(again.json["interaction"]?["campaignNo"] == .null)
            let entry = try #require(try await api.get("/api/v1/interaction-log-entries").json["items"]?[0])
            #expect(entry["campaignNo"] == .null)
            #expect(entry["contactCompanyNo"] == .null)
            #expect(entry["contactNo"]?.string == "P0")
            #expect(try await api.get("/api/v1/contacts/P0").json["companyNo"] == .null)
        }
    }
}
