import RapportStorage
import Synchronization

/// Group commit of the "committed" marks of e-mails sent over several connections at once. Each connection
/// writes its message up to the final dot and waits here; one transaction marks every message waiting, then
/// each connection sends its dot. A mark is still written before its dot (a SIGKILL never sends twice), but the
/// connections share one write instead of queueing for one each.
final class MailCommits: Sendable {
    typealias Waiter = (entryNo: Int64, resume: CheckedContinuation<Void, any Error>)
    private let waiting = Mutex<[Waiter]>([])
    private let signal: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    init() {
        // One buffered wake-up is enough: the committer takes everything waiting at once.
        (signal, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Returns once `entryNo` is marked committed (in a transaction shared with the others waiting then).
    func commit(_ entryNo: Int64) async throws {
        try await withCheckedThrowingContinuation { (resume: CheckedContinuation<Void, any Error>) in
            waiting.withLock { $0.append((entryNo, resume)) }
            wake.yield()
        }
    }

    /// Marks what waits, batch by batch, until `finish`; `record` is the transaction.
    func run(_ record: @Sendable ([Int64]) async throws -> Void) async {
        for await _ in signal {
            let batch = take()
            guard !batch.isEmpty else { continue }
            do {
                try await record(batch.map(\.entryNo))
                for waiter in batch { waiter.resume.resume() }
            } catch {
                for waiter in batch { waiter.resume.resume(throwing: error) }
            }
        }
        // Nobody waits once the connections are done; a straggler is told, never left hanging.
        for waiter in take() { waiter.resume.resume(throwing: CancellationError()) }
    }

    /// Ends `run` (every connection is done).
    func finish() { wake.finish() }

    private func take() -> [Waiter] {
        waiting.withLock { waiting in
            defer { waiting = [] }
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
    private let accepted = Mutex<[(entryNo: Int64, document: [UInt8]?)]>([])

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

    /// The messages the connections sent, to be recorded in one transaction once all are done.
    var sent: [(entryNo: Int64, document: [UInt8]?)] { accepted.withLock { $0 } }
    func record(_ entries: [(entryNo: Int64, document: [UInt8]?)]) { accepted.withLock { $0 += entries } }

    var lastFailure: String? { failure.withLock { $0 } }
    func failed(_ reason: String) { failure.withLock { $0 = reason } }
}
