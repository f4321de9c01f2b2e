import RapportCore

/// The SQL dialects Rapport runs on. Statements are written once in the subset both accept and the
/// backend turns `?` placeholders into its own; the schema is written for each dialect in its own
/// migrations (`Migrations/`).
package enum SQLDialect: String, Sendable {
    case sqlite
    case postgres
}

/// A connection inside one transaction. Synchronous on purpose: a use case's body runs start to end
/// on a thread the backend owns, so it cannot be interleaved with another use case's writes.
package protocol SQLConnection: AnyObject {
    var dialect: SQLDialect { get }
    /// Runs a statement; returns the number of rows it changed.
    @discardableResult func execute(_ sql: String, _ binds: [SQLValue]) throws -> Int
    /// Runs a query and collects its rows.
    func query(_ sql: String, _ binds: [SQLValue]) throws -> [SQLRow]
    /// Runs a query and hands its rows over one at a time, without collecting them.
    func forEachRow(_ sql: String, _ binds: [SQLValue], _ body: (SQLRow) throws -> Void) throws
    /// Streams a query whose columns are all text (or NULL) without decoding it: `cell` gets each column's
    /// UTF-8 bytes (nil for NULL, valid only during the call) in column order, then `endOfRow` runs. For
    /// exports that write the bytes on as they are (a million rows without a value or dictionary each).
    func forEachTextRow(
        _ sql: String, _ binds: [SQLValue], cell: (Int, UnsafeRawBufferPointer?) -> Void, endOfRow: () throws -> Void
    ) throws
    /// Sends a query whose rows `forEachTextRow` would hand over without waiting for them, so the database works
    /// on it while the caller does something else (the export writes one chunk while the next is read). Its
    /// rows are read whole: for a bounded query (a chunk) of `columns` columns. Backends that cannot overlap
    /// run it when read.
    func startTextRows(_ sql: String, _ binds: [SQLValue], columns: Int) throws -> any SQLTextRows
    /// Prepares a statement to run many times with different values (bulk loads).
    func prepare(_ sql: String) throws -> any SQLPreparedStatement
    /// Runs statements in order, their row counts unused; the first failure is thrown. A backend with a server
    /// sends them all before waiting for any (one wake-up instead of one per statement).
    func executeEach(_ statements: [SQLFragment]) throws
    /// Sends a query without waiting for its rows, so that the server works on it while the caller sends other
    /// statements on another connection. Backends that cannot overlap run it at once.
    func startQuery(_ sql: String, _ binds: [SQLValue]) throws -> any SQLPendingRows
    /// In a write (`SQLDatabase.writeWithSnapshotReader`): a read-only connection of its own that sees what this
    /// transaction saw when this was first asked for, without this transaction's own changes, so that a long read
    /// runs in another server process beside this connection's writes. Only for rows this transaction has not
    /// changed and the write lock keeps others from changing. This connection itself where the backend has no
    /// such reader to give (SQLite; PostgreSQL when its pool had no connection to spare).
    func snapshotReader() throws -> any SQLConnection
}

/// The rows of a query sent by `SQLConnection.startQuery`.
package protocol SQLPendingRows {
    /// Waits for the rows.
    func rows() throws -> [SQLRow]
}

/// A query's rows, read at once.
struct ReadRows: SQLPendingRows {
    let read: [SQLRow]

    func rows() throws -> [SQLRow] { read }
}

extension SQLConnection {
    package func executeEach(_ statements: [SQLFragment]) throws {
        for statement in statements { try execute(statement.sql, statement.binds) }
    }

    package func startQuery(_ sql: String, _ binds: [SQLValue]) throws -> any SQLPendingRows {
        ReadRows(read: try query(sql, binds))
    }

    package func snapshotReader() throws -> any SQLConnection { self }
}

/// A statement compiled once and run many times.
package protocol SQLPreparedStatement: AnyObject {
    func execute(_ binds: [SQLValue]) throws
}

