import RapportCore
import Testing

@testable import RapportServer

/// NUL (U+0000) is refused wherever text comes in, with `validation_failed` naming the field and nothing
/// written: PostgreSQL cannot store it in text (a 500 before), and SQLite accepted it.
@Suite("NUL in input")
struct NULInputTests {
    @Test func jsonStringsWithNULAreRefusedByPath() async throws {
        try await withAPI { api, _ in
            let flat = try await api.post("/api/v1/salespeople", #"{"code": "JO", "phoneNo": "8\u0000c"}"#)
            #expect(flat.status == 422, "\(flat.text)")
            #expect(flat.errorCode == "validation_failed")
            #expect(flat.errorField == "phoneNo")
            #expect(try await api.get("/api/v1/salespeople/JO").status == 404)
            let nested = try await api.post(
                "/api/v1/salutations", #"{"code": "M", "formulas": [{"languageCode": "", "formal": "Dear\u0000"}]}"#)
            #expect(nested.status == 422, "\(nested.text)")
            #expect(nested.errorField == "formulas[0].formal")
            #expect(try await api.get("/api/v1/salutations/M").status == 404)
            let key = try await api.post("/api/v1/salespeople", #"{"code": "RB", "na\u0000me": "x"}"#)
            #expect(key.status == 422, "\(key.text)")
            #expect(key.errorField == "na\\0me")
        }
    }

    @Test func filtersWithNULAreRefusedInBodiesAndQueryParameters() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            try await api.segment("S1")
            let body = try await api.addContacts("S1", #"{"filters": {"contact": {"name": "A\u0000*"}}}"#)
            #expect(body.status == 422, "\(body.text)")
            #expect(body.errorField == "filters.contact.name")
            #expect(try await api.lineContacts("S1").isEmpty)
            for (query, field) in [
                ("businessRelations=%00", "businessRelations"), ("name=a%00b", "name"), ("cursor=%00", "cursor"),
            ] {
                let listed = try await api.get("/api/v1/contacts?" + query)
                #expect(listed.status == 422, "\(query): \(listed.text)")
                #expect(listed.errorCode == "validation_failed")
                #expect(listed.errorField == field)
            }
        }
    }

    @Test func aCSVCellWithNULRefusesTheWholeFile() async throws {
        try await withAPI { api, _ in
            let csv = "no,type,name\nC1,company,Alpha\nC2,company,Be\u{0}ta\n"
            let imported = try await api.call(.post, "/api/v1/contacts/import", csv, contentType: "text/csv")
            #expect(imported.status == 422, "\(imported.text)")
            #expect(imported.errorCode == "validation_failed")
            #expect(imported.details.first?["row"]?.number == 3)
            #expect(imported.details.first?["field"]?.string == "name")
            #expect(try await api.get("/api/v1/contacts").json["items"]?.array?.isEmpty == true)
        }
    }

    @Test func formFieldsAndTextUploadsWithNULAreRefused() async throws {
        try await withAPI { api, _ in
            try await seedContactMasterData(api)
            var browser = try await signedIn(api, role: "marketer")
            let page = try await browser.submit("/setup/mailing-groups", ["code": "WEB", "description": "a\u{0}b"])
            #expect(page.status == 422)
            #expect(page.html.contains("description must not contain the NUL character"))
            #expect(try await api.get("/api/v1/mailing-groups/WEB").status == 404)

            let template = try await api.post("/api/v1/interaction-templates", #"{"code": "MAIL"}"#)
            #expect(template.status == 201, "\(template.text)")
            let language = try await api.put("/api/v1/interaction-templates/MAIL/languages/ENU", "{}")
            #expect(language.status == 201, "\(language.text)")
            let body = try await api.call(
                .put, "/api/v1/interaction-templates/MAIL/languages/ENU/email-body", "<p>Hi\u{0}</p>",
                contentType: "text/html")
            #expect(body.status == 422, "\(body.text)")
            #expect(body.errorField == "emailBody")
            #expect(
                try await api.call(.get, "/api/v1/interaction-templates/MAIL/languages/ENU/email-body").status == 404)
        }
    }
}
