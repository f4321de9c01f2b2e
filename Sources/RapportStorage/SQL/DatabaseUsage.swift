import Synchronization

/// How busy the database is from this process: transactions running now and counted so far, by kind.
/// `Store` keeps it up to date around every use case, on either backend, so the server's `/metrics` can
/// show how much of the connection pool is in use without reaching into a backend.
public final class DatabaseUsage: Sendable {
    /// One reading of the counters.
    public struct Snapshot: Sendable, Equatable {
        /// Read transactions running now (each holds a connection).
        public var readsInFlight = 0
        /// Write transactions running or waiting for their turn now.
        public var writesInFlight = 0
        /// Read transactions finished since the process started.
        public var reads = 0
        /// Write transactions finished since the process started.
        public var writes = 0
        /// Transactions of either kind that ended in an error and were rolled back: a refusal (404, 422) as well
        /// as a database failure.
        public var failures = 0

        public init(readsInFlight: Int = 0, writesInFlight: Int = 0, reads: Int = 0, writes: Int = 0, failures: Int = 0)
        {
            self.readsInFlight = readsInFlight
            self.writesInFlight = writesInFlight
            self.reads = reads
            self.writes = writes
            self.failures = failures
        }
    }

    private let state = Mutex(Snapshot())

    package init() {}

    /// The counters as they are now.
    public var snapshot: Snapshot { state.withLock { $0 } }

    /// A transaction of this kind starts.
    func begin(isWrite: Bool) {
        state.withLock { isWrite ? ($0.writesInFlight += 1) : ($0.readsInFlight += 1) }
    }

    /// A transaction of this kind ends, committed or not.
    func finish(isWrite: Bool, failed: Bool) {
        state.withLock {
            if isWrite {
                $0.writesInFlight -= 1
                $0.writes += 1
            } else {
                $0.readsInFlight -= 1
                $0.reads += 1
            }
            if failed { $0.failures += 1 }
        }
    }
}
