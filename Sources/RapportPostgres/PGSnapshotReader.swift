import NIOCore
import PostgresNIO
import RapportCore
import RapportStorage

/// A write's second connection (`SQLConnection.snapshotReader`): once asked for, a read-only transaction on the
/// write's snapshot, as `readInParallel`'s second connection takes its first's. The write exports its snapshot
/// (`pg_export_snapshot`, which a read-write transaction may too) and this connection takes it before anything
/// else; it then sees the rows the write saw, without the write's own changes.
final class PGSnapshotReader {
    let connection: PostgresConnection
    private var reader: PGConnection?

    init(_ connection: PostgresConnection) {
        self.connection = connection
    }

    /// The reader, on `writer`'s snapshot as of the first call.
    func open(from writer: PGConnection) throws -> PGConnection {
        if let reader { return reader }
        let reader = PGConnection(connection)
        try reader.join(snapshot: try writer.exportSnapshot())
        self.reader = reader
        return reader
    }

    /// Ends the reader's transaction, once whatever was sent on it has been answered. It changed nothing, and the
    /// connection goes back to the pool either way (one that broke is replaced there).
    func close() {
        guard let reader else { return }
        try? reader.run("ROLLBACK")
        self.reader = nil
    }
}

extension PGConnection {
    /// Sends the query; its rows are waited for when read.
    func startQuery(_ sql: String, _ binds: [SQLValue]) throws -> any SQLPendingRows {
        PGPendingRows(connection: self, result: try start(Self.statement(sql), binds))
    }

    func snapshotReader() throws -> any SQLConnection {
        guard let spare else { return self }
        return try spare.open(from: self)
    }

    static let readOnly = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"

    /// This transaction's snapshot, for `join(snapshot:)` on another connection while this transaction lasts.
    func exportSnapshot() throws -> String {
        guard let snapshot = try query("SELECT pg_export_snapshot() AS id", []).first?.text("id") else {
            throw StorageError.other("PostgreSQL exported no snapshot")
        }
        return snapshot
    }

    /// Begins a read-only transaction on another transaction's exported snapshot.
    func join(snapshot: String) throws {
        try run(Self.readOnly)
        do {
            try run("SET TRANSACTION SNAPSHOT '\(snapshot.replacingOccurrences(of: "'", with: "''"))'")
        } catch {
            try? run("ROLLBACK")
            throw error
        }
    }
}

/// A query sent by `PGConnection.startQuery`.
struct PGPendingRows: SQLPendingRows {
    let connection: PGConnection
    let result: EventLoopFuture<PostgresQueryResult>

    func rows() throws -> [SQLRow] {
        try connection.rows(of: connection.translating { try result.wait() })
    }
}
