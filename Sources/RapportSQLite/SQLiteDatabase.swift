import Foundation
import GRDB
import GRDBSQLite
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
        // GRDB's default of 5 readers let five slow reads (live counts over a million contacts) hold every reader
        // while a busy server's quick ones (session lookups, short lists) queued behind them; with more, the
        // quick ones interleave and finish. Readers are opened as they are first needed.
        configuration.maximumReaderCount = 16
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA cache_size = -65536")
            // Every commit makes each reader drop its page cache at its next transaction (WAL), so under a
            // steady trickle of writes the reads fetched their pages again with read(2), copying them from the
            // kernel: an eighth of a loaded server's CPU. Mapped, the pages are read in place. SQLite caps the
            // size at its own compile-time limit.
            try db.execute(sql: "PRAGMA mmap_size = 17179869184")
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

    /// `PRAGMA foreign_keys` is ignored inside a transaction, so it is turned off before this one begins and on
    /// again once it has ended, committed or not, before the writer takes any other write.
    package func writeCheckingOwnForeignKeys<T: Sendable>(
        _ useCase: String, _ body: @escaping @Sendable (any SQLConnection) throws -> T
    ) async throws -> T {
        try checkOpen()
        do {
            return try await writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                let outcome = Result {
                    var value: T?
                    try db.inTransaction(.immediate) {
                        value = try body(GRDBConnection(db))
                        return .commit
                    }
                    guard let value else { throw StorageError.other("The write ended without a result.") }
                    return value
                }
                try db.execute(sql: "PRAGMA foreign_keys = ON")
                return try outcome.get()
            }
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

    /// Reads each cell's text straight from SQLite's own buffer (`sqlite3_column_text`), which stays valid
    /// until the statement steps on.
    func forEachTextRow(
        _ sql: String, _ binds: [SQLValue], cell: (Int, UnsafeRawBufferPointer?) -> Void, endOfRow: () throws -> Void
    ) throws {
        try translating {
            let statement = try db.cachedStatement(sql: sql)
            let sqlite = statement.sqliteStatement
            let columns = Int(sqlite3_column_count(sqlite))
            let cursor = try Row.fetchCursor(statement, arguments: Self.arguments(binds))
            while try cursor.next() != nil {
                for index in 0..<columns {
                    let column = Int32(index)
                    guard sqlite3_column_type(sqlite, column) != SQLITE_NULL,
                        let text = sqlite3_column_text(sqlite, column)
                    else {
                        cell(index, nil)
                        continue
                    }
                    cell(index, UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(sqlite, column))))
                }
                try endOfRow()
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

    /// Binds the values straight to the SQLite statement and steps it: bulk loads run this once per row or
    /// batch, and going through GRDB's `StatementArguments` cost more than the insert itself. The statement is
    /// a plain insert, so nothing GRDB tracks (observers, the transaction state) is bypassed.
    func execute(_ binds: [SQLValue]) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        for (offset, value) in binds.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(handle, index)
            case .integer(let number): code = sqlite3_bind_int64(handle, index, number)
            case .real(let number): code = sqlite3_bind_double(handle, index, number)
            case .text(let text):
                var text = text
                code = text.withUTF8 { bytes in
                    // An empty buffer may have no address, which SQLite would bind as NULL rather than ''.
                    guard bytes.count > 0 else { return sqlite3_bind_text(handle, index, "", 0, Self.transient) }
                    return sqlite3_bind_text(
                        handle, index,
                        bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                        Int32(bytes.count), Self.transient)
                }
            case .blob(let bytes):
                code = bytes.withUnsafeBytes {
                    sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), Self.transient)
                }
            }
            guard code == SQLITE_OK else { throw failure(code) }
        }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let error = failure(code)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// SQLite copies the bytes before the bind call returns.
    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private func failure(_ code: Int32) -> StorageError {
        let database = sqlite3_db_handle(statement.sqliteStatement)
        let extended = sqlite3_extended_errcode(database)
        let message = String(cString: sqlite3_errmsg(database))
        return SQLiteDatabase.translate(
            DatabaseError(resultCode: ResultCode(rawValue: extended != 0 ? extended : code), message: message))
    }
}
