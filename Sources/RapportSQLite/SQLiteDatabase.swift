import Foundation
import GRDB
import RapportCore
import RapportStorage
import Synchronization

/// The embedded backend: one SQLite file in WAL mode with `synchronous=NORMAL` (the durability the
/// benchmarks compare against), foreign keys on. Writes are serialised by GRDB's writer queue.
package final class SQLiteDatabase: SQLDatabase {
    package var dialect: SQLDialect { .sqlite }
    private let writer: any DatabaseWriter
    /// GRDB treats use after `close()` as a programmer error and SQLite crashes on it; the protocol promises a
    /// failure instead (a readiness check on a closed database must answer "unavailable", not stop the process).
    private let isClosed = Mutex(false)

    /// Opens (creating if needed) the database file at `path`, or a private in-memory database for `:memory:`.
    package init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA cache_size = -65536")
        }
        do {
            if path == ":memory:" {
                writer = try DatabaseQueue(configuration: configuration)
            } else {
                writer = try DatabasePool(path: path, configuration: configuration)
            }
        } catch {
            throw StorageError.cannotOpen("\(path): \(Self.message(error))")
        }
    }

    package func write<T: Sendable>(
        _ useCase: String, _ body: @escaping @Sendable (any SQLConnection) throws -> T
    ) async throws -> T {
        try checkOpen()
        do {
            return try await writer.write { db in try body(GRDBConnection(db)) }
        } catch let error as DatabaseError {
            throw Self.translate(error)
        }
    }

    package func read<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        try checkOpen()
        do {
            return try await writer.read { db in try body(GRDBConnection(db)) }
        } catch let error as DatabaseError {
            throw Self.translate(error)
        }
    }

    package func close() async throws {
        try isClosed.withLock { closed in
            if !closed { try writer.close() }
            closed = true
        }
    }

    private func checkOpen() throws(StorageError) {
        if isClosed.withLock({ $0 }) { throw StorageError.other("The database is closed.") }
    }

    static func translate(_ error: DatabaseError) -> StorageError {
        let message = error.message ?? "\(error)"
        switch error.extendedResultCode {
        case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY: return .uniqueViolation(message)
        case .SQLITE_CONSTRAINT_FOREIGNKEY: return .foreignKeyViolation(message)
        case .SQLITE_CONSTRAINT_CHECK: return .checkViolation(message)
        case .SQLITE_CONSTRAINT_NOTNULL: return .notNullViolation(message)
        default:
            if error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED { return .busy(message) }
            if error.resultCode == .SQLITE_FULL { return .diskFull(message) }
            return .other(message)
        }
    }

    static func message(_ error: any Error) -> String {
        (error as? DatabaseError)?.message ?? "\(error)"
    }
}

/// Wraps GRDB's `Database` for the duration of one transaction closure.
final class GRDBConnection: SQLConnection {
    let db: Database
    var dialect: SQLDialect { .sqlite }

    init(_ db: Database) {
        self.db = db
    }

    func execute(_ sql: String, _ binds: [SQLValue]) throws -> Int {
        try translating {
            let statement = try db.cachedStatement(sql: sql)
            try statement.execute(arguments: Self.arguments(binds))
            return db.changesCount
        }
    }

    func query(_ sql: String, _ binds: [SQLValue]) throws -> [SQLRow] {
        var rows: [SQLRow] = []
        try forEachRow(sql, binds) { rows.append($0) }
        return rows
    }

    func forEachRow(_ sql: String, _ binds: [SQLValue], _ body: (SQLRow) throws -> Void) throws {
        try translating {
            let statement = try db.cachedStatement(sql: sql)
            let columns = SQLRow.Columns(statement.columnNames)
            let cursor = try Row.fetchCursor(statement, arguments: Self.arguments(binds))
            while let row = try cursor.next() {
                var values: [SQLValue] = []
                values.reserveCapacity(row.count)
                for index in 0..<row.count { values.append(Self.value(row[index] as DatabaseValue)) }
                try body(SQLRow(columns: columns, values: values))
            }
        }
    }

    func prepare(_ sql: String) throws -> any SQLPreparedStatement {
        try translating { GRDBPreparedStatement(try db.makeStatement(sql: sql)) }
    }

    private func translating<T>(_ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch let error as DatabaseError {
            throw SQLiteDatabase.translate(error)
        }
    }

    static func arguments(_ binds: [SQLValue]) -> StatementArguments {
        StatementArguments(binds.map(databaseValue))
    }

    static func databaseValue(_ value: SQLValue) -> DatabaseValue {
        switch value {
        case .null: .null
        case .integer(let number): number.databaseValue
        case .real(let number): number.databaseValue
        case .text(let text): text.databaseValue
        case .blob(let bytes): Data(bytes).databaseValue
        }
    }

    static func value(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: .null
        case .int64(let number): .integer(number)
        case .double(let number): .real(number)
        case .string(let text): .text(text)
        case .blob(let data): .blob([UInt8](data))
        }
    }
}

final class GRDBPreparedStatement: SQLPreparedStatement {
    let statement: Statement

    init(_ statement: Statement) {
        self.statement = statement
    }

    func execute(_ binds: [SQLValue]) throws {
        do {
            // Unchecked: the values were built for this statement, and checking costs per row in bulk loads.
            statement.setUncheckedArguments(GRDBConnection.arguments(binds))
            try statement.execute()
        } catch let error as DatabaseError {
            throw SQLiteDatabase.translate(error)
        }
    }
}
