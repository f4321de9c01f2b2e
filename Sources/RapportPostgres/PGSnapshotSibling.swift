import NIOCore
import PostgresNIO
import RapportStorage

extension PGConnection {
    /// A second pooled connection in a read-only transaction on this one's snapshot (`pg_export_snapshot`, then
    /// `SET TRANSACTION SNAPSHOT`): one backend runs on one core, so a long export reads every other chunk on
    /// it. Only a read transaction has a pool to take it from, and only a connection free at once is taken.
    func withSnapshotSibling<T>(_ body: ((any SQLConnection)?) throws -> T) throws -> T {
        guard let siblings, let other = try Self.blocking(on: connection.eventLoop, { await siblings.acquireIfFree() })
        else { return try body(nil) }
        // Given back on every path: a dropped connection is replaced, a healthy one serves the next transaction.
        defer {
            _ = try? Self.blocking(on: other.eventLoop) {
                if other.isClosed { await siblings.discard(other) } else { await siblings.release(other) }
            }
        }
        let sibling = PGConnection(other)
        do {
            let snapshot = try query("SELECT pg_export_snapshot() AS snapshot", []).first?.text("snapshot") ?? ""
            try sibling.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            try sibling.run("SET TRANSACTION SNAPSHOT '\(snapshot.replacingOccurrences(of: "'", with: "''"))'")
            let result = try body(sibling)
            try sibling.run("COMMIT")
            return result
        } catch {
            try? sibling.run("ROLLBACK")
            throw error
        }
    }

    /// Waits on this thread (the database's own pool, never an event loop) for the pool's actor.
    private static func blocking<R: Sendable>(
        on eventLoop: any EventLoop, _ work: @escaping @Sendable () async -> R
    ) throws -> R {
        let promise = eventLoop.makePromise(of: R.self)
        promise.completeWithTask { await work() }
        return try promise.futureResult.wait()
    }
}

extension ConnectionPool {
    /// A connection when one is free now (idle, or room to open one and nobody waiting), else nil: never waits.
    func acquireIfFree() async -> PostgresConnection? {
        if let connection = idle.popLast() { return connection }
        guard open < size, waiting.isEmpty else { return nil }
        open += 1
        do {
            return try await connect()
        } catch {
            open -= 1
            return nil
        }
    }
}
