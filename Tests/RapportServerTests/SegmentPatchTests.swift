import RapportCore
import Testing

@testable import RapportServer

/// `PATCH /segments/{no}` answers alike on SQLite and PostgreSQL: no statement leaves PostgreSQL a NULL parameter
/// whose type it must infer (`? IS NULL` was "could not determine data type of parameter $4", a 500).
@Suite("Segment PATCH on both backends")
struct SegmentPatchTests {
    @Test func aUnitCostAloneOnASegmentWithoutTemplateIsSavedAndReachesItsLines() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            try await api.segment("S1")
            let added = try await api.addContacts("S1", #"{"filters": {"mailingGroups": {"code": "NEWS"}}}"#)
            #expect(added.status == 200, "\(added.text)")
            let patched = try await api.patch("/api/v1/segments/S1", #"{"unitCost": 0.0}"#)
            #expect(patched.status == 200, "\(patched.text)")
            #expect(patched.json["unitCost"]?.number == 0)
            let raised = try await api.patch("/api/v1/segments/S1", #"{"unitCost": 2.5}"#)
            #expect(raised.status == 200, "\(raised.text)")
            let costs = try await api.lines("S1").compactMap { $0["cost"]?.number }
            #expect(costs == [2.5, 2.5, 2.5, 2.5])
        }
    }

    @Test func clearingTheTemplateWithNullIsSavedOnHeaderAndLines() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            try await api.segment("S1", #""interactionTemplateCode": "LETTER""#)
            let added = try await api.addContacts("S1", #"{"filters": {"mailingGroups": {"code": "NEWS"}}}"#)
            #expect(added.status == 200, "\(added.text)")
            let cleared = try await api.patch("/api/v1/segments/S1", #"{"interactionTemplateCode": null}"#)
            #expect(cleared.status == 200, "\(cleared.text)")
            #expect(cleared.json["interactionTemplateCode"] == .null)
            let lines = try await api.lines("S1")
            #expect(lines.count == 4)
            #expect(lines.allSatisfy { $0["interactionTemplateCode"] == .null })
            let described = try await api.patch("/api/v1/segments/S1", #"{"description": "Spring"}"#)
            #expect(described.status == 200, "\(described.text)")
            #expect(
                try await api.lines("S1").compactMap { $0["description"]?.string }
                    == Array(repeating: "Spring", count: 4))
        }
    }

    @Test func readOnlyFieldsInTheBodyAreIgnored() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            let header = try await api.segment("S1")
            let added = try await api.addContacts("S1", #"{"filters": {"mailingGroups": {"code": "NEWS"}}}"#)
            #expect(added.status == 200, "\(added.text)")
            let patched = try await api.patch(
                "/api/v1/segments/S1",
                #"{"noOfLines": 99, "noOfCriteriaActions": 7, "costTotal": null, "durationTotal": null, "interactionTemplateCode": "", "languageCodeDefault": "", "campaignNo": "", "description": ""}"#
            )
            #expect(patched.status == 200, "\(patched.text)")
            #expect(patched.json["noOfLines"]?.number == 4)
            #expect(patched.json["noOfCriteriaActions"]?.number == 1)
            #expect(patched.json["date"] == header["date"])
        }
    }

    @Test func choosingATemplateWithoutUpdatingLinesStillGuardsAnInheritedDocument() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            try await api.segment("S1")
            let added = try await api.addContacts("S1", #"{"filters": {"mailingGroups": {"code": "NEWS"}}}"#)
            #expect(added.status == 200, "\(added.text)")
            let document = try await api.uploadBytes(
                "/api/v1/segments/S1/document", try letterDocx(fields: ["ContactName"]))
            #expect(document.status == 201, "\(document.text)")
            let refused = try await api.patch(
                "/api/v1/segments/S1", #"{"interactionTemplateCode": "LETTER", "updateLines": false}"#)
            #expect(refused.status == 409, "\(refused.text)")
            #expect(refused.errorField == "updateLines")
            #expect(try await api.get("/api/v1/segments/S1").json["interactionTemplateCode"] == .null)
        }
    }
}
