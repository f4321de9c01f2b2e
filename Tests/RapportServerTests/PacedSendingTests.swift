import Foundation
import RapportCore
import RapportMail
import Testing

@testable import RapportServer

/// Rate limits counted in the database, a scheduled start, skipped recipients and one Message-ID per entry.
@Suite("Paced, scheduled sending")
struct PacedSendingTests {
    @Test func rateLimitsAreValidatedAndNullMeansUnlimited() async throws {
        try await withAPI { api, _ in
            for field in ["ratePerMinute", "ratePerHour", "ratePerDay"] {
                let refused = try await api.patch("/api/v1/setup", #"{"smtp": {"\#(field)": 0}}"#)
                #expect(refused.status == 422)
                #expect(refused.errorField == "smtp.\(field)")
            }
            let wrongType = try await api.patch("/api/v1/setup", #"{"smtp": {"ratePerHour": "many"}}"#)
            #expect(wrongType.errorField == "smtp.ratePerHour")
            let set = try await api.patch("/api/v1/setup", #"{"smtp": {"ratePerMinute": 120, "ratePerDay": 5000}}"#)
            expectSuccess(set)
            #expect(set.json["smtp"]?["ratePerMinute"]?.number == 120)
            #expect(set.json["smtp"]?["ratePerHour"] == .null)
            #expect(set.json["smtp"]?["ratePerDay"]?.number == 5000)
            // The setup page sends a blank limit as null.
            expectSuccess(try await api.post("/api/v1/salespeople", #"{"code": "JO", "name": "Jo"}"#))
            var admin = try await signedIn(api, role: "admin", userId: "ANN")
            let page = try await admin.submit("/setup", ["smtp.ratePerMinute": " ", "smtp.ratePerHour": ""])
            #expect(page.notice == "The setup was saved.")
            #expect(try await api.get("/api/v1/setup").json["smtp"]?["ratePerDay"]?.number == 5000)
            #expect(page.html.contains(#"name="smtp.ratePerDay""#))
            expectSuccess(try await api.patch("/api/v1/setup", #"{"smtp": {"ratePerMinute": 120}}"#))
            let cleared = try await api.patch("/api/v1/setup", #"{"smtp": {"ratePerMinute": null}}"#)
            expectSuccess(cleared)
            #expect(cleared.json["smtp"]?["ratePerMinute"] == .null)
            #expect(cleared.json["smtp"]?["ratePerDay"]?.number == 5000)
        }
    }

    @Test func theRateIsOneBudgetForEveryWorkerOnTheDatabase() async throws {
        let sink = try await SMTPSinkProcess.start()
        defer { sink.stop() }
        try await withAPI { api, services in
            // Two a minute: one slot every 30 s, whichever worker asks.
            try await DeliveryTests().logWithSend(api, sink: sink, allEmail: true)
            expectSuccess(try await api.patch("/api/v1/setup", #"{"smtp": {"ratePerMinute": 2}}"#))
            let queue = services.deliveryQueue
            // A whole second, so the 30 s steps below land exactly on the slot grid.
            let start = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
            #expect(try await queue.claim(worker: "a", limit: 10, now: start).map(\.entryNo) == [1])
            #expect(try await queue.claim(worker: "b", limit: 10, now: start).isEmpty)
            #expect(try await queue.claim(worker: "b", limit: 10, now: start.addingTimeInterval(29)).isEmpty)
            let wait = try #require(try await queue.nextSlotWait(now: start.addingTimeInterval(29)))
            #expect(abs(wait - 1) < 0.01)
            // (A claim returns all the worker's unfinished claims: each step is a new worker.)
            #expect(
                try await queue.claim(worker: "c", limit: 10, now: start.addingTimeInterval(30)).map(\.entryNo) == [2])
            #expect(try await queue.claim(worker: "d", limit: 10, now: start.addingTimeInterval(45)).isEmpty)
            #expect(
                try await queue.claim(worker: "e", limit: 10, now: start.addingTimeInterval(60)).map(\.entryNo) == [3])
        }
    }

    @Test func deliveriesWaitForSendAtAndTheLoggedSegmentShowsTheNextSlotAndFinish() async throws {
        let sink = try await SMTPSinkProcess.start()
        defer { sink.stop() }
        try await withAPI { api, services in
            let sendAt = "2030-01-02T09:00:00Z"
            expectSuccess(try await api.patch("/api/v1/setup", #"{"smtp": {"ratePerHour": 60}}"#))
            try await DeliveryTests().logWithSend(
                api, sink: sink, allEmail: true, body: #"{"send": true, "sendAt": "\#(sendAt)"}"#)
            var logged = try await api.get("/api/v1/logged-segments/1").json
            #expect(logged["deliveries"]?["sendAt"]?.string == sendAt)
            #expect(logged["deliveries"]?["next"]?.string == sendAt)
            // Three e-mails a minute apart: the last goes two minutes after the first.
            #expect(logged["deliveries"]?["estimatedFinish"]?.string == "2030-01-02T09:02:00Z")
            #expect(await services.delivery.deliverPending() == 0)
            let due = try #require(try? Date(sendAt, strategy: .iso8601))
            #expect(await services.delivery.deliverPending(now: due) == 1)
            logged = try await api.get("/api/v1/logged-segments/1").json
            #expect(logged["deliveries"]?["sent"]?.number == 1)
            #expect(logged["deliveries"]?["pending"]?.number == 2)
            #expect(logged["deliveries"]?["next"]?.string == "2030-01-02T09:01:00Z")
            #expect(logged["deliveries"]?["estimatedFinish"]?.string == "2030-01-02T09:02:00Z")
            #expect(try sink.messageIDs() == ["<entry-1@rapport>"])
            var browser = try await signedIn(api, role: "viewer")
            let page = try await browser.request(.get, "/logged-segments/1")
            #expect(page.text(id: "deliveries") == "Deliveries: 1 sent, 2 pending, 0 failed, 0 skipped.")
            #expect(page.html.contains(#"Scheduled start: <time datetime="2030-01-02T09:00:00Z">"#))
            #expect(
                page.html.contains(
                    #"Next send slot: <time datetime="2030-01-02T09:01:00Z">2030-01-02T09:01:00Z</time>; "#
                        + #"estimated finish: <time datetime="2030-01-02T09:02:00Z">"#))
            let refused = try await api.post("/api/v1/segments/S9/log", #"{"send": true, "sendAt": "tomorrow"}"#)
            #expect(refused.status == 422)
            #expect(refused.errorField == "sendAt")
        }
    }

    /// The worker records a batch sent in one commit and refreshes the run's progress in the next: a read between
    /// the two must not show a next slot for a run with nothing left to send.
    @Test func aRunWithNothingPendingShowsNoNextSlotEvenBeforeItsProgressIsRefreshed() async throws {
        let sink = try await SMTPSinkProcess.start()
        defer { sink.stop() }
        try await withAPI { api, services in
            try await DeliveryTests().logWithSend(api, sink: sink, allEmail: true)
            let queue = services.deliveryQueue
            #expect(try await queue.claim(worker: "w", limit: 10).map(\.entryNo) == [1, 2, 3])
            var logged = try await api.get("/api/v1/logged-segments/1").json
            #expect(logged["deliveries"]?["pending"]?.number == 3)
            #expect(logged["deliveries"]?["next"]?.string != nil)
            #expect(logged["deliveries"]?["estimatedFinish"]?.string != nil)
            try await queue.commit([], confirming: [(1, nil), (2, nil), (3, nil)], worker: "w")
            logged = try await api.get("/api/v1/logged-segments/1").json
            #expect(logged["deliveries"]?["sent"]?.number == 3)
            #expect(logged["deliveries"]?["pending"]?.number == 0)
            #expect(logged["deliveries"]?["next"] == .null)
            #expect(logged["deliveries"]?["estimatedFinish"] == .null)
            var browser = try await signedIn(api, role: "viewer")
            let page = try await browser.request(.get, "/logged-segments/1")
            #expect(page.text(id: "deliveries") == "Deliveries: 3 sent, 0 pending, 0 failed, 0 skipped.")
            #expect(!page.html.contains("Next send slot"))
        }
    }

    @Test func excludedContactsAndHardBouncedAddressesAreSkippedWithTheReason() async throws {
        let sink = try await SMTPSinkProcess.start()
        defer { sink.stop() }
        try await withAPI { api, services in
            // The first run bounces P21's address (550).
            try await DeliveryTests().logWithSend(api, sink: sink)
            #expect(await services.delivery.deliverPending() == 3)
            // A second run to the same contacts: C1 is excluded from segments after logging it.
            try await api.segment("M2", #""description": "Again", "interactionTemplateCode": "LETTER""#)
            expectSuccess(try await api.addContacts("M2", #"{"filters": {"contact": {"no": "C1|P21"}}}"#))
            expectSuccess(
                try await api.patch(
                    "/api/v1/segments/M2",
                    #"{"correspondenceTypeDefault": "email", "ignoreContactCorrespondenceType": true}"#))
            for line in ["10000", "20000"] {
                expectSuccess(
                    try await api.patch("/api/v1/segments/M2/lines/\(line)", #"{"correspondenceType": "email"}"#))
            }
            expectSuccess(try await api.post("/api/v1/segments/M2/log", #"{"send": true}"#))
            expectSuccess(try await api.patch("/api/v1/contacts/C1", #"{"excludeFromSegment": true}"#))
            #expect(await services.delivery.deliverPending() == 0)
            let entries =
                try await api.get("/api/v1/interaction-log-entries?loggedSegmentEntryNo=2").json["items"]?
                .array ?? []
            #expect(entries.map { $0["contactNo"]?.string } == ["C1", "P21"])
            #expect(entries.map { $0["deliveryStatus"] } == [.null, .null])
            #expect(
                entries[0]["deliverySkipReason"]?.string == #"Skipped: the contact is marked "exclude from segment"."#)
            #expect(
                entries[1]["deliverySkipReason"]?.string?.hasPrefix("Skipped: the address bounced hard (550") == true)
            let logged = try await api.get("/api/v1/logged-segments/2").json
            #expect(logged["deliveries"]?["skipped"]?.number == 2)
            #expect(logged["deliveries"]?["pending"]?.number == 0)
            #expect(logged["deliveries"]?["next"] == .null)
            #expect(try sink.messageIDs() == ["<entry-1@rapport>"])
            var browser = try await signedIn(api, role: "viewer")
            let page = try await browser.request(.get, "/logged-segments/2")
            #expect(page.text(id: "deliveries") == "Deliveries: 0 sent, 0 pending, 0 failed, 2 skipped.")
            #expect(page.html.contains(#"<span class="skip-reason">Skipped: the contact is marked &quot;exclude"#))
        }
    }

    @Test func theOpenAPIDocumentDescribesTheNewFields() async throws {
        try await withAPI { api, _ in
            let yaml = try await api.acting(as: nil).get("/openapi.yaml").text
            for name in [
                #""ratePerMinute":"#, #""ratePerHour":"#, #""ratePerDay":"#, #""sendAt":"#, #""next":"#,
                #""estimatedFinish":"#, #""skipped":"#, #""deliverySkipReason":"#,
            ] {
                #expect(yaml.contains(name), "\(name) is not in /openapi.yaml")
            }
        }
    }

    @Test func oneConnectionCarriesManyMessagesPipelinedAndARefusalLeavesItUsable() async throws {
        let sink = try await SMTPSinkProcess.start(extra: ["--pipelining"])
        defer { sink.stop() }
        let settings = SMTPSettings(host: "127.0.0.1", port: sink.port, security: .none)
        var refusal: SMTPError?
        let pipelined = try await SMTPClient.withConnection(settings) { connection in
            for (index, recipient) in ["a@example.com", "refuse@example.com", "b@example.com"].enumerated() {
                let message = MailMessage(
                    from: "news@rapport.example", to: recipient, subject: "No \(index)", html: "<p>Hi</p>", text: "Hi")
                let bytes = MIME.render(message, messageID: "m\(index)@rapport")
                do {
                    try await connection.send(bytes, from: "news@rapport.example", to: recipient)
                } catch let error as SMTPError {
                    refusal = error
                }
            }
            return connection.isPipelining
        }
        #expect(pipelined)
        #expect(refusal?.code == 550)
        #expect(try sink.messageIDs() == ["<m0@rapport>", "<m2@rapport>"])
        let receipts = try String(contentsOfFile: sink.folder + "/receipts.log", encoding: .utf8)
        #expect(Set(receipts.split(separator: "\n").map { $0.split(separator: " ")[2] }).count == 1)
    }
}
