import NIOPosix
import PostgresNIO
import RapportStorage

extension PostgresDatabase {
    /// A read on two pooled connections that see one snapshot, as `pg_dump --jobs` reads: the first exports its
    /// snapshot (`pg_export_snapshot`) and the second takes it (`SET TRANSACTION SNAPSHOT`) before anything else,
    /// so both see exactly the same rows, and what is sent to each runs in a server process of its own. The
    /// second is taken only when the pool has one to spare (never waited for while holding the first); otherwise
    /// the read runs on one connection.
    package func readInParallel<T: Sendable>(
        _ body: @escaping @Sendable (_ first: any SQLConnection, _ second: any SQLConnection) throws -> T
    ) async throws -> T {
        let first = try await pool.acquire()
        guard let second = await pool.acquireIfFree() else {
            await giveBack(first)
            return try await read { try body($0, $0) }
        }
        let outcome: Result<T, any Error>
        do {
            outcome = .success(
                try await threads.runIfActive {
                    try Self.onOneSnapshot(PGConnection(first), PGConnection(second), body)
                })
        } catch {
            outcome = .failure(error)
        }
        await giveBack(first)
        await giveBack(second)
        return try Self.value(of: outcome)
    }

    private static func onOneSnapshot<T>(
        _ first: PGConnection, _ second: PGConnection, _ body: (any SQLConnection, any SQLConnection) throws -> T
    ) throws -> T {
        try first.run(PGConnection.readOnly)
        do {
            try second.join(snapshot: try first.exportSnapshot())
            do {
                let result = try body(first, second)
                try second.run("COMMIT")
                try first.run("COMMIT")
                return result
            } catch {
                try? second.run("ROLLBACK")
                throw error
            }
        } catch {
            try? first.run("ROLLBACK")
            throw error
        }
    }
}
