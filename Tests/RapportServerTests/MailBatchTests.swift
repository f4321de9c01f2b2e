import Foundation
import RapportCore
import RapportStorage
import Testing

@testable import RapportServer

/// E-mails sent in batches: over several connections at once, their "committed" marks and confirmations written
/// together, the next batch claimed while one goes out. Each e-mail goes out exactly once in normal running; a
/// crash leaves at most the messages in flight unconfirmed, shown as errors and never sent again on their own.
@Suite("E-mail batches")
struct MailBatchTests {
    @Test func theNumberOfConnectionsIsReadFromTheEnvironment() throws {
        #expect(try ServicesConfiguration.fromEnvironment([:]).smtpConnections == 16)
        #expect(try ServicesConfiguration.fromEnvironment(["RAPPORT_SMTP_CONNECTIONS": "3"]).smtpConnections == 3)
        for refused in ["0", "65", "many", "-1"] {
            #expect {
                try ServicesConfiguration.fromEnvironment(["RAPPORT_SMTP_CONNECTIONS": refused])
            } throws: { error in
                (error as? RapportError)?.message.contains("RAPPORT_SMTP_CONNECTIONS must be a whole number") == true
            }
        }
    }

    @Test func aClaimReturnsOnlyTheEntriesItAddsNotThoseTheWorkerHoldsAlready() async throws {
        let sink = try await SMTPSinkProcess.start(extra: ["--pipelining"])
        defer { sink.stop() }
        try await withAPI { api, services in
            try await DeliveryTests().logWithSend(api, sink: sink, allEmail: true)
            // The worker claims the next batch while the first is under way: the first is not handed out again.
            let first = try await services.deliveryQueue.claim(worker: "w", limit: 1)
            let second = try await services.deliveryQueue.claim(worker: "w", limit: 10)
            let third = try await services.deliveryQueue.claim(worker: "w", limit: 10)
            #expect(first.map(\.entryNo) == [1])
            #expect(second.map(\.entryNo) == [2, 3])
            #expect(third.isEmpty)
        }
    }

    @Test func aMessageCommittedButNotConfirmedWhenItsWorkerDiesIsAnUnconfirmedErrorNeverSentAgainOnItsOwn()
        async throws
    {
        let sink = try await SMTPSinkProcess.start(extra: ["--pipelining"])
        defer { sink.stop() }
        try await withAPI { api, services in
            try await DeliveryTests().logWithSend(api, sink: sink, allEmail: true)
            let claimed = try await services.deliveryQueue.claim(worker: "dead-process", limit: 10)
            #expect(claimed.map(\.entryNo) == [1, 2, 3])
            // Entries 1 and 3 reached their final dots on two connections and were marked in one write; the server
            // answered entry 1's dot and the next write recorded it sent; then the process died before entry 3's
            // answer was recorded. Entry 2 never reached its dot.
            try await services.deliveryQueue.commitMessages([1, 3], worker: "dead-process")
            try await services.deliveryQueue.commit([], confirming: [(1, nil)], worker: "dead-process")
            // While the worker beats nothing is recovered; once silent, its claims are.
            #expect(try await services.deliveryQueue.recoverAbandoned(silentSince: Date().addingTimeInterval(-60)) == 0)
            let recovered = try await services.deliveryQueue.recoverAbandoned(
                silentSince: Date().addingTimeInterval(60))
            #expect(recovered == 2)
            var entries = try await api.get("/api/v1/interaction-log-entries").json["items"]?.array ?? []
            #expect(entries.map { $0["deliveryStatus"]?.string } == ["sent", "pending", "error"])
            let unconfirmed = try await api.get("/api/v1/interaction-log-entries/3")
            #expect(unconfirmed.status == 200)
            #expect(unconfirmed.json["deliveryError"]?.string == DeliveryQueue.unconfirmedMessage)
            #expect(
                DeliveryQueue.unconfirmedMessage.hasPrefix(
                    "Unconfirmed: the server stopped after handing this e-mail to the mail server"))
            var logged = try await api.get("/api/v1/logged-segments/1")
            #expect(logged.status == 200)
            #expect(logged.json["deliveries"]?["sent"]?.number == 1)
            #expect(logged.json["deliveries"]?["pending"]?.number == 1)
            #expect(logged.json["deliveries"]?["error"]?.number == 1)
            // Only entry 2 goes out: the unconfirmed entry 3 is not claimed again, nor the confirmed entry 1.
            #expect(await services.delivery.deliverPending() == 1)
            #expect(await services.delivery.deliverPending() == 0)
            #expect(try sink.messageIDs() == ["<entry-2@rapport>"])
            // Resending the logged segment's errors sends entry 3 deliberately.
            let resent = try await api.post("/api/v1/logged-segments/1/resend", "{}")
            #expect(resent.status == 200)
            #expect(resent.json["queued"]?.number == 1)
            #expect(await services.delivery.deliverPending() == 1)
            #expect(try sink.messageIDs().sorted() == ["<entry-2@rapport>", "<entry-3@rapport>"])
            entries = try await api.get("/api/v1/interaction-log-entries").json["items"]?.array ?? []
            #expect(entries.map { $0["deliveryStatus"]?.string } == ["sent", "sent", "sent"])
            #expect(try await api.get("/api/v1/interaction-log-entries/3").json["deliveryError"]?.string == "")
            logged = try await api.get("/api/v1/logged-segments/1")
            #expect(logged.json["deliveries"]?["sent"]?.number == 3)
            #expect(logged.json["deliveries"]?["error"]?.number == 0)
        }
    }

    @Test func aBatchOverSeveralPipelinedConnectionsSendsEachMessageOnce() async throws {
        let sink = try await SMTPSinkProcess.start(extra: ["--pipelining"])
        defer { sink.stop() }
        try await withAPI { api, services in
            try await DeliveryTests().logWithSend(api, sink: sink, allEmail: true)
            // Two connections for three messages: one connection sends two, its first dot answered with the second
            // message's commands.
            let worker = DeliveryWorker(store: services.store, mailConnections: 2)
            #expect(await worker.deliverPending() == 3)
            #expect(try sink.messageIDs().sorted() == ["<entry-1@rapport>", "<entry-2@rapport>", "<entry-3@rapport>"])
            // Every message is confirmed after its answer: a recovery, were the worker dead, finds nothing
            // committed and unconfirmed (nor anything still claimed).
            #expect(try await services.deliveryQueue.recoverAbandoned(silentSince: Date().addingTimeInterval(60)) == 0)
            let entries = try await api.get("/api/v1/interaction-log-entries").json["items"]?.array ?? []
            #expect(entries.map { $0["deliveryStatus"]?.string } == ["sent", "sent", "sent"])
            #expect(await worker.deliverPending() == 0)
            #expect(try sink.messageIDs().count == 3)
        }
    }
}
