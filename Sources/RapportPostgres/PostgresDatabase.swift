import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import RapportCore
import RapportStorage
import Synchronization

/// The PostgreSQL backend (PostgresNIO), for installations that outgrow one file. It gives the use
/// cases what SQLite gives them: each write is one transaction and writes happen one at a time (a
/// transaction-scoped advisory lock, so this holds across server processes too); each read sees one
/// snapshot. The use cases' synchronous bodies run on a thread pool of their own, where waiting for
/// the network is allowed.
package final class PostgresDatabase: SQLDatabase {
    package var dialect: SQLDialect { .postgres }

    /// Where and as whom to connect, read from
    /// `postgres://user:password@host:port/database?search_path=s&sslmode=require`.
    package struct Location: Sendable {
        package var host: String
        package var port: Int
        package var username: String
        package var password: String?
        package var database: String
        /// A schema to work in (created when missing): the tests give every test its own.
        package var schema: String?
        /// `sslmode=require`: TLS with the system's trusted certificates and the host name checked.
        package var requiresTLS: Bool

        package init(url: String) throws(StorageError) {
            guard let components = URLComponents(string: url), let host = components.host,
                components.scheme == "postgres" || components.scheme == "postgresql"
            else { throw StorageError.cannotOpen("\(url) is not a postgres:// URL.") }
            self.host = host
            self.port = components.port ?? 5432
            self.username = components.user ?? "postgres"
            self.password = components.password
            let path = components.path.drop { $0 == "/" }
            self.database = path.isEmpty ? username : String(path)
            self.schema = components.queryItems?.first { $0.name == "search_path" }?.value
            let sslMode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
            guard sslMode == "disable" || sslMode == "require" else {
                throw StorageError.cannotOpen("sslmode must be disable or require, not \(sslMode).")
            }
            self.requiresTLS = sslMode == "require"
        }
    }

    /// Writes wait for each other on this lock (any number, shared by every Rapport process).
    static let writeLock: Int64 = 0x5261_7070_6F72_74

    /// Takes the write lock of the installation in the current schema: processes on one installation take turns,
    /// installations in other schemas of the same database (the tests', the benchmark's) do not wait for it.
    static let takeWriteLock = "SELECT pg_advisory_xact_lock(hashtextextended(current_schema(), \(writeLock)))"

    let location: Location
    let pool: ConnectionPool
    let threads: NIOThreadPool
    /// This process's writes queue here, not on pooled connections (`WriteGate`).
    let writeGate = WriteGate()

    /// Opens a pool of at most `connections` connections, opened as they are first needed. Sixteen let the reads
    /// of a busy server (64 clients under load) run beside a write instead of queueing behind the few
    /// connections there were.
    package init(url: String, connections: Int = 16) async throws {
        let location = try Location(url: url)
        let pool = ConnectionPool(location: location, size: connections)
        // Fail early, with a message, when the server cannot be reached.
        let connection = try await pool.acquire()
        await pool.release(connection)
        self.location = location
        self.pool = pool
        self.threads = NIOThreadPool(numberOfThreads: connections)
        threads.start()
    }

    deinit {
        threads.shutdownGracefully { _ in }
    }

    package func write<T: Sendable>(
        _ useCase: String, _ body: @escaping @Sendable (any SQLConnection) throws -> T
    ) async throws -> T {
        try await writeGate.run { try await self.transaction(begin: "BEGIN", lock: true, body) }
    }

    /// A write whose body may read beside it on a second pooled connection (`PGSnapshotReader`), taken only when
    /// the pool has one free once the write has its own: never waited for, so a busy server's reads keep their
    /// connections and the write runs as any other.
    package func writeWithSnapshotReader<T: Sendable>(
        _ useCase: String, _ body: @escaping @Sendable (any SQLConnection) throws -> T
    ) async throws -> T {
        try await writeGate.run {
            let connection = try await self.pool.acquire(first: true)
            let spare = await self.pool.acquireIfFree()
            let outcome: Result<T, any Error>
            do {
                outcome = .success(
                    try await self.threads.runIfActive {
                        let reader = spare.map(PGSnapshotReader.init)
                        defer { reader?.close() }
                        return try Self.run(PGConnection(connection, spare: reader), begin: "BEGIN", lock: true, body)
                    })
            } catch {
                outcome = .failure(error)
            }
            await self.giveBack(connection)
            if let spare { await self.giveBack(spare) }
            return try Self.value(of: outcome)
        }
    }

    /// Without the write lock: the row-level locks PostgreSQL takes anyway are enough for rows no other use case
    /// writes, and a job's heartbeat must not wait for the import it reports on.
    package func independentWrite<T: Sendable>(
        _ useCase: String, _ body: @escaping @Sendable (any SQLConnection) throws -> T
    ) async throws -> T {
        try await transaction(begin: "BEGIN", lock: false, body)
    }

    package func read<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        try await transaction(
            begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", lock: false, pipelined: true, body)
    }

    /// `VACUUM (ANALYZE)` of freshly loaded tables. A million rows just inserted carry no hint bits and no visibility
    /// map: the first scans look up each row's transaction and write its page back, and autovacuum starts on the same
    /// tables beside them (the 1M bench's export right after a first import: 8.7 s, against about 7 s vacuumed). The
    /// import's own `ANALYZE` ran before the commit counted its rows, so without this one autovacuum analyzed all six
    /// tables again seconds later, beside the first reads. `VACUUM` cannot run inside a transaction, so it has a pooled
    /// connection of its own; it takes no lock that readers or writers wait for. Cancelling the calling task cancels it
    /// on the server (`pg_cancel_backend` from another connection): a stopping server does not wait for it.
    package var settlesLoadedTables: Bool { true }

    package func settle(afterLoading tables: [String]) async throws {
        guard !tables.isEmpty else { return }
        let statement = "VACUUM (ANALYZE) " + tables.joined(separator: ", ")
        // The backend running it, and whether the task was cancelled: both under one lock, so a cancellation
        // either finds the backend to cancel or is seen before the VACUUM is sent.
        let state = Mutex<(backend: Int64?, cancelled: Bool)>((nil, false))
        try await withTaskCancellationHandler {
            try await onPooledConnection(first: false) { connection in
                let adapter = PGConnection(connection)
                let pid = try adapter.query("SELECT pg_backend_pid() AS pid", []).first?.int("pid")
                let cancelled = state.withLock { state in
                    state.backend = pid
                    return state.cancelled
                }
                if cancelled { throw CancellationError() }
                try adapter.run(statement)
            }
        } onCancel: {
            let pid = state.withLock { state in
                state.cancelled = true
                return state.backend
            }
            guard let pid else { return }
            Task {
                try? await self.onPooledConnection(first: true) {
                    try PGConnection($0).run("SELECT pg_cancel_backend(\(pid))")
                }
            }
        }
    }

    package func close() async throws {
        await pool.closeAll()
        try await threads.shutdownGracefully()
    }

    private func transaction<T: Sendable>(
        begin: String, lock: Bool, pipelined: Bool = false, _ body: @escaping @Sendable (any SQLConnection) throws -> T
    ) async throws -> T {
        // A write holds the process's write turn (`WriteGate`) while it waits here: it goes before the reads
        // waiting, or every write behind it would wait for all of them too.
        try await onPooledConnection(first: lock) { connection in
            try Self.run(PGConnection(connection), begin: begin, lock: lock, pipelined: pipelined, body)
        }
    }

    /// Runs `body` in a transaction on `adapter`: committed when it returns, rolled back when it throws.
    private static func run<T>(
        _ adapter: PGConnection, begin: String, lock: Bool, pipelined: Bool = false,
        _ body: (any SQLConnection) throws -> T
    ) throws -> T {
        // A read's BEGIN goes out with its first statement instead of taking a round trip of its own
        // (PostgresNIO sends a connection's statements in order), and under load each round trip also waits
        // for a thread to be scheduled. Its result is checked before COMMIT, so a read whose BEGIN failed is
        // never answered. A write waits for its BEGIN (sent together with its write lock): none of its
        // statements may run outside the transaction.
        let begun = pipelined ? try adapter.start(begin, []) : nil
        do {
            if !pipelined { try adapter.begin(begin, then: lock ? Self.takeWriteLock : nil) }
            let result = try body(adapter)
            if let begun { try adapter.wait(for: begun) }
            try adapter.run("COMMIT")
            return result
        } catch {
            try? adapter.run("ROLLBACK")
            throw error
        }
    }

    /// Gives a connection back to the pool: one the server dropped is replaced, a healthy one goes back for the
    /// next use.
    func giveBack(_ connection: PostgresConnection) async {
        if connection.isClosed {
            await pool.discard(connection)
        } else {
            await pool.release(connection)
        }
    }

    /// Runs `work` on one of the pool's connections, on a thread of the pool's own (it blocks on the server), and
    /// gives the connection back: one the server dropped is replaced, a healthy one goes back for the next use.
    private func onPooledConnection<T: Sendable>(
        first: Bool, _ work: @escaping @Sendable (PostgresConnection) throws -> T
    ) async throws -> T {
        let connection = try await pool.acquire(first: first)
        let outcome: Result<T, any Error>
        do {
            outcome = .success(try await threads.runIfActive { try work(connection) })
        } catch {
            outcome = .failure(error)
        }
        await giveBack(connection)
        return try Self.value(of: outcome)
    }

    /// The value of work done on a pooled connection, or its error as the use cases expect it.
    static func value<T>(of outcome: Result<T, any Error>) throws -> T {
        switch outcome {
        case .success(let value): return value
        case .failure(let error as StorageError): throw error
        case .failure(let error as RapportError): throw error
        case .failure(let error): throw StorageError.other(PGConnection.describe(error))
        }
    }
}
