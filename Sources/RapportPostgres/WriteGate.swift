/// Lets this process's writes through one at a time, in arrival order, before they take a connection. Writes
/// take turns on the installation's advisory lock anyway; a write that waited for it inside the database held a
/// pooled connection (and a thread) all the while, so a few queued Add Contacts left no connection for the reads
/// behind them. Waiting here costs no connection; the advisory lock still orders the writes of other processes.
actor WriteGate {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// How many writes wait behind the one running (for the tests).
    var queued: Int { waiting.count }

    /// Runs `work` once every write that arrived before it has finished.
    func run<T: Sendable>(_ work: @Sendable () async throws -> T) async throws -> T {
        if busy {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            busy = true
        }
        defer { leave() }
        return try await work()
    }

    /// Hands the turn to the next waiting write (the gate stays busy), or frees the gate.
    private func leave() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
