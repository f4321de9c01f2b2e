import Foundation
import Logging
import RapportStorage
import ServiceLifecycle
import Synchronization

extension DeliveryWorker {
    /// Hard copies claimed per batch: enough that the claim and the store cost little per letter, few enough that a
    /// batch's letters (a few kilobytes each) stay small in memory. On the 1M bench (PostgreSQL) 1,000 delivered
    /// 5,726-5,746 letters/s where 500 delivered 4,495-5,055: a round's merge and statements then took about as
    /// long as each other (136 and 134 ms), where with 500 the statements' fixed costs left the merge waiting.
    static let hardCopyBatchSize = 1000
    /// How long merging one batch may take; the letters not started by then go back to the queue.
    static let hardCopyTimeLimit = Duration.seconds(60)

    /// Batches handled per call at most, so the other kinds of entries get their turn in between.
    static let hardCopyRounds = 8

    /// Claims batches of frozen hard copies with their merge data, merges each off the cooperative pool (each
    /// distinct document compiled once) and stores its letters in one transaction. Three batches are under way at
    /// once: while the merging threads work on one, the database stores the one merged before it and claims the
    /// one after it, so neither the merge nor the database waits for the other. Stops after a batch that was
    /// not full, after `hardCopyRounds` batches, or when the server stops (what was claimed is still delivered).
    /// Returns how many it claimed.
    func deliverHardCopies(now: Date) async -> Int {
        guard var batch = await claimHardCopies(now: now) else { return 0 }
        var handled = batch.letters.count
        var merged: (HardCopyBatch, [HardCopyBatch.Outcome])?
        for round in 1...Self.hardCopyRounds {
            let goesOn =
                batch.letters.count == Self.hardCopyBatchSize && round < Self.hardCopyRounds
                && !Task.isShuttingDownGracefully && !Task.isCancelled
            let current = batch
            async let outcomes = mergeHardCopies(current)
            let next = await storeAndClaim(merged, claimsNext: goesOn)
            merged = (current, await outcomes)
            guard let next else { break }
            batch = next
            handled += next.letters.count
        }
        if let (batch, outcomes) = merged { await storeHardCopies(batch, outcomes) }
        return handled
    }

    /// Stores the batch merged last (when there is one) and claims the next batch when `claimsNext`: the
    /// database's share of a round, done while the merging threads work. The two run side by side: they write
    /// different entries (the stored ones are this worker's, the claimed ones nobody's yet), and the store does not
    /// wait for the write lock (`DeliveryQueue.complete`), so on PostgreSQL each takes a connection of its own and a
    /// round costs the longer of the two rather than both; SQLite's one writer takes them in turn, as before.
    func storeAndClaim(
        _ merged: (HardCopyBatch, [HardCopyBatch.Outcome])?, claimsNext: Bool
    ) async -> HardCopyBatch? {
        async let next = claimsNext ? claimHardCopies(now: Date()) : nil
        if let (batch, outcomes) = merged { await storeHardCopies(batch, outcomes) }
        return await next
    }

    /// The next batch, or nil when there is none (or it cannot be claimed: logged, and tried again next round).
    func claimHardCopies(now: Date) async -> HardCopyBatch? {
        do {
            let batch = try await queue.claimHardCopies(worker: workerID, limit: Self.hardCopyBatchSize, now: now)
            return batch.isEmpty ? nil : batch
        } catch {
            logger.error("cannot claim hard copies", metadata: ["error": "\(error)"])
            return nil
        }
    }

    func mergeHardCopies(_ batch: HardCopyBatch) async -> [HardCopyBatch.Outcome] {
        await batch.merge(lanes: ProcessInfo.processInfo.activeProcessorCount, timeLimit: Self.hardCopyTimeLimit)
    }

    func storeHardCopies(_ batch: HardCopyBatch, _ outcomes: [HardCopyBatch.Outcome]) async {
        do {
            try await queue.complete(batch, outcomes: outcomes, worker: workerID)
        } catch {
            // Left claimed, they are recovered as interrupted deliveries, as a crashed process's are.
            logger.error("cannot store hard copies", metadata: ["error": "\(error)", "count": "\(outcomes.count)"])
        }
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
