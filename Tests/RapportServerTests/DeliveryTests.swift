import Foundation
import RapportCore
import RapportDocuments
import RapportStorage
import Testing

@testable import RapportServer

@Suite("Delivery")
struct DeliveryTests {
    /// A logged segment of C1, P11, P21 with a Word document; P21's address is refused by the server.
    /// With `allEmail`, every line is an e-mail and none is refused; `body` is the Log's body.
    func logWithSend(
        _ api: API, sink: SMTPSinkProcess, allEmail: Bool = false, body: String = #"{"send": true}"#
    ) async throws {
        try await seedLoggableSegment(api)
        expectSuccess(
            try await api.patch(
                "/api/v1/setup",
                #"{"smtp": {"host": "127.0.0.1", "port": \#(sink.port), "fromAddress": "news@rapport.example"}}"#))
        expectSuccess(
            try await api.put("/api/v1/interaction-templates/LETTER/languages/ENU", #"{"description": "Letter"}"#))
        expectSuccess(try await api.patch("/api/v1/interaction-templates/LETTER", #"{"languageCodeDefault": "ENU"}"#))
        expectSuccess(
            try await api.uploadBytes(
                "/api/v1/interaction-templates/LETTER/languages/ENU/document", try letterDocx(fields: ["ContactName"])))
        expectSuccess(
            try await api.call(
                .put, "/api/v1/interaction-templates/LETTER/languages/ENU/email-body",
                "<p>Dear {{ContactName}}</p>", contentType: "text/html"))
        expectSuccess(
            try await api.patch(
                "/api/v1/contacts/C1", #"{"email": "alpha@example.com", "name": "Alpha & <Ørsted> 🎉"}"#))
        expectSuccess(try await api.patch("/api/v1/contacts/P11", #"{"email": "anna@example.com"}"#))
        let cleo = allEmail ? "cleo@example.com" : "refuse-cleo@example.com"
        expectSuccess(try await api.patch("/api/v1/contacts/P21", #"{"email": "\#(cleo)"}"#))
        try await api.segment(
            "M1",
            #""description": "Spring news", "subjectDefault": "Spring ☀️", "interactionTemplateCode": "LETTER", "salespersonCode": "JO""#
        )
        try await api.addContacts("M1", #"{"filters": {"contact": {"no": "C1|P11|P21"}}}"#)
        expectSuccess(
            try await api.patch(
                "/api/v1/segments/M1",
                #"{"correspondenceTypeDefault": "email", "ignoreContactCorrespondenceType": true, "sendWordDocsAsAttachment": true}"#
            ))
        expectSuccess(try await api.patch("/api/v1/segments/M1/lines/10000", #"{"correspondenceType": "email"}"#))
        let second = allEmail ? "email" : "hardCopy"
        expectSuccess(
            try await api.patch("/api/v1/segments/M1/lines/20000", #"{"correspondenceType": "\#(second)"}"#))
        expectSuccess(try await api.patch("/api/v1/segments/M1/lines/30000", #"{"correspondenceType": "email"}"#))
        let logged = try await api.post("/api/v1/segments/M1/log", body)
        #expect(logged.status == 201, "\(logged.text)")
        #expect(logged.json["deliveries"]?["queued"]?.number == 3)
    }

    @Test func emailsGoOutHardCopiesAreStoredRefusalsCanBeResent() async throws {
        let sink = try await SMTPSinkProcess.start()
        defer { sink.stop() }
        try await withAPI { api, services in
            try await logWithSend(api, sink: sink)
            #expect(await services.delivery.deliverPending() == 3)
            #expect(await services.delivery.deliverPending() == 0)
            let entries = try await api.get("/api/v1/interaction-log-entries").json["items"]?.array ?? []
            #expect(entries.map { $0["deliveryStatus"]?.string } == ["sent", "sent", "error"])
            #expect(entries[2]["deliveryError"]?.string?.contains("550") == true)
            #expect(entries[1]["hasDocument"]?.bool == true)

            let messages = try sink.messages()
            #expect(messages.count == 1)
            let mail = try #require(messages.first)
            #expect(mail.contains("X-Envelope-To: alpha@example.com"))
            #expect(mail.contains("From: news@rapport.example"))
            #expect(mail.contains("Subject: =?UTF-8?B?"))
            let html = try #require(Self.decodedPart(mail, type: "text/html"))
            #expect(html.contains("Dear Alpha &amp; &lt;Ørsted&gt; 🎉"))

            // The segment asked for the Word document as an attachment: named after the subject, merged.
            #expect(mail.contains("filename*=UTF-8''Spring%20"))
            #expect(
                mail.contains("Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
            let stored = try await api.binary("/api/v1/interaction-log-entries/2/document")
            #expect(stored.status == 200)
            #expect(try part("word/document.xml", of: stored.bytes).contains("Anna"))

            // Resend: only the failed entry goes again, to the address it was logged with (frozen at Log:
            // the contact's new address is for interactions logged from now on).
            try await api.patch("/api/v1/contacts/P21", #"{"email": "cleo@example.com"}"#)
            let resent = try await api.post("/api/v1/logged-segments/1/resend", "{}")
            #expect(resent.json["queued"]?.number == 1)
            #expect(await services.delivery.deliverPending() == 1)
            #expect(try sink.messages().count == 1)
            let after = try await api.get("/api/v1/logged-segments/1").json["deliveries"]
            #expect(after?["sent"]?.number == 2)
            #expect(after?["error"]?.number == 1)
            let failed = try await api.get("/api/v1/interaction-log-entries/3").json
            #expect(failed["deliveryError"]?.string?.contains("550") == true)
            let archive = try await api.binary("/api/v1/logged-segments/1/documents")
            #expect(try ZIPReader(bytes: archive.bytes).entries.count == 3)
        }
    }

    @Test func pendingDeliveriesAreSentExactlyOnceAcrossWorkers() async throws {
        let sink = try await SMTPSinkProcess.start()
        defer { sink.stop() }
        try await withAPI { api, services in
            try await logWithSend(api, sink: sink)
            // Two workers (as two server processes would) race for the same queue.
            let other = DeliveryWorker(store: services.store)
            async let first = services.delivery.deliverPending()
            async let second = other.deliverPending()
            let handled = await first + second
            #expect(handled == 3)
            #expect(try sink.messages().count == 1)
            #expect(await services.delivery.deliverPending() == 0)
            #expect(try sink.messages().count == 1)
        }
    }
}

extension DeliveryTests {
    @Test(
        .enabled(
            if: RequiredTools.hasLibreOffice || RequiredTools.areRequired, "needs LibreOffice (soffice) to make the PDF"
        ))
    func aDeliveredLetterIsAlsoServedAsPDF() async throws {
        try #require(RequiredTools.hasLibreOffice, "soffice is not installed, and RAPPORT_REQUIRE_TOOLS=1 requires it")
        let sink = try await SMTPSinkProcess.start()
        defer { sink.stop() }
        try await withAPI { api, services in
            try await logWithSend(api, sink: sink)
            #expect(await services.delivery.deliverPending() == 3)
            let pdf = try await api.binary("/api/v1/interaction-log-entries/2/document?format=pdf")
            #expect(pdf.status == 200)
            #expect(pdf.bytes.starts(with: Array("%PDF".utf8)))
            #expect(pdf.headers.fields[.contentType] == "application/pdf")
        }
    }

    @Test func theClaimsOfADeadWorkerAreSentOnceAndAnUnconfirmedMessageIsNotSentAgain() async throws {
        let sink = try await SMTPSinkProcess.start()
        defer { sink.stop() }
        try await withAPI { api, services in
            try await logWithSend(api, sink: sink)
            // A process claims the entries (the e-mails one by one, the hard copy in a batch), gets entry 1's
            // message to its final dot, and dies.
            let claimed = try await services.deliveryQueue.claim(worker: "dead-process", limit: 10)
            let hardCopies = try await services.deliveryQueue.claimHardCopies(worker: "dead-process", limit: 10)
            #expect(claimed.map(\.entryNo) == [1, 3])
            #expect(hardCopies.letters.map(\.entryNo) == [2])
            try await services.deliveryQueue.commitMessage(1, worker: "dead-process")
            #expect(await services.delivery.deliverPending() == 0)
            // While it beats its claims are its own; once silent, they are recovered.
            #expect(try await services.deliveryQueue.recoverAbandoned(silentSince: Date().addingTimeInterval(-60)) == 0)
            let recovered = try await services.deliveryQueue.recoverAbandoned(
                silentSince: Date().addingTimeInterval(60))
            #expect(recovered == 3)
            var entries = try await api.get("/api/v1/interaction-log-entries").json["items"]?.array ?? []
            #expect(entries.map { $0["deliveryStatus"]?.string } == ["error", "pending", "pending"])
            #expect(await services.delivery.deliverPending() == 2)
            entries = try await api.get("/api/v1/interaction-log-entries").json["items"]?.array ?? []
            #expect(entries.map { $0["deliveryStatus"]?.string } == ["error", "sent", "error"])
            // Entry 1 is an unconfirmed error (the server may have its whole message), not sent again; entry 3's
            // address is refused.
            #expect(entries.first?["deliveryError"]?.string == DeliveryQueue.unconfirmedMessage)
            #expect(try sink.messages().isEmpty)
            #expect(try sink.messageIDs().isEmpty)
        }
    }

    @Test func claimsHandedBackByAStoppingWorkerAreDeliveredOnceByAnother() async throws {
        let sink = try await SMTPSinkProcess.start()
        defer { sink.stop() }
        try await withAPI { api, services in
            try await logWithSend(api, sink: sink)
            // A worker stopping gracefully claimed the entries but started none: it hands them back.
            let claimed =
                try await services.deliveryQueue.claim(worker: "stopping-worker", limit: 10).map(\.entryNo)
                + services.deliveryQueue.claimHardCopies(worker: "stopping-worker", limit: 10).letters.map(\.entryNo)
            #expect(claimed.sorted() == [1, 2, 3])
            #expect(await services.delivery.deliverPending() == 0)
            let released = try await services.deliveryQueue.release(claimed, worker: "stopping-worker")
            #expect(released == 3)
            // Another worker's entries, or entries no longer pending, are not touched.
            let again = try await services.deliveryQueue.release(claimed, worker: "someone-else")
            #expect(again == 0)
            #expect(await services.delivery.deliverPending() == 3)
            #expect(try sink.messages().count == 1)
            let none = try await services.deliveryQueue.release(claimed, worker: "stopping-worker")
            #expect(none == 0)
        }
    }

    @Test func aClaimReturnsOnlyTheEntriesItAddsToWhatTheWorkerHolds() async throws {
        let sink = try await SMTPSinkProcess.start()
        defer { sink.stop() }
        try await withAPI { api, services in
            try await logWithSend(api, sink: sink)
            // The worker claims its next batch while one goes out: the second claim hands over entry 3 alone, and
            // the one-by-one claims never take the batched hard copy (entry 2).
            let queue = services.deliveryQueue
            #expect(try await queue.claim(worker: "prefetching", limit: 1).map(\.entryNo) == [1])
            #expect(try await queue.claim(worker: "prefetching", limit: 10).map(\.entryNo) == [3])
            #expect(try await queue.claim(worker: "prefetching", limit: 10).isEmpty)
            #expect(try await queue.claimHardCopies(worker: "prefetching", limit: 10).letters.map(\.entryNo) == [2])
        }
    }

    /// The decoded body of one MIME part (base64) of a stored message.
    static func decodedPart(_ message: String, type: String) -> String? {
        guard let header = message.range(of: "Content-Type: \(type)") else { return nil }
        let rest = message[header.upperBound...]
        guard let start = rest.range(of: "\r\n\r\n") else { return nil }
        let body = rest[start.upperBound...].prefix { $0 != "-" }
        let base64 = body.replacingOccurrences(of: "\r\n", with: "")
        return Data(base64Encoded: base64).map { String(decoding: $0, as: UTF8.self) }
    }
}
