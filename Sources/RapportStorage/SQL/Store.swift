import RapportCore

/// The storage boundary: runs use cases as transactions on whichever backend is configured and
/// translates what a backend reports into the domain's `RapportError`, once.
///
/// Only the use cases of this module run SQL: `read` and `write` are internal, so the server and the
/// CLI reach the database through use cases and nothing else (tests reach in with `@testable`).
public struct Store: Sendable {
    let database: any SQLDatabase
    /// Transactions running and run through this store, for the server's metrics.
    public let usage = DatabaseUsage()

    /// The composition root wraps the backend it opened.
    package init(_ database: any SQLDatabase) {
        self.database = database
    }

    /// The SQL dialect of the backend, for the little SQL written per dialect (wildcard patterns).
    var dialect: SQLDialect { database.dialect }

    /// Closes the database; later use cases fail.
    public func close() async throws {
        try await database.close()
    }

    func write<T: Sendable>(
        _ useCase: String, _ body: @escaping @Sendable (any SQLConnection) throws -> T
    )
        async throws(RapportError) -> T
    {
        try await counted(body) { try await database.write(useCase, $0) }
    }

    /// A write that checks the foreign keys of what it writes itself (see `SQLDatabase.writeCheckingOwnForeignKeys`)
    /// when `ownChecks` says so, and an ordinary write otherwise.
    func write<T: Sendable>(
        _ useCase: String, checkingOwnForeignKeys ownChecks: Bool,
        _ body: @escaping @Sendable (any SQLConnection) throws -> T
    )
        async throws(RapportError) -> T
    {
        guard ownChecks else { return try await write(useCase, body) }
        return try await counted(body) { try await database.writeCheckingOwnForeignKeys(useCase, $0) }
    }

    /// A write with a reader of its own beside it where the backend has one (see
    /// `SQLDatabase.writeWithSnapshotReader`).
    func write<T: Sendable>(
        _ useCase: String, withSnapshotReader: Bool,
        _ body: @escaping @Sendable (any SQLConnection) throws -> T
    )
        async throws(RapportError) -> T
    {
        guard withSnapshotReader else { return try await write(useCase, body) }
        return try await counted(body) { try await database.writeWithSnapshotReader(useCase, $0) }
    }

    /// Runs a write through `transaction`, counted in `usage`.
    private func counted<T: Sendable>(
        _ body: @escaping @Sendable (any SQLConnection) throws -> T,
        in transaction: (@escaping @Sendable (any SQLConnection) throws -> T) async throws -> T
    )
        async throws(RapportError) -> T
    {
        usage.begin(isWrite: true)
        do {
            let value = try await tallied(body, transaction)
            usage.finish(isWrite: true, failed: false)
            return value
        } catch {
            usage.finish(isWrite: true, failed: true)
            throw Self.translate(error)
        }
    }

    /// A write that need not wait for the others (see `SQLDatabase.independentWrite`).
    func independentWrite<T: Sendable>(
        _ useCase: String, _ body: @escaping @Sendable (any SQLConnection) throws -> T
    )
        async throws(RapportError) -> T
    {
        do {
            return try await tallied(body) { try await database.independentWrite(useCase, $0) }
        } catch {
            throw Self.translate(error)
        }
    }

    /// Settles freshly loaded `tables` (see `SQLDatabase.settle(afterLoading:)`), outside any transaction.
    func settle(afterLoading tables: [String]) async throws(RapportError) {
        guard !tables.isEmpty else { return }
        do {
            try await database.settle(afterLoading: tables)
        } catch {
            throw Self.translate(error)
        }
    }

    func read<T: Sendable>(
        _ body: @escaping @Sendable (any SQLConnection) throws -> T
    )
        async throws(RapportError) -> T
    {
        try await reading { started in
            try await database.read { connection in
                started()
                return try body(connection)
            }
        }
    }

    /// A read whose work can go to the server on two connections at once (see `SQLDatabase.readInParallel`).
    func readInParallel<T: Sendable>(
        _ body: @escaping @Sendable (_ first: any SQLConnection, _ second: any SQLConnection) throws -> T
    )
        async throws(RapportError) -> T
    {
        try await reading { started in
            try await database.readInParallel { first, second in
                started()
                return try body(first, second)
            }
        }
    }

    /// A read's bookkeeping, whichever backend call `run` makes: counted in `usage` while it runs, tallied for the
    /// current request (`run` calls `started` as its transaction's body begins), its errors translated.
    private func reading<T: Sendable>(
        _ run: (_ started: @escaping @Sendable () -> Void) async throws -> T
    ) async throws(RapportError) -> T {
        usage.begin(isWrite: false)
        do {
            let value = try await tallied(run)
            usage.finish(isWrite: false, failed: false)
            return value
        } catch {
            usage.finish(isWrite: false, failed: true)
            throw Self.translate(error)
        }
    }

    /// Constraint failures that no rule caught first still get a 4xx, never a 500.
    static func translate(_ error: any Error) -> RapportError {
        if let error = error as? RapportError { return error }
        guard let error = error as? StorageError else {
            return RapportError(.unavailable, "Unexpected error: \(error)")
        }
        switch error {
        case .uniqueViolation(let message):
            return RapportError(.alreadyExists, "A record with this key already exists (\(message)).")
        case .foreignKeyViolation:
            return RapportError(.conflict, "The change refers to a record that does not exist or is still in use.")
        case .checkViolation(let message), .notNullViolation(let message):
            return RapportError(.validationFailed, "A value is not allowed here (\(message)).")
        case .busy: return RapportError(.conflict, "The database is busy with a concurrent change; try again.")
        case .diskFull:
            return RapportError(.insufficientStorage, "The database's disk is full: nothing was written.")
        case .cannotOpen(let message), .other(let message):
            return RapportError(.unavailable, "The database failed: \(message)")
        }
    }
}
