import Foundation
import RapportCore
import Testing

@testable import RapportServer

/// E-mails sent in batches: over several connections at once, their "committed" marks written together, the next
/// batch claimed while one goes out. Each e-mail still goes out exactly once.
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

    @Test func messagesCommittedTogetherCountAsSentWhenTheirWorkerDies() async throws {
        let sink = try await SMTPSinkProcess.start(extra: ["--pipelining"])
        defer { sink.stop() }
        try await withAPI { api, services in
            try await DeliveryTests().logWithSend(api, sink: sink, allEmail: true)
            let claimed = try await services.deliveryQueue.claim(worker: "dead-process", limit: 10)
            #expect(claimed.map(\.entryNo) == [1, 2, 3])
            // Entries 1 and 3 reached their final dots on two connections and were marked in one write; then the
            // process died.
            try await services.deliveryQueue.commitMessages([1, 3], worker: "dead-process")
            let recovered = try await services.deliveryQueue.recoverAbandoned(
                silentSince: Date().addingTimeInterval(60))
            #expect(recovered == 3)
            let entries = try await api.get("/api/v1/interaction-log-entries").json["items"]?.array ?? []
            #expect(entries.map { $0["deliveryStatus"]?.string } == ["sent", "pending", "sent"])
            // Only entry 2 goes out again.
            #expect(await services.delivery.deliverPending() == 1)
            #expect(try sink.messageIDs() == ["<entry-2@rapport>"])
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
            let entries = try await api.get("/api/v1/interaction-log-entries").json["items"]?.array ?? []
            #expect(entries.map { $0["deliveryStatus"]?.string } == ["sent", "sent", "sent"])
            #expect(await worker.deliverPending() == 0)
            #expect(try sink.messageIDs().count == 3)
        }
    }
}