/// A database: runs each use case as one transaction.
package protocol SQLDatabase: Sendable {
    var dialect: SQLDialect { get }
    /// Runs `body` in one write transaction named after the use case; commits when it returns,
    /// rolls back when it throws.
    func write<T: Sendable>(
        _ useCase: String, _ body: @escaping @Sendable (any SQLConnection) throws -> T
    )
        async throws -> T
    /// Runs `body` in one write transaction that does not wait for the other writes to finish: for small rows
    /// that no other use case touches (a web session, a job's progress), which must not queue behind a long
    /// import holding the write lock. Backends whose writes cannot overlap run it as `write`.
    func independentWrite<T: Sendable>(
        _ useCase: String, _ body: @escaping @Sendable (any SQLConnection) throws -> T
    )
        async throws -> T
    /// Runs `body` as `write` does, but with the database's own row-by-row foreign-key checks off for its
    /// transaction: for a bulk write whose own checks, set-based and in the same transaction, cover every foreign
    /// key of the tables it writes (the contact import, `ContactImportForeignKeys`; Reduce and Refine, which delete
    /// the documents of the lines they delete themselves, `CriteriaJournal.removeLines`). Backends that check keys
    /// in another way run it as `write`.
    func writeCheckingOwnForeignKeys<T: Sendable>(
        _ useCase: String, _ body: @escaping @Sendable (any SQLConnection) throws -> T
    )
        async throws -> T
    /// Runs `body` as `write` does, with a second connection ready for `SQLConnection.snapshotReader` when the
    /// backend has one to spare. Backends without one run it as `write`.
    func writeWithSnapshotReader<T: Sendable>(
        _ useCase: String, _ body: @escaping @Sendable (any SQLConnection) throws -> T
    )
        async throws -> T
    /// Runs `body` on a consistent read-only snapshot.
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T
    /// Runs `body` on one consistent read-only snapshot seen through two connections, so that what is sent to
    /// each runs on the server at the same time (a long export's two halves of server work, on two cores).
    /// Backends whose reads run in the process, or that have no connection to spare, pass the same one twice.
    func readInParallel<T: Sendable>(
        _ body: @escaping @Sendable (_ first: any SQLConnection, _ second: any SQLConnection) throws -> T
    ) async throws -> T
    /// After a bulk load into `tables` has committed, and outside any transaction: settles the new rows now
    /// rather than under the first reads (see `PostgresDatabase`). Cancelling the calling task stops it.
    func settle(afterLoading tables: [String]) async throws
    /// Whether `settle(afterLoading:)` does anything here.
    var settlesLoadedTables: Bool { get }
    /// Closes the database; later calls fail.
    func close() async throws
}

extension SQLDatabase {
    /// PostgreSQL's first load sets its foreign keys aside and adds them back (`DeferredSchema`); any other write
    /// keeps them.
    package func writeCheckingOwnForeignKeys<T: Sendable>(
        _ useCase: String, _ body: @escaping @Sendable (any SQLConnection) throws -> T
    ) async throws -> T {
        try await write(useCase, body)
    }

    package func writeWithSnapshotReader<T: Sendable>(
        _ useCase: String, _ body: @escaping @Sendable (any SQLConnection) throws -> T
    ) async throws -> T {
        try await write(useCase, body)
    }

    /// SQLite's rows carry no per-row visibility to settle: a loaded table reads at full speed at once.
    package func settle(afterLoading tables: [String]) async throws {}

    package var settlesLoadedTables: Bool { false }

    package func readInParallel<T: Sendable>(
        _ body: @escaping @Sendable (_ first: any SQLConnection, _ second: any SQLConnection) throws -> T
    ) async throws -> T {
        try await read { try body($0, $0) }
    }

    package func independentWrite<T: Sendable>(
        _ useCase: String, _ body: @escaping @Sendable (any SQLConnection) throws -> T
    )
        async throws -> T
    {
        try await write(useCase, body)
    }
}

extension SQLConnection {
    @discardableResult package func execute(_ fragment: SQLFragment) throws -> Int {
        try execute(fragment.sql, fragment.binds)
    }

    package func query(_ fragment: SQLFragment) throws -> [SQLRow] {
        try query(fragment.sql, fragment.binds)
    }

    package func execute(_ sql: String) throws {
        try execute(sql, [])
    }

    /// The first column of the first row, or nil.
    package func scalar(_ sql: String, _ binds: [SQLValue] = []) throws -> SQLValue? {
        try query(sql, binds).first?.values.first
    }

    package func exists(_ sql: String, _ binds: [SQLValue] = []) throws -> Bool {
        try scalar("SELECT EXISTS (\(sql))", binds)?.intValue == 1
    }
}
