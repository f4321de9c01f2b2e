import RapportCore
import Testing

@testable import RapportServer

/// The web pages of the interaction log as a record (issue 11, item 6).
@Suite("Interaction pages")
struct InteractionPagesTests {
    @Test func aMarketerRecordsACallAndAnInteractionFromTheContactCardAndEvaluatesItLater() async throws {
        try await withAPI { api, _ in
            try await seedLoggableSegment(api)
            #expect(
                try await api.post("/api/v1/interaction-templates", #"{"code": "CALL", "description": "Call"}"#).status
                    == 201)
            var browser = try await signedIn(api, role: "marketer")
            var card = try await browser.request(.get, "/contacts/P21")
            #expect(card.status == 200)
            #expect(card.html.contains("id=\"record-interaction\""))
            #expect(card.html.contains("id=\"record-call\""))

            // Without a phone-call template in setup the card says so next to nothing it cannot show.
            let refused = try await browser.submit("/contacts/P21/phone-calls", ["attemptFailed": "true"])
            #expect(refused.status == 422)
            #expect(refused.html.contains("phoneCallTemplateCode"))
            #expect(try await api.patch("/api/v1/setup", #"{"phoneCallTemplateCode": "CALL"}"#).status == 200)
            card = try await browser.submit(
                "/contacts/P21/phone-calls",
                ["attemptFailed": "true", "contactVia": "+44 7700 900123", "comment": "No answer"])
            #expect(card.status == 200)
            #expect(card.notice == "Phone call 1 was recorded.")

            let wrongTime = try await browser.submit(
                "/contacts/P21/interactions", ["interactionTemplateCode": "LETTER", "timeOfInteraction": "7 o'clock"])
            #expect(wrongTime.status == 422)
            #expect(wrongTime.html.contains("aria-invalid=\"true\""))
            #expect(wrongTime.html.contains("value=\"7 o&#39;clock\""), "what was typed is kept")
            card = try await browser.submit(
                "/contacts/P21/interactions",
                ["interactionTemplateCode": "LETTER", "timeOfInteraction": "10:15", "evaluation": "neutral"])
            #expect(card.notice == "Interaction 2 was recorded.")
            #expect(card.html.contains("href=\"/interaction-log-entries/2\""))
            let history = card.html[card.html.range(of: "<table id=\"history\"")!.lowerBound...]
            #expect(!history.contains("></a>"), "no empty link in the history")

            let entryPage = try await browser.request(.get, "/interaction-log-entries/1")
            #expect(entryPage.status == 200)
            #expect(entryPage.html.contains("No answer"))
            let saved = try await browser.submit(
                "/interaction-log-entries/1",
                ["evaluation": "negative", "description": "Call", "comments": "No answer\nTry Friday"])
            #expect(saved.notice == "Entry 1 was saved.")
            let entry = try await api.get("/api/v1/interaction-log-entries/1").json
            #expect(entry["evaluation"]?.string == "negative")
            #expect(entry["comments"]?.array?.map { $0["text"]?.string } == ["No answer", "Try Friday"])
            #expect(entry["modifiedBy"]?.string == "MARY")
        }
    }

    @Test func anAdminDeletesTheCanceledEntriesTheFiltersShow() async throws {
        try await withAPI { api, _ in
            try await seedLoggableSegment(api)
            #expect(try await api.post("/api/v1/segments/S1/log", "{}").status == 201)
            #expect(
                try await api.post("/api/v1/interaction-log-entries/1/cancel", #"{"canceled": true}"#).status == 200)
            #expect(
                try await api.post("/api/v1/interaction-log-entries/3/cancel", #"{"canceled": true}"#).status == 200)
            var marketer = try await signedIn(api, role: "marketer")
            #expect(
                !(try await marketer.request(.get, "/interaction-log-entries").html.contains("delete-canceled-entries"))
            )
            var admin = try await signedIn(api, role: "admin", userId: "ANNA")
            let list = try await admin.request(.get, "/interaction-log-entries?contactNo=C1")
            #expect(list.html.contains("id=\"delete-canceled-entries\""))
            let done = try await admin.submit("/interaction-log-entries/delete-canceled", ["contactNo": "C1"])
            #expect(done.notice == "1 canceled interaction log entries were deleted.")
            let left = try await api.get("/api/v1/interaction-log-entries").json["items"]?.array ?? []
            #expect(left.map { $0["entryNo"]?.number } == [2, 3])
        }
    }
}
