import RapportCore
import Testing

@testable import RapportServer

/// Looking after the interaction log once it is written (issue 11, item 4; BC §5.3).
@Suite("Log upkeep")
struct LogUpkeepTests {
    /// S1 logged: entries 1 (C1), 2 (P11), 3 (P21) and campaign entry 1 of CP1.
    func logged(_ api: API) async throws {
        try await seedLoggableSegment(api)
        let logged = try await api.post("/api/v1/segments/S1/log", "{}")
        #expect(logged.status == 201, "\(logged.text)")
    }

    @Test func evaluationDescriptionAndCommentsChangeLaterStampedWithTheUser() async throws {
        try await withAPI { api, _ in
            try await logged(api)
            let changed = try await api.patch(
                "/api/v1/interaction-log-entries/1",
                #"{"evaluation": "positive", "description": "Called back", "comments": ["Asked for prices", "Call again in May"]}"#
            )
            #expect(changed.status == 200, "\(changed.text)")
            #expect(changed.json["evaluation"]?.string == "positive")
            #expect(changed.json["description"]?.string == "Called back")
            #expect(changed.json["modifiedBy"]?.string == "ADMIN")
            #expect(changed.json["modifiedAt"]?.string?.isEmpty == false)
            let comments = changed.json["comments"]?.array ?? []
            #expect(comments.map { $0["text"]?.string } == ["Asked for prices", "Call again in May"])
            #expect(comments.map { $0["lineNo"]?.number } == [10000, 20000])
            #expect(comments.map { $0["userId"]?.string } == ["ADMIN", "ADMIN"])
            #expect(comments.first?["date"]?.string == CalendarDate.today(in: .gmt).description)

            let mary = try await api.user("MARY", role: "marketer")
            let again = try await mary.patch(
                "/api/v1/interaction-log-entries/1",
                #"{"evaluation": null, "comments": ["Asked for prices", "Sent them"]}"#)
            #expect(again.status == 200)
            #expect(again.json["evaluation"] == .null)
            #expect(again.json["description"]?.string == "Called back")
            #expect(again.json["comments"]?.array?.map { $0["userId"]?.string } == ["ADMIN", "MARY"])
            #expect(again.json["modifiedBy"]?.string == "MARY")
            // The entry as listed carries the same.
            let listed = try await api.get("/api/v1/interaction-log-entries?entryNo=1").json["items"]?[0]
            #expect(listed?["comments"]?.array?.count == 2)
        }
    }

    @Test func fieldsFixedOnceLoggedAreRefusedByName() async throws {
        try await withAPI { api, _ in
            try await logged(api)
            let fixed = try await api.patch("/api/v1/interaction-log-entries/1", #"{"subject": "New"}"#)
            #expect(fixed.status == 422)
            #expect(fixed.errorField == "subject")
            #expect(fixed.json["error"]?["message"]?.string == "subject is fixed once logged.")
            #expect(
                try await api.patch("/api/v1/interaction-log-entries/1", #"{"colour": "red"}"#).errorField == "colour")
            #expect(try await api.patch("/api/v1/interaction-log-entries/1", #"{"evaluation": "great"}"#).status == 422)
            let wrongType = try await api.patch("/api/v1/interaction-log-entries/1", #"{"comments": [5]}"#)
            #expect(wrongType.status == 400)
            #expect(wrongType.errorField == "comments[0]")
            #expect(try await api.patch("/api/v1/interaction-log-entries/99", #"{"description": "x"}"#).status == 404)
            let viewer = try await api.user("VIC", role: "viewer")
            #expect(try await viewer.patch("/api/v1/interaction-log-entries/1", #"{"description": "x"}"#).status == 403)
            let entry = try await api.get("/api/v1/interaction-log-entries/1")
            #expect(entry.json["subject"]?.string == "")
            #expect((entry.json["modifiedBy"]?.string ?? "").isEmpty, "nobody changed it")
        }
    }

    @Test func deleteCanceledEntriesTakesOnlyCanceledOnesMatchingTheFilters() async throws {
        try await withAPI { api, _ in
            try await logged(api)
            for entry in [1, 2] {
                let canceled = try await api.post(
                    "/api/v1/interaction-log-entries/\(entry)/cancel", #"{"canceled": true}"#)
                #expect(canceled.status == 200)
            }
            #expect(
                try await api.patch("/api/v1/interaction-log-entries/1", #"{"comments": ["gone soon"]}"#).status == 200)
            let marketer = try await api.user("MARY", role: "marketer")
            #expect(try await marketer.post("/api/v1/interaction-log-entries/delete-canceled", "{}").status == 403)
            let first = try await api.post(
                "/api/v1/interaction-log-entries/delete-canceled", #"{"filters": {"contactNo": "C1|P21"}}"#)
            #expect(first.status == 200, "\(first.text)")
            #expect(first.json["deleted"]?.number == 1)
            let rest = try await api.post("/api/v1/interaction-log-entries/delete-canceled", "{}")
            #expect(rest.json["deleted"]?.number == 1)
            let left = try await api.get("/api/v1/interaction-log-entries").json["items"]?.array ?? []
            #expect(left.map { $0["contactNo"]?.string } == ["P21"])
            let bad = try await api.post(
                "/api/v1/interaction-log-entries/delete-canceled", #"{"filters": {"colour": "red"}}"#)
            #expect(bad.status == 422)
        }
    }

    @Test func campaignEntriesCancelWithTheirEntriesAndAreDeletedOnlyWhenCanceled() async throws {
        try await withAPI { api, _ in
            try await logged(api)
            let notCanceled = try await api.delete("/api/v1/campaign-entries/1")
            #expect(notCanceled.status == 409)
            let canceled = try await api.post("/api/v1/campaign-entries/1/cancel", #"{"canceled": true}"#)
            #expect(canceled.status == 200, "\(canceled.text)")
            #expect(canceled.json["canceled"]?.bool == true)
            #expect(canceled.json["modifiedBy"]?.string == "ADMIN")
            var entries = try await api.get("/api/v1/interaction-log-entries").json["items"]?.array ?? []
            #expect(entries.map { $0["canceled"]?.bool } == [true, true, true])
            let restored = try await api.post("/api/v1/campaign-entries/1/cancel", #"{"canceled": false}"#)
            #expect(restored.json["canceled"]?.bool == false)
            entries = try await api.get("/api/v1/interaction-log-entries").json["items"]?.array ?? []
            #expect(entries.map { $0["canceled"]?.bool } == [false, false, false])
            // While its logged segment is canceled, the campaign entry cannot be restored on its own.
            #expect(try await api.post("/api/v1/logged-segments/1/cancel", #"{"canceled": true}"#).status == 200)
            #expect(try await api.post("/api/v1/campaign-entries/1/cancel", #"{"canceled": false}"#).status == 409)
            #expect(try await api.delete("/api/v1/campaign-entries/1").status == 204)
            #expect(try await api.get("/api/v1/interaction-log-entries").json["items"]?.array?.isEmpty == true)
            #expect(try await api.get("/api/v1/campaign-entries").json["items"]?.array?.isEmpty == true)
            #expect(try await api.delete("/api/v1/campaign-entries/1").status == 404)
            // Every step is in the audit trail, by the acting user.
            let audit = try await api.get("/api/v1/audit-log?resource=campaign-entries").json["items"]?.array ?? []
            #expect(audit.map { $0["action"]?.string } == ["cancel", "update", "delete"])
            #expect(audit.allSatisfy { $0["userId"]?.string == "ADMIN" })
            let deletedEntries = try await api.get(
                "/api/v1/audit-log?resource=interaction-log-entries&action=delete")
            #expect(deletedEntries.json["items"]?.array?.count == 3)
        }
    }
}
