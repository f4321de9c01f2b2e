import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import RapportStorage

/// A few open connections handed out one per transaction; a broken one is replaced on next use.
actor ConnectionPool {
    let location: PostgresDatabase.Location
    let size: Int
    private var idle: [PostgresConnection] = []
    private var open = 0
    private var waiting: [CheckedContinuation<PostgresConnection, any Error>] = []
    private var nextID = 0
    private let logger = Logger(label: "rapport.postgres")

    init(location: PostgresDatabase.Location, size: Int) {
        self.location = location
        self.size = size
    }

    /// A database dropped without `close()` (a command that ends) still closes its connections: each
    /// stays alive until its close completes, as PostgresNIO requires.
    deinit {
        for connection in idle {
            connection.close().whenComplete { _ in _ = connection }
        }
    }

    /// A connection, waiting for one when all are in use; `first` waits at the head of the queue.
    func acquire(first: Bool = false) async throws -> PostgresConnection {
        if let connection = idle.popLast() { return connection }
        if open < size {
            open += 1
            do {
                return try await connect()
            } catch {
                open -= 1
                throw error
            }
        }
        return try await withCheckedThrowingContinuation { continuation in
            if first { waiting.insert(continuation, at: 0) } else { waiting.append(continuation) }
        }
    }

    /// A connection if one is idle or may still be opened, without waiting behind others: a transaction that
    /// already holds one and would like a second must not wait for it (two such, each holding one, would wait
    /// for each other once the pool ran out).
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

    func release(_ connection: PostgresConnection) {
        if !waiting.isEmpty {
            waiting.removeFirst().resume(returning: connection)
        } else {
            idle.append(connection)
        }
    }

    func discard(_ connection: PostgresConnection) async {
        try? await connection.close()
        open -= 1
        guard !waiting.isEmpty else { return }
        open += 1
        let next = waiting.removeFirst()
        do {
            next.resume(returning: try await connect())
        } catch {
            open -= 1
            next.resume(throwing: error)
        }
    }

    func closeAll() async {
        for connection in idle { try? await connection.close() }
        open -= idle.count
        idle = []
    }

    private func connect() async throws -> PostgresConnection {
        nextID += 1
        let connection: PostgresConnection
        do {
            let tls: PostgresConnection.Configuration.TLS =
                location.requiresTLS
                ? .require(try NIOSSLContext(configuration: .makeClientConfiguration())) : .disable
            let configuration = PostgresConnection.Configuration(
                host: location.host, port: location.port, username: location.username,
                password: location.password, database: location.database, tls: tls)
            connection = try await PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: nextID,
                logger: logger)
        } catch {
            throw StorageError.cannotOpen(
                "Cannot connect to PostgreSQL at \(location.host):\(location.port)/\(location.database): "
                    + PGConnection.describe(error))
        }
        // Rapport's statements are short or run once: PostgreSQL's JIT compiled the plans of the costlier ones to
        // machine code first, which took 30-100 ms on the 1M bench (as long as a live count itself) and 5% of a
        // million-contact import, and never paid for itself.
        _ = try await connection.query("SET jit = off", []).get()
        if let schema = location.schema {
            let quoted = "\"" + schema.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            // Two instances starting together may both create it, and one of them then fails on the catalogue's
            // unique index: the schema is there either way, and a schema that truly cannot be made fails the
            // first statement that needs it.
            _ = try? await connection.query("CREATE SCHEMA IF NOT EXISTS \(quoted)", []).get()
            _ = try await connection.query("SET search_path TO \(quoted)", []).get()
        }
        return connection
    }
}
