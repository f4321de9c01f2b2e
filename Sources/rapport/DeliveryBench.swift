import Foundation
import RapportCore
import RapportDemo
import RapportServer
import RapportStorage

/// Delivering hard copies end to end: a 100,000-line segment with the benchmark letter is logged with Send,
/// then a delivery worker claims, merges and stores every letter (timed until the queue is empty). Beside it,
/// the merge engine alone on the same letter and the same frozen values, with no database.
struct DeliveryBench {
    let services: RapportServices
    let report: BenchReport
    let backend: String
    /// Whether the logged segment and its letters are deleted once timed (`--delivery-only`): each run then starts
    /// from the database the last one found, instead of one 100,000 entries and letters larger (on PostgreSQL the
    /// claim, the store and the update to sent each ran 40-60% longer at 1.3M entries than at 0.6M).
    var forgetsAfterwards = false
    /// Runs before the timed delivery, untimed (`PostgresCheckpoint` on PostgreSQL).
    var beforeRun: @Sendable () -> Void = {}
    /// Letters per second end to end (issue 13).
    static let target = 5_000.0

    func run() async throws {
        let segment = try await BenchmarkFixtures.unloggedSegmentNo("SEG-D", store: services.store)
        say("Setting up \(segment) (100,000 hard copies with the benchmark letter) and logging it with Send...")
        let lines = try await BenchmarkFixtures.seedSegment(
            segment, templateCode: "LETTER", modulo: 10, remainder: 4, salespersonCode: "JO", store: services.store)
        try await BenchmarkFixtures.makeHardCopies(segment, store: services.store)
        let letter = try BenchLetter.docx()
        _ = try await services.documents.putSegmentDocument(Segment.No(segment), letter)
        let logged = try await services.logger.log(
            Segment.No(segment), send: true, createFollowUp: false, by: LogBench.user)
        say("  \(lines) lines logged, \(logged.queued) letters queued.")
        let sentBefore = try await services.deliveryQueue.statusCounts()["sent"] ?? 0
        let worker = DeliveryWorker(store: services.store)
        beforeRun()
        let started = Date()
        while await worker.deliverPending() > 0 {}
        let seconds = Date().timeIntervalSince(started)
        let counts = try await services.deliveryQueue.statusCounts()
        let sent = (counts["sent"] ?? 0) - sentBefore
        if sent != logged.queued || counts["pending"] != 0 {
            say(
                "  delivered \(sent) of \(logged.queued); pending \(counts["pending"] ?? 0), errors \(counts["error"] ?? 0)"
            )
        }
        let reference = try await mergeAlone(letter, loggedSegment: logged.loggedSegmentEntryNo, count: logged.queued)
        if forgetsAfterwards {
            say("  forgetting \(segment)'s log and letters, so the next run starts from the same database...")
            try await BenchmarkFixtures.forgetLog(of: segment, store: services.store)
        }
        report.add(
            "deliver-hard-copies", "Deliver \(sent) hard copies (claim, merge, store)", seconds: [seconds], rows: sent,
            target: .rate(atLeast: Self.target, reference: reference, referenceLabel: "merge engine alone"),
            backend: backend)
    }

    /// Letters per second of the merge the worker runs (`HardCopyBatch.merge`: compiled once per batch, on the
    /// blocking-work threads), on the same letter and the first 1,000 entries' frozen values, with no database.
    func mergeAlone(_ letter: [UInt8], loggedSegment: Int64, count: Int) async throws -> Double? {
        let values = try await BenchmarkFixtures.frozenValues(
            loggedSegment: loggedSegment, limit: 1_000, store: services.store)
        guard !values.isEmpty, count > 0 else { return nil }
        let batchSize = 500
        let started = Date()
        var merged = 0
        for first in stride(from: 0, to: count, by: batchSize) {
            let letters = (first..<min(first + batchSize, count)).map { index in
                HardCopyBatch.Letter(
                    entryNo: Int64(index), documentSHA256: "bench", fields: values[index % values.count], attempts: 0)
            }
            let outcomes = await HardCopyBatch(letters: letters, documents: ["bench": letter]).merge(
                lanes: ProcessInfo.processInfo.activeProcessorCount, timeLimit: .seconds(600))
            merged += outcomes.count
        }
        let seconds = Date().timeIntervalSince(started)
        report.add(
            "merge-alone", "Merge \(merged) letters in memory (the merge engine alone, same letter)",
            seconds: [seconds], rows: merged, backend: backend)
        return Double(merged) / seconds
    }
}
