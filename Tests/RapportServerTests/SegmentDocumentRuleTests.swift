import RapportCore
import Testing

@testable import RapportServer

/// BC's document rules on the worksheet (§3.1, §3.2, §3.4, §4.2).
@Suite("Segment document rules")
struct SegmentDocumentRuleTests {
    /// LETTER with an ENU document, and a CALL template the lines can override with.
    func seedTemplatesWithDocuments(_ api: API) async throws -> [UInt8] {
        try await seedSegmentWorld(api)
        #expect(try await api.put("/api/v1/interaction-templates/LETTER/languages/ENU", "{}").status == 201)
        #expect(
            try await api.patch("/api/v1/interaction-templates/LETTER", #"{"languageCodeDefault": "ENU"}"#).status
                == 200)
        let letter = try letterDocx(fields: ["ContactName"])
        #expect(
            try await api.uploadBytes("/api/v1/interaction-templates/LETTER/languages/ENU/document", letter).status
                == 201)
        #expect(
            try await api.post("/api/v1/interaction-templates", #"{"code": "CALL", "description": "Call"}"#).status
                == 201)
        return letter
    }

    @Test func choosingATemplateGivesTheSegmentItsOwnCopyOfTheDocument() async throws {
        try await withAPI { api, _ in
            let letter = try await seedTemplatesWithDocuments(api)
            try await api.segment("S1", #""interactionTemplateCode": "LETTER""#)
            let copy = try await api.binary("/api/v1/segments/S1/document")
            #expect(copy.status == 200)
            #expect(copy.bytes == letter)
            // A later edit of the template's document leaves the segment's copy alone.
            let changed = try letterDocx(fields: ["No"])
            #expect(
                try await api.uploadBytes("/api/v1/interaction-templates/LETTER/languages/ENU/document", changed).status
                    == 200)
            #expect(try await api.binary("/api/v1/segments/S1/document").bytes == letter)
            // A template without a document leaves the segment without one.
            #expect(try await api.patch("/api/v1/segments/S1", #"{"interactionTemplateCode": "CALL"}"#).status == 200)
            #expect(try await api.binary("/api/v1/segments/S1/document").status == 404)
        }
    }

    @Test func aNewHeaderTemplateKeepsLinesWithTheirOwnTemplateOrDocument() async throws {
        try await withAPI { api, _ in
            _ = try await seedTemplatesWithDocuments(api)
            try await api.segment("S1", #""interactionTemplateCode": "LETTER", "description": "Spring""#)
            try await api.addContacts("S1", #"{"filters": {"contact": {"no": "C1|P11|P21"}}}"#)
            #expect(
                try await api.patch("/api/v1/segments/S1/lines/20000", #"{"interactionTemplateCode": "CALL"}"#).status
                    == 200)
            let personal = try letterDocx(fields: ["FirstName"])
            #expect(try await api.uploadBytes("/api/v1/segments/S1/lines/30000/document", personal).status == 201)
            let changed = try await api.patch("/api/v1/segments/S1", #"{"interactionTemplateCode": "EMAIL"}"#)
            #expect(changed.status == 200, "\(changed.text)")
            let lines = try await api.lines("S1")
            #expect(lines.map { $0["interactionTemplateCode"]?.string } == ["EMAIL", "CALL", "LETTER"])
            #expect(lines[2]["languageCode"]?.string == "ENU")
            #expect(lines[2]["document"]?.string == "unique")
            #expect(try await api.binary("/api/v1/segments/S1/lines/30000/document").status == 200)
        }
    }

    @Test func theTemplateCannotChangeWithoutTheLinesWhileLinesInheritTheDocument() async throws {
        try await withAPI { api, _ in
            _ = try await seedTemplatesWithDocuments(api)
            try await api.segment("S1", #""interactionTemplateCode": "LETTER""#)
            try await api.addContacts("S1", #"{"filters": {"contact": {"no": "C1|P11"}}}"#)
            let refused = try await api.patch(
                "/api/v1/segments/S1", #"{"interactionTemplateCode": "EMAIL", "updateLines": false}"#)
            #expect(refused.status == 409)
            #expect(refused.errorField == "updateLines")
            #expect(try await api.get("/api/v1/segments/S1").json["interactionTemplateCode"]?.string == "LETTER")
            #expect(try await api.binary("/api/v1/segments/S1/document").status == 200)
            // Without lines there is nothing to orphan.
            try await api.segment("S2", #""interactionTemplateCode": "LETTER""#)
            let empty = try await api.patch(
                "/api/v1/segments/S2", #"{"interactionTemplateCode": "EMAIL", "updateLines": false}"#)
            #expect(empty.status == 200)
        }
    }

    @Test func aNewSubjectDefaultReachesOnlyLinesStillCarryingTheOldOne() async throws {
        try await withAPI { api, _ in
            _ = try await seedTemplatesWithDocuments(api)
            try await api.segment("S1", #""interactionTemplateCode": "LETTER", "subjectDefault": "Spring""#)
            try await api.addContacts("S1", #"{"filters": {"contact": {"no": "C1|P11|P21"}}}"#)
            #expect(try await api.lines("S1").map { $0["subject"]?.string } == ["Spring", "Spring", "Spring"])
            #expect(try await api.patch("/api/v1/segments/S1/lines/20000", #"{"subject": "Anna's"}"#).status == 200)
            #expect(
                try await api.patch("/api/v1/segments/S1/lines/30000", #"{"interactionTemplateCode": "CALL"}"#).status
                    == 200)
            #expect(try await api.patch("/api/v1/segments/S1", #"{"subjectDefault": "Summer"}"#).status == 200)
            let lines = try await api.lines("S1")
            #expect(lines.map { $0["subject"]?.string } == ["Summer", "Anna's", ""])
            #expect(
                try await api.patch("/api/v1/segments/S1", #"{"subjectDefault": "Autumn", "updateLines": false}"#)
                    .status == 200)
            #expect(try await api.lines("S1")[0]["subject"]?.string == "Summer")
        }
    }
}
