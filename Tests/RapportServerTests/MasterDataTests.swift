import RapportCore
import Testing

@testable import RapportServer

/// One sample per generic master-data resource: a create body, a patch, and a field the patch changes.
struct MasterDataSample: Sendable, CustomStringConvertible {
    var path: String
    var key: String
    var create: String
    var patch: String
    var changedField: String
    var changedValue: JSONValue

    var description: String { path }

    static let all: [MasterDataSample] = [
        .init(
            path: "number-series", key: "SEG", create: #"{"code": "seg", "startingNo": "SEG00001"}"#,
            patch: #"{"description": "Segments"}"#, changedField: "description", changedValue: .string("Segments")),
        .init(
            path: "salespeople", key: "JO", create: #"{"code": "jo", "name": "Jo Bloggs", "email": "jo@example.com"}"#,
            patch: #"{"blocked": true}"#, changedField: "blocked", changedValue: .bool(true)),
        .init(
            path: "campaigns", key: "CP1",
            create: #"{"no": "CP1", "description": "Spring", "startingDate": "2026-03-01"}"#,
            patch: #"{"endingDate": "2026-04-01"}"#, changedField: "endingDate", changedValue: .string("2026-04-01")),
        .init(
            path: "languages", key: "DAN", create: #"{"code": "dan", "name": "Danish"}"#,
            patch: #"{"name": "Dansk"}"#, changedField: "name", changedValue: .string("Dansk")),
        .init(
            path: "mailing-groups", key: "NEWS", create: #"{"code": "NEWS", "description": "Newsletter"}"#,
            patch: #"{"description": "News & <offers>"}"#, changedField: "description",
            changedValue: .string("News & <offers>")),
        .init(
            path: "industry-groups", key: "RETAIL", create: #"{"code": "RETAIL"}"#,
            patch: #"{"description": "Retail"}"#, changedField: "description", changedValue: .string("Retail")),
        .init(
            path: "job-responsibilities", key: "IT", create: #"{"code": "IT"}"#,
            patch: #"{"description": "IT 🚀"}"#, changedField: "description", changedValue: .string("IT 🚀")),
        .init(
            path: "business-relations", key: "CUST", create: #"{"code": "CUST"}"#,
            patch: #"{"description": "عملاء"}"#, changedField: "description", changedValue: .string("عملاء")),
        .init(
            path: "interaction-groups", key: "LETTER", create: #"{"code": "LETTER"}"#,
            patch: #"{"description": "Letters"}"#, changedField: "description", changedValue: .string("Letters")),
        .init(
            path: "territories", key: "NORTH-WEST-REGION", create: #"{"code": "north-west-region"}"#,
            patch: #"{"description": "NW"}"#, changedField: "description", changedValue: .string("NW")),
        .init(
            path: "salutations", key: "M",
            create:
                #"{"code": "M", "formulas": [{"languageCode": "", "formal": "Dear Mr {Surname},", "informal": "Hi {FirstName},"}]}"#,
            patch: #"{"description": "Male"}"#, changedField: "description", changedValue: .string("Male")),
        .init(
            path: "profile-questionnaires", key: "SIZE",
            create:
                #"{"code": "SIZE", "lines": [{"lineNo": 10000, "type": "question", "description": "Employees?"}, {"lineNo": 20000, "type": "answer", "description": "1-10"}]}"#,
            patch: #"{"description": "Company size"}"#, changedField: "description",
            changedValue: .string("Company size")),
        .init(
            path: "interaction-templates", key: "LETTER",
            create:
                #"{"code": "LETTER", "description": "Letter", "unitCost": 1.5, "unitDuration": 5, "informationFlow": "outbound", "initiatedBy": "us", "correspondenceTypeDefault": "hardCopy"}"#,
            patch: #"{"unitCost": 2.25}"#, changedField: "unitCost", changedValue: .number(2.25)),
    ]
}

@Suite("Master data over the API")
struct MasterDataTests {
    @Test("create, get, list, patch, put and delete", arguments: MasterDataSample.all)
    func crud(sample: MasterDataSample) async throws {
        try await withAPI { api, _ in
            let base = "/api/v1/\(sample.path)"
            let created = try await api.post(base, sample.create)
            #expect(created.status == 201, "\(created.text)")
            let keyName = Catalog.masterData.first { $0.path == sample.path }?.keyName ?? "code"
            #expect(created.json[keyName]?.string == sample.key)

            let fetched = try await api.get("\(base)/\(sample.key.lowercased())")
            #expect(fetched.status == 200)
            #expect(fetched.json == created.json)

            let list = try await api.get(base)
            #expect(list.json["items"]?.array?.count == 1)
            #expect(list.json["nextCursor"] == .null)

            let patched = try await api.patch("\(base)/\(sample.key)", sample.patch)
            #expect(patched.status == 200, "\(patched.text)")
            #expect(patched.json[sample.changedField] == sample.changedValue)

            // PUT is a full replacement: the patched field returns to its default.
            let replaced = try await api.put("\(base)/\(sample.key)", sample.create)
            #expect(replaced.status == 200, "\(replaced.text)")
            #expect(replaced.json == created.json)

            let duplicate = try await api.post(base, sample.create)
            #expect(duplicate.status == 409)
            #expect(duplicate.errorCode == "already_exists")

            #expect(try await api.delete("\(base)/\(sample.key)").status == 204)
            let gone = try await api.get("\(base)/\(sample.key)")
            #expect(gone.status == 404)
            #expect(gone.errorCode == "not_found")
        }
    }

    @Test func codesAreUpperCasedTrimmedAndLengthChecked() async throws {
        try await withAPI { api, _ in
            let created = try await api.post("/api/v1/mailing-groups", #"{"code": "  news  "}"#)
            #expect(created.json["code"]?.string == "NEWS")
            let tooLong = try await api.post("/api/v1/mailing-groups", #"{"code": "ABCDEFGHIJK"}"#)
            #expect(tooLong.status == 422)
            #expect(tooLong.errorCode == "validation_failed")
            #expect(tooLong.errorField == "code")
            let salesperson = try await api.post("/api/v1/salespeople", #"{"code": "ABCDEFGHIJKLMNOPQRSTU"}"#)
            #expect(salesperson.errorField == "code")
            #expect(try await api.get("/api/v1/mailing-groups").json["items"]?.array?.count == 1)
        }
    }

    @Test func badBodiesAreRefusedWithTheFieldAndChangeNothing() async throws {
        try await withAPI { api, _ in
            try await api.post("/api/v1/salespeople", #"{"code": "JO", "name": "Jo"}"#)
            let cases: [(String, Int, String, String?)] = [
                (#"{"code": "JO""#, 400, "malformed_request", nil),
                (#"[1, 2]"#, 400, "malformed_request", nil),
                (#"{"name": 5}"#, 400, "malformed_request", "name"),
                (#"{"blocked": "yes"}"#, 400, "malformed_request", "blocked"),
                (#"{"nickname": "x"}"#, 422, "validation_failed", "nickname"),
                (#"{"code": "RB"}"#, 422, "validation_failed", "code"),
                (#"{"code": null}"#, 422, "validation_failed", "code"),
            ]
            for (body, status, code, field) in cases {
                let answer = try await api.patch("/api/v1/salespeople/JO", body)
                #expect(answer.status == status, "\(body) → \(answer.text)")
                #expect(answer.errorCode == code, "\(body)")
                #expect(answer.errorField == field, "\(body)")
            }
            let missing = try await api.post("/api/v1/salespeople", #"{"name": "No code"}"#)
            #expect(missing.status == 422)
            #expect(missing.errorField == "code")
            let unchanged = try await api.get("/api/v1/salespeople/JO")
            #expect(unchanged.json["name"]?.string == "Jo")
            #expect(unchanged.json["blocked"]?.bool == false)
            #expect(try await api.get("/api/v1/salespeople").json["items"]?.array?.count == 1)
        }
    }

    @Test func unknownEnumValuesAndReferencesAre422WithTheField() async throws {
        try await withAPI { api, _ in
            let fax = try await api.post(
                "/api/v1/interaction-templates", #"{"code": "FAX", "correspondenceTypeDefault": "fax"}"#)
            #expect(fax.status == 422)
            #expect(fax.errorField == "correspondenceTypeDefault")
            let unknownGroup = try await api.post(
                "/api/v1/interaction-templates", #"{"code": "X", "interactionGroupCode": "NOPE"}"#)
            #expect(unknownGroup.status == 422)
            #expect(unknownGroup.errorField == "interactionGroupCode")
            let badDate = try await api.post("/api/v1/campaigns", #"{"no": "C1", "startingDate": "2026-02-30"}"#)
            #expect(badDate.errorField == "startingDate")
            let reversed = try await api.post(
                "/api/v1/campaigns", #"{"no": "C1", "startingDate": "2026-03-01", "endingDate": "2026-01-01"}"#)
            #expect(reversed.errorField == "endingDate")
            let duplicateLine = try await api.post(
                "/api/v1/profile-questionnaires",
                #"{"code": "Q", "lines": [{"lineNo": 1, "type": "answer"}, {"lineNo": 1, "type": "answer"}]}"#)
            #expect(duplicateLine.status == 422)
            #expect(duplicateLine.errorField == "lines[1]")
            #expect(try await api.get("/api/v1/interaction-templates").json["items"]?.array?.isEmpty == true)
            #expect(try await api.get("/api/v1/campaigns").json["items"]?.array?.isEmpty == true)
        }
    }

    @Test func templateDefaultsAndLanguageEntries() async throws {
        try await withAPI { api, _ in
            try await api.post("/api/v1/languages", #"{"code": "ENU", "name": "English"}"#)
            let template = try await api.post("/api/v1/interaction-templates", #"{"code": "MEMO"}"#)
            #expect(template.json["correspondenceTypeDefault"]?.string == "email")
            #expect(template.json["informationFlow"] == .null)
            let entry = try await api.put(
                "/api/v1/interaction-templates/MEMO/languages/enu", #"{"description": "Memo"}"#)
            #expect(entry.status == 201, "a PUT that creates the entry answers 201")
            #expect(entry.json["languageCode"]?.string == "ENU")
            let again = try await api.put(
                "/api/v1/interaction-templates/MEMO/languages/ENU", #"{"description": "Memo"}"#)
            #expect(again.status == 200, "a PUT that replaces the entry answers 200")
            let languages = try await api.get("/api/v1/interaction-templates/MEMO").json["languages"]
            #expect(languages?[0]?["description"]?.string == "Memo")
            #expect(languages?[0]?["hasDocument"]?.bool == false)
            let unknown = try await api.put("/api/v1/interaction-templates/MEMO/languages/XXX", #"{}"#)
            #expect(unknown.status == 404)
            #expect(try await api.delete("/api/v1/interaction-templates/MEMO/languages/ENU").status == 204)
            #expect(try await api.get("/api/v1/interaction-templates/MEMO").json["languages"]?.array?.isEmpty == true)
        }
    }

    @Test func recordsStillReferencedCannotBeDeleted() async throws {
        try await withAPI { api, _ in
            try await api.post("/api/v1/salespeople", #"{"code": "JO"}"#)
            try await api.post("/api/v1/campaigns", #"{"no": "C1", "salespersonCode": "jo"}"#)
            let refused = try await api.delete("/api/v1/salespeople/JO")
            #expect(refused.status == 409)
            #expect(refused.errorCode == "conflict")
            #expect(try await api.get("/api/v1/salespeople/JO").status == 200)
        }
    }
}
