import Foundation
import RapportCore
import RapportDocuments
import Testing

@testable import RapportServer
@testable import RapportStorage

/// Segment S1 (C1, P11, P21) with its own Word document, its three lines hard copies, logged with Send and not
/// yet delivered.
func logHardCopies(_ api: API) async throws {
    try await seedLoggableSegment(api)
    let uploaded = try await api.uploadBytes("/api/v1/segments/S1/document", try letterDocx(fields: ["ContactName"]))
    #expect(uploaded.status == 201, "\(uploaded.text)")
    for line in [10000, 20000, 30000] {
        let mended = try await api.patch("/api/v1/segments/S1/lines/\(line)", #"{"correspondenceType": "hardCopy"}"#)
        #expect(mended.status == 200, "\(mended.text)")
    }
    let logged = try await api.post("/api/v1/segments/S1/log", #"{"send": true}"#)
    #expect(logged.status == 201, "\(logged.text)")
    #expect(logged.json["deliveries"]?["queued"]?.number == 3)
}

/// The entries' delivery statuses and errors, in entry order.
func deliveryStates(_ api: API) async throws -> [String] {
    try await api.get("/api/v1/interaction-log-entries").json["items"]?.array?.map {
        ($0["deliveryStatus"]?.string ?? "-") + ":" + ($0["deliveryError"]?.string ?? "")
    } ?? []
}

@Suite("Hard copies delivered in batches")
struct HardCopyDeliveryTests {
    @Test func aBatchIsClaimedWithItsMergeDataAndStoredInOneGo() async throws {
        try await withAPI { api, services in
            try await logHardCopies(api)
            let batch = try await services.deliveryQueue.claimHardCopies(worker: "test", limit: 10)
            #expect(batch.letters.map(\.entryNo) == [1, 2, 3])
            // One document for the three letters, read once.
            #expect(batch.documents.count == 1)
            #expect(Set(batch.letters.map(\.documentSHA256)) == Set(batch.documents.keys))
            #expect(batch.letters.map { $0.fields?.contact.no } == ["C1", "P11", "P21"])
            // Claimed: neither the batch claim nor the one-by-one claim takes them again.
            #expect(try await services.deliveryQueue.claimHardCopies(worker: "other", limit: 10).isEmpty)
            #expect(try await services.deliveryQueue.claim(worker: "other", limit: 10).isEmpty)

            let outcomes = await batch.merge(lanes: 2, timeLimit: .seconds(60))
            #expect(outcomes.map(\.entryNo) == [1, 2, 3])
            #expect(try await services.deliveryQueue.complete(batch, outcomes: outcomes, worker: "test") == 3)
            #expect(try await deliveryStates(api) == ["sent:", "sent:", "sent:"])
            var names: [String] = []
            for entry in 1...3 {
                let stored = try await api.binary("/api/v1/interaction-log-entries/\(entry)/document")
                #expect(stored.status == 200)
                names.append(try part("word/document.xml", of: stored.bytes))
            }
            #expect(names[0].contains("Alpha Ltd"))
            #expect(names[1].contains("Anna"))
            #expect(names[2].contains("Cleo"))
            #expect(await services.delivery.deliverPending() == 0)
        }
    }

    @Test func lettersNotStartedWithinTheTimeLimitGoBackToTheQueue() async throws {
        try await withAPI { api, services in
            try await logHardCopies(api)
            let batch = try await services.deliveryQueue.claimHardCopies(worker: "test", limit: 10)
            let outcomes = await batch.merge(lanes: 2, timeLimit: .zero)
            #expect(outcomes.map(\.entryNo) == [1, 2, 3])
            #expect(
                outcomes.allSatisfy {
                    if case .notStarted = $0.result { return true }
                    return false
                })
            try await services.deliveryQueue.complete(batch, outcomes: outcomes, worker: "test")
            #expect(try await deliveryStates(api) == ["pending:", "pending:", "pending:"])
            // Handed back unclaimed: the next round delivers them.
            #expect(await services.delivery.deliverPending() == 3)
            #expect(try await deliveryStates(api) == ["sent:", "sent:", "sent:"])
        }
    }

    @Test func aFrozenDocumentThatCannotBeMergedFailsItsLettersWithTheReason() async throws {
        try await withAPI { api, services in
            try await logHardCopies(api)
            try await services.store.write("spoil the frozen document") { connection in
                try connection.execute("UPDATE document_blob SET docx = ?", [.blob(Array("not a docx".utf8))])
            }
            #expect(await services.delivery.deliverPending() == 3)
            let states = try await deliveryStates(api)
            #expect(states.count == 3)
            #expect(states.allSatisfy { $0.hasPrefix("error:") && $0.count > "error:".count })
            #expect(try await api.get("/api/v1/logged-segments/1").json["deliveries"]?["error"]?.number == 3)
        }
    }

    @Test func aBatchLetterIsTheBytesTheOneByOnePathMergesForItsEntry() async throws {
        try await withAPI { api, services in
            try await logHardCopies(api)
            #expect(await services.delivery.deliverPending() == 3)
            // What the one-by-one path (`claim`, then `DeliveryWorker.deliver`) merges for the same entries, their
            // jobs read set-based in one call as a claim reads them, in the order asked.
            let jobs = try await services.store.read { connection in try DeliveryQueue.jobs([3, 1, 2], connection) }
            #expect(jobs.map(\.entryNo) == [3, 1, 2])
            let compiled = DeliveryWorker.compileDocuments(jobs)
            #expect(compiled.count == 1)
            for job in jobs {
                let stored = try await api.binary("/api/v1/interaction-log-entries/\(job.entryNo)/document")
                #expect(stored.status == 200)
                let template = try #require(job.template)
                #expect(try services.delivery.merge(template, job) == stored.bytes)
                let shared = try #require(job.documentKey.flatMap { compiled[$0] })
                #expect(try services.delivery.merge(template, job, compiled: shared) == stored.bytes)
            }
        }
    }

    @Test func aResentHardCopyIsStoredAgainWithTheSameBytes() async throws {
        try await withAPI { api, services in
            try await logHardCopies(api)
            #expect(await services.delivery.deliverPending() == 3)
            let first = try await api.binary("/api/v1/interaction-log-entries/2/document")
            #expect(
                try await api.post("/api/v1/logged-segments/1/resend", #"{"all": true}"#).json["queued"]?.number == 3)
            #expect(await services.delivery.deliverPending() == 3)
            let again = try await api.binary("/api/v1/interaction-log-entries/2/document")
            #expect(again.status == 200)
            #expect(again.bytes == first.bytes)
            #expect(try await deliveryStates(api) == ["sent:", "sent:", "sent:"])
        }
    }
}
