import Synchronization

/// What one request spent on the database: how many transactions it ran, how long they waited for a
/// connection (a reader, the writer, a pooled PostgreSQL connection, the write turn) and how long they ran
/// once they had one. The server's request log shows it per request, so a slow page tells whether its time
/// went in queueing for connections or in the statements themselves.
///
/// A request sets one with `DatabaseTally.$current.withValue`; `Store` adds every transaction run in that
/// task and its child tasks (`async let`, task groups) to it. Without one, nothing is counted.
public final class DatabaseTally: Sendable {
    /// The figures so far.
    public struct Figures: Sendable, Equatable {
        /// Transactions run.
        public var transactions = 0
        /// Nanoseconds between asking for a transaction and its body starting, summed.
        public var waitNanoseconds: Int64 = 0
        /// Nanoseconds of the transactions' bodies, summed (side-by-side transactions each count in full).
        public var runNanoseconds: Int64 = 0
    }

    /// The tally of the request this task works for.
    @TaskLocal public static var current: DatabaseTally?

    private let state = Mutex(Figures())

    public init() {}

    /// The figures as they are now.
    public var figures: Figures { state.withLock { $0 } }

    /// Adds one transaction that waited `wait` and ran `run`.
    func add(wait: Duration, run: Duration) {
        state.withLock {
            $0.transactions += 1
            $0.waitNanoseconds += Self.nanoseconds(wait)
            $0.runNanoseconds += Self.nanoseconds(run)
        }
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

extension Store {
    /// Runs `run` (a backend's transaction around `body`), adding its wait and run times to the current
    /// request's tally when there is one.
    func tallied<T: Sendable>(
        _ body: @escaping @Sendable (any SQLConnection) throws -> T,
        _ run: (@escaping @Sendable (any SQLConnection) throws -> T) async throws -> T
    ) async throws -> T {
        try await tallied { started in
            try await run { connection in
                started()
                return try body(connection)
            }
        }
    }

    /// Runs `run`, whose transaction calls `started` as its body begins, adding its wait (until then) and run
    /// times to the current request's tally when there is one.
    func tallied<T: Sendable>(
        _ run: (_ started: @escaping @Sendable () -> Void) async throws -> T
    ) async throws -> T {
        guard let tally = DatabaseTally.current else { return try await run {} }
        let asked = ContinuousClock.now
        let started = Mutex<ContinuousClock.Instant?>(nil)
        let value: T
        do {
            value = try await run { started.withLock { $0 = ContinuousClock.now } }
        } catch {
            record(tally, asked: asked, started: started.withLock { $0 })
            throw error
        }
        record(tally, asked: asked, started: started.withLock { $0 })
        return value
    }

    private func record(_ tally: DatabaseTally, asked: ContinuousClock.Instant, started: ContinuousClock.Instant?) {
        let now = ContinuousClock.now
        let began = started ?? now
        tally.add(wait: began - asked, run: now - began)
    }
}
