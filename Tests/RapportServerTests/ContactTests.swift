import RapportCore
import Testing

@testable import RapportServer

/// Master data that contact tests point at.
func seedContactMasterData(_ api: API) async throws {
    for (path, body) in [
        ("salespeople", #"{"code": "JO"}"#), ("salespeople", #"{"code": "RB"}"#),
        ("languages", #"{"code": "ENU"}"#), ("mailing-groups", #"{"code": "NEWS"}"#),
        ("mailing-groups", #"{"code": "PROMO"}"#), ("industry-groups", #"{"code": "RETAIL"}"#),
        ("business-relations", #"{"code": "CUST"}"#), ("job-responsibilities", #"{"code": "IT"}"#),
        ("territories", #"{"code": "NORTH"}"#), ("salutations", #"{"code": "M"}"#),
        (
            "profile-questionnaires",
            #"{"code": "SIZE", "lines": [{"lineNo": 10000, "type": "question"}, {"lineNo": 20000, "type": "answer"}]}"#
        ),
    ] {
        let answer = try await api.post("/api/v1/\(path)", body)
        #expect(answer.status == 201, "\(path): \(answer.text)")
    }
}

@Suite("Contacts")
struct ContactTests {
    @Test func aPersonWorksForACompanyAndShowsItsName() async throws {
        try await withAPI { api, _ in
            try await seedContactMasterData(api)
            let company = try await api.post(
                "/api/v1/contacts",
                #"{"no": "C1", "type": "company", "name": "Fabrikam & <Sons> \"Ltd\"", "industryGroups": ["retail"], "businessRelations": ["CUST"]}"#
            )
            #expect(company.status == 201, "\(company.text)")
            #expect(company.json["companyNo"]?.string == "C1")
            #expect(company.json["companyName"]?.string == #"Fabrikam & <Sons> "Ltd""#)
            #expect(company.json["industryGroups"] == .array([.string("RETAIL")]))

            let person = try await api.post(
                "/api/v1/contacts",
                #"{"no": "P1", "type": "person", "companyNo": "c1", "firstName": "Anna", "middleName": "", "surname": "Øster 🎉", "salespersonCode": "JO", "mailingGroups": ["NEWS", "PROMO"], "profileAnswers": [{"questionnaireCode": "SIZE", "lineNo": 20000}]}"#
            )
            #expect(person.status == 201, "\(person.text)")
            #expect(person.json["name"]?.string == "Anna Øster 🎉")
            #expect(person.json["companyName"]?.string == #"Fabrikam & <Sons> "Ltd""#)
            #expect(person.json["mailingGroups"] == .array([.string("NEWS"), .string("PROMO")]))
            #expect(person.json["profileAnswers"]?[0]?["lineNo"]?.number == 20000)
            #expect(person.json["correspondenceType"] == .null)
            #expect(person.json["excludeFromSegment"]?.bool == false)
        }
    }

    @Test func aPersonsCompanyMustExistAndBeACompany() async throws {
        try await withAPI { api, _ in
            try await api.post("/api/v1/contacts", #"{"no": "P0", "type": "person", "name": "Solo"}"#)
            let missing = try await api.post(
                "/api/v1/contacts", #"{"no": "P1", "type": "person", "companyNo": "NOPE"}"#)
            #expect(missing.status == 422)
            #expect(missing.errorField == "companyNo")
            let notCompany = try await api.post(
                "/api/v1/contacts", #"{"no": "P1", "type": "person", "companyNo": "P0"}"#)
            #expect(notCompany.status == 422)
            #expect(notCompany.errorField == "companyNo")
            let unknownGroup = try await api.post(
                "/api/v1/contacts", #"{"no": "P1", "type": "person", "mailingGroups": ["GHOST"]}"#)
            #expect(unknownGroup.errorField == "mailingGroups[0]")
            let question = try await api.post(
                "/api/v1/contacts",
                #"{"no": "P1", "type": "person", "profileAnswers": [{"questionnaireCode": "X", "lineNo": 1}]}"#)
            #expect(question.errorField == "profileAnswers[0]")
            let badType = try await api.post("/api/v1/contacts", #"{"no": "P1", "type": "robot"}"#)
            #expect(badType.errorField == "type")
            #expect(try await api.get("/api/v1/contacts").json["items"]?.array?.count == 1)
        }
    }

    @Test func aCompanyWithPersonsCannotBeDeleted() async throws {
        try await withAPI { api, _ in
            try await api.post("/api/v1/contacts", #"{"no": "C1", "type": "company", "name": "Co"}"#)
            try await api.post("/api/v1/contacts", #"{"no": "P1", "type": "person", "companyNo": "C1"}"#)
            let refused = try await api.delete("/api/v1/contacts/C1")
            #expect(refused.status == 409)
            #expect(refused.errorCode == "conflict")
            let demoted = try await api.patch("/api/v1/contacts/C1", #"{"type": "person"}"#)
            #expect(demoted.status == 409)
            #expect(try await api.delete("/api/v1/contacts/P1").status == 204)
            #expect(try await api.delete("/api/v1/contacts/C1").status == 204)
        }
    }

    @Test func newContactsAreNumberedFromTheContactSeries() async throws {
        try await withAPI { api, _ in
            let noSeries = try await api.post("/api/v1/contacts", #"{"type": "company", "name": "A"}"#)
            #expect(noSeries.status == 422)
            #expect(noSeries.errorField == "contactNos")
            try await api.post("/api/v1/number-series", #"{"code": "CONT", "startingNo": "CT0009"}"#)
            try await api.patch("/api/v1/setup", #"{"contactNos": "CONT"}"#)
            #expect(
                try await api.post("/api/v1/contacts", #"{"type": "company", "name": "A"}"#).json["no"]?.string
                    == "CT0009")
            #expect(
                try await api.post("/api/v1/contacts", #"{"type": "company", "name": "B"}"#).json["no"]?.string
                    == "CT0010")
            let manual = try await api.post("/api/v1/contacts", #"{"no": "X1", "type": "company"}"#)
            #expect(manual.status == 422)
            #expect(manual.errorField == "no")
            try await api.patch("/api/v1/number-series/CONT", #"{"allowManualNos": true}"#)
            #expect(try await api.post("/api/v1/contacts", #"{"no": "X1", "type": "company"}"#).status == 201)
            #expect(try await api.get("/api/v1/number-series/CONT").json["lastNoUsed"]?.string == "CT0010")
        }
    }

    @Test func trickyTextRoundTrips() async throws {
        try await withAPI { api, _ in
            let names = [
                #"O'Brien "The <Boss>" & Co"#, "مؤسسة الأمل", "שלום עליכם", "Café ☕ 🇩🇰",
                String(repeating: "Ä", count: 10_000),
            ]
            for (index, name) in names.enumerated() {
                let created = try await api.post(
                    "/api/v1/contacts", #"{"no": "T\#(index)", "type": "company", "name": \#(quoted(name))}"#)
                #expect(created.status == 201)
                #expect(try await api.get("/api/v1/contacts/T\(index)").json["name"]?.string == name)
            }
        }
    }

    @Test func pagingWalksEveryContactExactlyOnce() async throws {
        try await withAPI { api, _ in
            for index in 1...7 {
                try await api.post(
                    "/api/v1/contacts", #"{"no": "C\#(index)", "type": "company", "name": "N\#(index)"}"#)
            }
            var seen: [String] = []
            var cursor: String?
            repeat {
                let path = "/api/v1/contacts?limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await api.get(path)
                #expect(page.status == 200)
                let items = page.json["items"]?.array ?? []
                #expect(items.count <= 2)
                seen += items.compactMap { $0["no"]?.string }
                cursor = page.json["nextCursor"]?.string
            } while cursor != nil
            #expect(seen == ["C1", "C2", "C3", "C4", "C5", "C6", "C7"])
            #expect(try await api.get("/api/v1/contacts?limit=1001").errorField == "limit")
            #expect(try await api.get("/api/v1/contacts?limit=0").errorField == "limit")
            #expect(try await api.get("/api/v1/contacts?cursor=garbage!").errorField == "cursor")
        }
    }

    @Test func listsFilterWithBusinessCentralExpressions() async throws {
        try await withAPI { api, _ in
            try await seedContactMasterData(api)
            let rows = [
                ("C1", "Leeds", "JO", #"["NEWS"]"#), ("C2", "York", "RB", "[]"), ("C3", "leeds", "JO", "[]"),
                ("C4", "Bristol", "RB", #"["NEWS"]"#), ("C5", "", "JO", "[]"),
            ]
            for (no, city, salesperson, groups) in rows {
                try await api.post(
                    "/api/v1/contacts",
                    #"{"no": "\#(no)", "type": "company", "city": "\#(city)", "salespersonCode": "\#(salesperson)", "mailingGroups": \#(groups)}"#
                )
            }
            func nos(_ query: String) async throws -> [String] {
                let answer = try await api.get("/api/v1/contacts?\(query)")
                #expect(answer.status == 200, "\(query): \(answer.text)")
                return answer.json["items"]?.array?.compactMap { $0["no"]?.string } ?? []
            }
            #expect(try await nos("city=Leeds%7CYork") == ["C1", "C2"])
            #expect(try await nos("city=%40leeds") == ["C1", "C3"])
            #expect(try await nos("city=%27%27") == ["C5"])
            #expect(try await nos("city=%3C%3ELeeds&salespersonCode=JO") == ["C3", "C5"])
            #expect(try await nos("mailingGroups=NEWS") == ["C1", "C4"])
            #expect(try await nos("no=C2..C4") == ["C2", "C3", "C4"])
            #expect(try await nos("city=*ee*") == ["C1", "C3"])
            let malformed = try await api.get("/api/v1/contacts?city=A..B..C")
            #expect(malformed.status == 422)
            #expect(malformed.errorField == "city")
            #expect(try await api.get("/api/v1/contacts?shoeSize=4").errorField == "shoeSize")
        }
    }
}
