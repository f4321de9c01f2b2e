import RapportCore
import Testing

@testable import RapportServer

@Suite("Segment headers and lines")
struct SegmentHeaderTests {
    @Test func headersAreNumberedFromTheSeriesWithTheUsersSalespersonAndToday() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            let noSeries = try await api.post("/api/v1/segments", #"{"description": "x"}"#)
            #expect(noSeries.status == 422)
            #expect(noSeries.errorField == "segmentNos")
            try await api.post("/api/v1/number-series", #"{"code": "SEG", "startingNo": "SEG00001"}"#)
            try await api.patch("/api/v1/setup", #"{"segmentNos": "SEG"}"#)
            let marketer = try await api.user("MARY", role: "marketer", salesperson: "RB")
            let first = try await marketer.post("/api/v1/segments", #"{"description": "Spring"}"#)
            #expect(first.status == 201, "\(first.text)")
            #expect(first.json["no"]?.string == "SEG00001")
            #expect(first.json["salespersonCode"]?.string == "RB")
            #expect(first.json["date"]?.string == CalendarDate.today(in: .gmt).description)
            #expect(try await api.post("/api/v1/segments", "{}").json["no"]?.string == "SEG00002")
            let manual = try await api.post("/api/v1/segments", #"{"no": "MINE"}"#)
            #expect(manual.status == 422)
            #expect(manual.errorField == "no")
            let viewer = try await api.user("VIC", role: "viewer")
            #expect(try await viewer.post("/api/v1/segments", "{}").status == 403)
        }
    }

    @Test func choosingATemplateCopiesItOntoTheHeaderAndLaterFieldsWin() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            let header = try await api.segment("S1", #""interactionTemplateCode": "letter", "unitCost": 3"#)
            #expect(header["interactionTemplateCode"]?.string == "LETTER")
            #expect(header["interactionGroupCode"]?.string == "LETTER")
            #expect(header["unitCost"]?.number == 3)
            #expect(header["unitDuration"]?.number == 5)
            #expect(header["correspondenceTypeDefault"]?.string == "hardCopy")
            #expect(header["informationFlow"]?.string == "outbound")
            let patched = try await api.patch(
                "/api/v1/segments/S1", #"{"interactionTemplateCode": "EMAIL", "subjectDefault": "Hello"}"#)
            #expect(patched.json["subjectDefault"]?.string == "Hello")
            #expect(patched.json["unitCost"]?.number == 0.1)
            #expect(patched.json["interactionGroupCode"] == .null)
            let cleared = try await api.patch("/api/v1/segments/S1", #"{"interactionTemplateCode": null}"#)
            #expect(cleared.status == 200)
            #expect(cleared.json["interactionTemplateCode"] == .null)
            let blocked = try await api.patch("/api/v1/salespeople/JO", #"{"blocked": true}"#)
            #expect(blocked.status == 200)
            #expect(
                try await api.patch("/api/v1/segments/S1", #"{"salespersonCode": "JO"}"#).errorField
                    == "salespersonCode")
        }
    }

    @Test func headerChangesFlowOnlyToLinesThatFollowTheHeaderTemplate() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            try await api.segment("S1", #""interactionTemplateCode": "LETTER", "description": "Spring""#)
            try await api.addContacts("S1", #"{"filters": {"contact": {"no": "C1|P11|P21"}}}"#)
            var lines = try await api.lines("S1")
            #expect(lines.map { $0["cost"]?.number } == [1.5, 1.5, 1.5])
            // BC §3.3: C1 prefers e-mail and the template does not override; P11 has none, so the template's.
            #expect(lines.map { $0["correspondenceType"]?.string } == ["email", "hardCopy", "hardCopy"])
            // P21 gets its own template: it no longer follows the header.
            let own = try await api.patch("/api/v1/segments/S1/lines/30000", #"{"interactionTemplateCode": "EMAIL"}"#)
            #expect(own.json["cost"]?.number == 0.1)
            #expect(own.json["correspondenceType"]?.string == "email")
            // BC: a line switching from one template to another takes the new template's description.
            #expect(own.json["description"]?.string == "E-mail")

            try await api.patch("/api/v1/segments/S1", #"{"description": "Summer", "unitCost": 2}"#)
            lines = try await api.lines("S1")
            #expect(lines.map { $0["description"]?.string } == ["Summer", "Summer", "E-mail"])
            #expect(lines.map { $0["cost"]?.number } == [2, 2, 0.1])
            try await api.patch("/api/v1/segments/S1", #"{"description": "Header only", "updateLines": false}"#)
            #expect(try await api.lines("S1")[0]["description"]?.string == "Summer")

            // A new header template goes to every line, with its cost and duration recomputed.
            try await api.patch("/api/v1/segments/S1", #"{"interactionTemplateCode": "EMAIL"}"#)
            lines = try await api.lines("S1")
            #expect(lines.allSatisfy { $0["interactionTemplateCode"]?.string == "EMAIL" })
            #expect(lines.map { $0["cost"]?.number } == [0.1, 0.1, 0.1])
            #expect(lines.map { $0["duration"]?.number } == [2, 2, 2])
            #expect(lines.map { $0["correspondenceType"]?.string } == ["email", "email", "email"])
            let header = try await api.get("/api/v1/segments/S1").json
            #expect(header["noOfLines"]?.number == 3)
            #expect(header["costTotal"]?.number == 0.3, "a sum of stored doubles reads as the decimal it stands for")
            #expect(header["durationTotal"]?.number == 6)
        }
    }

    @Test func segmentContactsExportAndApplyMailingGroup() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            try await api.segment("S1")
            try await api.addContacts("S1", #"{"filters": {"contact": {"no": "P12|C2"}}}"#)
            try await api.post("/api/v1/segments/S1/lines", #"{"contactNo": "P12"}"#)
            let csv = try await api.get("/api/v1/segments/S1/contacts.csv")
            #expect(csv.status == 200)
            let rows = csv.text.split(separator: "\r\n").map { String($0.prefix(while: { $0 != "," })) }
            #expect(rows == ["no", "P12", "C2", "P12"])
            let applied = try await api.post(
                "/api/v1/segments/S1/apply-mailing-group",
                #"{"mailingGroupCode": "promo", "deleteOldAssignments": true}"#)
            #expect(applied.status == 200, "\(applied.text)")
            #expect(applied.json["contactsAssigned"]?.number == 2)
            #expect(try await api.get("/api/v1/contacts/P31").json["mailingGroups"] == .array([]))
            #expect(try await api.get("/api/v1/contacts/C2").json["mailingGroups"] == .array([.string("PROMO")]))
            let missing = try await api.post("/api/v1/segments/S1/apply-mailing-group", "{}")
            #expect(missing.status == 422)
            #expect(missing.errorField == "mailingGroupCode")
            #expect(try await api.delete("/api/v1/segments/S1").status == 204)
            #expect(try await api.get("/api/v1/segments/S1/lines").status == 404)
        }
    }
}
