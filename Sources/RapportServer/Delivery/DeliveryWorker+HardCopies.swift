import Foundation
import Logging
import RapportStorage
import Synchronization

extension DeliveryWorker {
    /// Hard copies claimed per batch: enough that the claim and the store cost little per letter, few enough that a
    /// batch's letters (a few kilobytes each) stay small in memory.
    static let hardCopyBatchSize = 500
    /// How long merging one batch may take; the letters not started by then go back to the queue.
    static let hardCopyTimeLimit = Duration.seconds(60)

    /// Claims one batch of frozen hard copies with their merge data, merges them off the cooperative pool (each
    /// distinct document compiled once) and stores the letters in one transaction. Returns how many it claimed.
    func deliverHardCopies(now: Date) async -> Int {
        let batch: HardCopyBatch
        do {
            batch = try await queue.claimHardCopies(worker: workerID, limit: Self.hardCopyBatchSize, now: now)
        } catch {
            logger.error("cannot claim hard copies", metadata: ["error": "\(error)"])
            return 0
        }
        guard !batch.isEmpty else { return 0 }
        let outcomes = await batch.merge(
            lanes: ProcessInfo.processInfo.activeProcessorCount, timeLimit: Self.hardCopyTimeLimit)
        do {
            try await queue.complete(batch, outcomes: outcomes, worker: workerID)
        } catch {
            // Left claimed, they are recovered as interrupted deliveries, as a crashed process's are.
            logger.error("cannot store hard copies", metadata: ["error": "\(error)", "count": "\(outcomes.count)"])
        }
        return batch.letters.count
    }
}

/// When the one-by-one claim (e-mails, and entries logged before documents were frozen) may run. Finding those
/// among a long queue of hard copies costs a scan of the hard copies, so while hard copies fill whole batches it
/// runs at most once a second; otherwise after every batch.
final class OneByOneClaims: Sendable {
    private let last = Mutex(ContinuousClock.now - .seconds(60))

    func isDue(hardCopiesWaiting: Bool) -> Bool {
        last.withLock { last in
            let now = ContinuousClock.now
            guard !hardCopiesWaiting || now - last >= .seconds(1) else { return false }
            last = now
            return true
        }
    }
}
