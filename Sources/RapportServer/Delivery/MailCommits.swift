import Logging
import RapportStorage
import Synchronization

/// Group commit of the e-mails sent over several connections at once. Each connection writes its message up to
/// the final dot and waits here; one transaction marks every message waiting "committed" and records as sent
/// those the server has accepted since (`confirm`), then the committer writes the waiting messages' dots itself,
/// straight after the commit, rather than waking each connection's task to write its own. A mark is written before
/// its dot (a crash never sends twice) and a connection confirms its last message before it commits its next, so a
/// crash leaves at most one message per connection committed and unconfirmed. A group's dots are written side by
/// side while the next group's transaction runs: a round is one transaction, not a transaction and then a loop of
/// writes (on PostgreSQL, where a transaction is several round trips, the two were about equal).
final class MailCommits: Sendable {
    struct Waiter {
        var entryNo: Int64
        var writeDot: @Sendable () async throws -> Void
        var resume: CheckedContinuation<Void, any Error>
    }
    typealias Accepted = (entryNo: Int64, document: [UInt8]?)
    private let waiting = Mutex<(commits: [Waiter], accepted: [Accepted])>(([], []))
    private let signal: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    init() {
        // One buffered wake-up is enough: the committer takes everything waiting at once.
        (signal, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Returns once `entryNo` is marked committed (in a transaction shared with the others waiting then) and its
    /// final dot written with `writeDot`.
    func commit(_ entryNo: Int64, writeDot: @escaping @Sendable () async throws -> Void) async throws {
        try await withCheckedThrowingContinuation { (resume: CheckedContinuation<Void, any Error>) in
            waiting.withLock { $0.commits.append(Waiter(entryNo: entryNo, writeDot: writeDot, resume: resume)) }
            wake.yield()
        }
    }

    /// The server accepted `entryNo`'s message (250 to its final dot): it is recorded sent with the next commit.
    func confirm(_ entryNo: Int64, document: [UInt8]?) {
        waiting.withLock { $0.accepted.append((entryNo, document)) }
        wake.yield()
    }

    /// Commits and confirms what waits, group by group, until `finish`; `record` is the transaction. Confirmations
    /// a failed transaction did not record are tried again with the next one, and once more at the end.
    func run(
        logger: Logger, _ record: @Sendable (_ commits: [Int64], _ accepted: [Accepted]) async throws -> Void
    ) async {
        await withDiscardingTaskGroup { dots in
            for await _ in signal {
                let (commits, accepted) = take()
                guard !commits.isEmpty || !accepted.isEmpty else { continue }
                do {
                    try await record(commits.map(\.entryNo), accepted)
                } catch {
                    waiting.withLock { $0.accepted.insert(contentsOf: accepted, at: 0) }
                    for waiter in commits { waiter.resume.resume(throwing: error) }
                    continue
                }
                // Every message of this group is marked: its dot may go. The next group (other connections: this
                // group's wait here until their dots are written) commits meanwhile.
                for waiter in commits {
                    dots.addTask {
                        do {
                            try await waiter.writeDot()
                            waiter.resume.resume()
                        } catch {
                            waiter.resume.resume(throwing: error)
                        }
                    }
                }
            }
        }
        // Nobody commits once the connections are done; a straggler is told, never left hanging.
        let (commits, accepted) = take()
        for waiter in commits { waiter.resume.resume(throwing: CancellationError()) }
        do {
            try await record([], accepted)
        } catch {
            // Left committed and unconfirmed: once this worker is gone they show as unconfirmed errors.
            logger.error(
                "cannot record sent e-mails", metadata: ["entries": "\(accepted.count)", "error": "\(error)"])
        }
    }

    /// Ends `run` (every connection is done).
    func finish() { wake.finish() }

    private func take() -> (commits: [Waiter], accepted: [Accepted]) {
        waiting.withLock { waiting in
            defer { waiting = ([], []) }
            return waiting
        }
    }
}

/// The jobs of a batch, handed out one at a time to whichever connection is free: a slow connection holds up only
/// the message it is sending.
final class MailJobs: Sendable {
    let jobs: [DeliveryQueue.Job]
    private let next = Mutex(0)
    /// Why the last connection that failed did (a lost or refused connection), or nil.
    private let failure = Mutex<String?>(nil)

    init(_ jobs: [DeliveryQueue.Job]) {
        self.jobs = jobs
    }

    /// The next job, or nil when all are taken.
    func take() -> DeliveryQueue.Job? {
        next.withLock { next in
            guard next < jobs.count else { return nil }
            defer { next += 1 }
            return jobs[next]
        }
    }

    /// The jobs no connection took (every connection failed, or the server is stopping).
    func untaken() -> ArraySlice<DeliveryQueue.Job> {
        next.withLock { next in
            defer { next = jobs.count }
            return jobs[next...]
        }
    }

    var lastFailure: String? { failure.withLock { $0 } }
    func failed(_ reason: String) { failure.withLock { $0 = reason } }
}
