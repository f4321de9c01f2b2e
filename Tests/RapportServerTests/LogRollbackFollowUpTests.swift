import RapportCore
import Testing

@testable import RapportServer
@testable import RapportStorage

/// A Log with `createFollowUpSegment` makes a follow-up segment from the run's entries: its rollback takes that
/// segment away too, and waits for the follow-up's own run to be rolled back first.
@Suite("Log rollback: the follow-up segment")
struct LogRollbackFollowUpTests {
    func logWithFollowUp(_ api: API) async throws {
        let logged = try await api.post("/api/v1/segments/S1/log", #"{"createFollowUpSegment": true}"#)
        #expect(logged.status == 201, "\(logged.text)")
        #expect(logged.json["loggedSegment"]?["entryNo"]?.number == 2)
        #expect(logged.json["followUpSegmentNo"]?.string == "FU001")
        #expect(try await api.get("/api/v1/segments/FU001/lines").json["items"]?.array?.count == 3)
    }

    @Test func rollingBackARunTakesTheFollowUpSegmentItCreated() async throws {
        try await withAPI { api, services in
            try await LogRollbackTests().seed(api)
            let before = try await DatabaseSnapshot.read(services)
            try await logWithFollowUp(api)

            let preview = try await api.get("/api/v1/logged-segments/2/rollback")
            #expect(preview.status == 200, "\(preview.text)")
            #expect(preview.json["followUpSegmentNo"]?.string == "FU001")
            let rolledBack = try await api.post("/api/v1/logged-segments/2/rollback", "{}")
            #expect(rolledBack.status == 200, "\(rolledBack.text)")
            #expect(rolledBack.json["followUpSegmentDeleted"]?.string == "FU001")
            #expect(rolledBack.json["entriesDeleted"]?.number == 3)
            #expect(try await api.get("/api/v1/segments/FU001").status == 404)
            #expect(try await api.get("/api/v1/segments/S1").status == 200)

            var after = try await DatabaseSnapshot.read(services)
            let rollbacks = after.discountRollback(
                of: 2,
                advanced: ["logged_segment": 1, "interaction_log_entry": 3, "campaign_entry": 1, "audit_entry": 1])
            #expect(rollbacks.count == 1)
            #expect(rollbacks.first?.contains { $0.textValue?.contains("FU001") == true } == true)
            // The segment number series stays advanced too.
            let series = after.tables["number_series"] ?? []
            #expect(series != before.tables["number_series"] ?? [])
            #expect(series.contains { $0.contains(.text("FU001")) })
            after.tables["number_series"] = before.tables["number_series"]
            let differences = after.differences(from: before)
            #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
        }
    }

    @Test func aFollowUpSegmentLoggedSinceMustBeRolledBackFirst() async throws {
        try await withAPI { api, _ in
            try await LogRollbackTests().seed(api)
            try await logWithFollowUp(api)
            expectSuccess(try await api.patch("/api/v1/segments/FU001", #"{"interactionTemplateCode": "LETTER"}"#))
            let followUpLogged = try await api.post("/api/v1/segments/FU001/log", "{}")
            #expect(followUpLogged.status == 201, "\(followUpLogged.text)")
            #expect(followUpLogged.json["loggedSegment"]?["entryNo"]?.number == 3)

            for refused in [
                try await api.get("/api/v1/logged-segments/2/rollback"),
                try await api.post("/api/v1/logged-segments/2/rollback", "{}"),
            ] {
                #expect(refused.status == 409, "\(refused.text)")
                #expect(refused.json["error"]?["code"]?.string == "conflict")
                #expect(refused.json["error"]?["message"]?.string?.contains("logged segment 3") == true)
            }
            #expect(try await api.get("/api/v1/interaction-log-entries?limit=100").json["items"]?.array?.count == 7)

            let followUpBack = try await api.post("/api/v1/logged-segments/3/rollback", "{}")
            #expect(followUpBack.status == 200, "\(followUpBack.text)")
            #expect(followUpBack.json["segmentNo"]?.string == "FU001")
            let rolledBack = try await api.post("/api/v1/logged-segments/2/rollback", "{}")
            #expect(rolledBack.status == 200, "\(rolledBack.text)")
            #expect(rolledBack.json["followUpSegmentDeleted"]?.string == "FU001")
            #expect(try await api.get("/api/v1/segments/FU001").status == 404)
            // S0's entry is all that is left.
            #expect(try await api.get("/api/v1/interaction-log-entries?limit=100").json["items"]?.array?.count == 1)
        }
    }
}
