import Foundation
import RapportCore
import Testing

@testable import RapportServer
@testable import RapportStorage

/// Frozen e-mail (issue 11, item 1): an e-mail entry's body, subject and recipient are fixed when it is
/// logged, like its document; delivery and resend use exactly those, whatever is edited afterwards, and a
/// run stores its body once.
@Suite("Frozen e-mail")
struct FrozenEmailTests {
    /// What a user might change after Log: the template's e-mail body, the contact's address and name.
    func editEverythingTheEmailWasMadeFrom(_ api: API) async throws {
        expectSuccess(
            try await api.call(
                .put, "/api/v1/interaction-templates/LETTER/languages/ENU/email-body",
                "<p>Changed {{ContactName}}</p>", contentType: "text/html"))
        expectSuccess(
            try await api.patch("/api/v1/contacts/C1", #"{"email": "moved@example.com", "name": "Renamed Ltd"}"#))
    }

    func count(_ table: String, _ services: RapportServices) async throws -> Int64? {
        try await services.store.read { try $0.scalar("SELECT COUNT(*) FROM \(table)")?.intValue }
    }

    @Test func deliveryAndResendSendTheBodyAndAddressFrozenAtLog() async throws {
        let sink = try await SMTPSinkProcess.start()
        defer { sink.stop() }
        try await withAPI { api, services in
            try await DeliveryTests().logWithSend(api, sink: sink)
            // Two e-mail entries share the run's one body.
            #expect(try await count("email_body_blob", services) == 1)
            try await editEverythingTheEmailWasMadeFrom(api)
            #expect(await services.delivery.deliverPending() == 3)

            let first = try #require(try sink.messages().first)
            #expect(first.contains("X-Envelope-To: alpha@example.com"))
            #expect(!first.contains("moved@example.com"))
            #expect(first.contains("Subject: =?UTF-8?B?"))
            let html = try #require(DeliveryTests.decodedPart(first, type: "text/html"))
            #expect(html.contains("Dear Alpha &amp; &lt;Ørsted&gt; 🎉"))
            #expect(!html.contains("Changed"))

            // Resending every entry sends the same body to the same address again.
            let resent = try await api.post("/api/v1/logged-segments/1/resend", #"{"all": true}"#)
            #expect(resent.json["queued"]?.number == 3)
            // Entry 3's address was refused for good (550) the first time: it is skipped, with the reason.
            #expect(await services.delivery.deliverPending() == 2)
            let skipped = try await api.get("/api/v1/interaction-log-entries/3")
            #expect(skipped.json["deliverySkipReason"]?.string?.contains("bounced hard") == true, "\(skipped.text)")
            let messages = try sink.messages()
            #expect(messages.count == 2)
            let again = try #require(messages.last)
            #expect(again.contains("X-Envelope-To: alpha@example.com"))
            #expect(DeliveryTests.decodedPart(again, type: "text/html") == html)
            #expect(try await count("email_body_blob", services) == 1)
        }
    }

    @Test func aQueuedSingleInteractionKeepsTheBodyAndAddressItWasCreatedWith() async throws {
        let sink = try await SMTPSinkProcess.start()
        defer { sink.stop() }
        try await withAPI { api, services in
            // The delivery set-up of a logged run (template body, addresses, SMTP), then one interaction.
            try await DeliveryTests().logWithSend(api, sink: sink)
            #expect(await services.delivery.deliverPending() == 3)
            let sentBefore = try sink.messages().count
            let created = try await api.post(
                "/api/v1/contacts/C1/interactions",
                #"{"interactionTemplateCode": "LETTER", "correspondenceType": "email", "subject": "Hello", "send": true}"#
            )
            #expect(created.status == 201, "\(created.text)")
            #expect(created.json["deliveryStatus"]?.string == "pending")
            try await editEverythingTheEmailWasMadeFrom(api)
            #expect(await services.delivery.deliverPending() == 1)

            let messages = try sink.messages()
            #expect(messages.count == sentBefore + 1)
            let mail = try #require(messages.last)
            #expect(mail.contains("X-Envelope-To: alpha@example.com"))
            let html = try #require(DeliveryTests.decodedPart(mail, type: "text/html"))
            #expect(html.contains("Dear Alpha"))
            #expect(!html.contains("Changed"))
            // The single interaction pinned the body the run had stored: still one copy.
            #expect(try await count("email_body_blob", services) == 1)
        }
    }

    @Test func anEmailLoggedWithoutABodyStaysWithoutOne() async throws {
        let sink = try await SMTPSinkProcess.start()
        defer { sink.stop() }
        try await withAPI { api, services in
            try await DeliveryTests().logWithSend(api, sink: sink)
            expectSuccess(
                try await api.call(.delete, "/api/v1/interaction-templates/LETTER/languages/ENU/email-body", ""))
            let created = try await api.post(
                "/api/v1/contacts/C1/interactions",
                #"{"interactionTemplateCode": "LETTER", "correspondenceType": "email", "send": true}"#)
            #expect(created.status == 201, "\(created.text)")
            // A body given to the template afterwards does not reach the queued e-mail.
            expectSuccess(
                try await api.call(
                    .put, "/api/v1/interaction-templates/LETTER/languages/ENU/email-body",
                    "<p>Added later</p>", contentType: "text/html"))
            #expect(await services.delivery.deliverPending() == 4)
            // The run's e-mail and the interaction's go out (in either order), both to C1's logged address.
            let messages = try sink.messages()
            #expect(messages.count == 2)
            #expect(messages.allSatisfy { $0.contains("X-Envelope-To: alpha@example.com") })
            let bodies = messages.compactMap { DeliveryTests.decodedPart($0, type: "text/html") }
            #expect(bodies.filter { $0.contains("The document is attached.") }.count == 1)
            #expect(bodies.filter { $0.contains("Dear Alpha") }.count == 1)
            #expect(!bodies.contains { $0.contains("Added later") })
            #expect(try await count("email_body_blob", services) == 2)
        }
    }
}
