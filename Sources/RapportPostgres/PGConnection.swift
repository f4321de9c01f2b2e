import Foundation
import Logging
import NIOCore
import PostgresNIO
import RapportCore
import RapportStorage

/// One transaction's connection, as the use cases see it: synchronous calls that wait for the server
/// (they run on the database's own thread pool, never on an event loop).
final class PGConnection: SQLConnection {
    let connection: PostgresConnection
    var dialect: SQLDialect { .postgres }
    static let logger = Logger(label: "rapport.postgres")
    /// Bulk inserts waiting to go out as `COPY`; sent before anything else is.
    private var batches: [PGPreparedStatement] = []
    var cursors = 0
    /// A write's second connection for `snapshotReader`, when it has one (`PostgresDatabase.writeWithSnapshotReader`).
    let spare: PGSnapshotReader?

    init(_ connection: PostgresConnection, spare: PGSnapshotReader? = nil) {
        self.connection = connection
        self.spare = spare
    }

    /// A statement without values (transaction control).
    func run(_ sql: String) throws {
        _ = try send(sql, [])
    }

    /// Begins the transaction, then runs `lock` (the write lock) in it: both sent at once, this thread waking once
    /// for the two (a write's group commit of e-mails is a handful of statements, each wake-up counts). The
    /// body runs only once both succeeded.
    func begin(_ begin: String, then lock: String?) throws {
        guard let lock else { return try run(begin) }
        let began = try start(begin, [])
        do {
            try run(lock)
        } catch {
            // A failed BEGIN is the error to report (the lock then failed outside a transaction, or with it).
            _ = try translating { try began.wait() }
            throw error
        }
        _ = try translating { try began.wait() }
    }

    func executeEach(_ statements: [SQLFragment]) throws {
        let sent = try statements.map { try start(Self.statement($0.sql), $0.binds) }
        // PostgreSQL answers in order: after the first failure the others fail as the transaction is aborted.
        for result in sent { _ = try translating { try result.wait() } }
    }

    func execute(_ sql: String, _ binds: [SQLValue]) throws -> Int {
        try send(Self.statement(sql), binds).metadata.rows ?? 0
    }

    private func send(_ sql: String, _ binds: [SQLValue]) throws -> PostgresQueryResult {
        for batch in batches { try batch.flush() }
        return try sendNow(sql, binds)
    }

    private func sendNow(_ sql: String, _ binds: [SQLValue]) throws -> PostgresQueryResult {
        try translating { try start(sql, binds).wait() }
    }

    /// Sends a statement without waiting for its result (PostgresNIO queues it behind those already sent).
    func start(_ sql: String, _ binds: [SQLValue]) throws -> EventLoopFuture<PostgresQueryResult> {
        for batch in batches { try batch.flush() }
        var bindings = PostgresBindings(capacity: binds.count)
        for value in binds {
            if value == .null { bindings.appendNull() } else { bindings.append(Bind(value)) }
        }
        return connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: Self.logger)
    }

    func query(_ sql: String, _ binds: [SQLValue]) throws -> [SQLRow] {
        try rows(of: send(Self.statement(sql), binds))
    }

    /// Streams through a server-side cursor, a thousand rows at a time, so an export of a million
    /// contacts never holds them all (the body may run other statements meanwhile).
    func forEachRow(_ sql: String, _ binds: [SQLValue], _ body: (SQLRow) throws -> Void) throws {
        cursors += 1
        let cursor = "rapport_rows_\(cursors)"
        _ = try send("DECLARE \(cursor) NO SCROLL CURSOR FOR " + Self.statement(sql), binds)
        while true {
            let page = try send("FETCH 1000 FROM \(cursor)", [])
            for row in try rows(of: page) { try body(row) }
            if page.rows.count < 1000 { break }
        }
        _ = try send("CLOSE \(cursor)", [])
    }

    /// A binary cursor read without decoding, each row as one composite value (`PGRecordCells`): one cell
    /// object per row from PostgresNIO instead of one per column, whose retains and releases were a third of
    /// the export's client time. The subquery keeps its ORDER BY (one with a sort or a limit is never pulled up).
    func forEachTextRow(
        _ sql: String, _ binds: [SQLValue], cell: (Int, UnsafeRawBufferPointer?) -> Void, endOfRow: () throws -> Void
    ) throws {
        cursors += 1
        let cursor = "rapport_text_\(cursors)"
        let rows = "SELECT rapport_row FROM (" + Self.statement(sql) + ") rapport_row"
        _ = try send("DECLARE \(cursor) BINARY NO SCROLL CURSOR FOR " + rows, binds)
        while true {
            let page = try send("FETCH \(Self.textPage) FROM \(cursor)", [])
            if try PGTextRows.handOver(page, cell: cell, endOfRow: endOfRow) < Self.textPage { break }
        }
        _ = try send("CLOSE \(cursor)", [])
    }

    /// Rows per `FETCH` of a text cursor: a few megabytes, and few round trips.
    static let textPage = 5000

    func rows(of result: PostgresQueryResult) throws -> [SQLRow] {
        guard let first = result.rows.first else { return [] }
        let columns = SQLRow.Columns(first.map(\.columnName))
        return try result.rows.map { row in SQLRow(columns: columns, values: try row.map(Self.value)) }
    }

    func prepare(_ sql: String) throws -> any SQLPreparedStatement {
        let statement = PGPreparedStatement(connection: self, sql: sql)
        if statement.copyTarget != nil { batches.append(statement) }
        return statement
    }

    /// Runs an insert of rows sent as array parameters (`PGArrayInsert`), without first sending the batches
    /// waiting (it is one of them).
    func insertArrays(_ sql: String, _ arrays: [PGArrayBind]) throws {
        var bindings = PostgresBindings(capacity: arrays.count)
        for array in arrays { bindings.append(array) }
        _ = try translating {
            try connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: Self.logger).wait()
        }
    }

    /// Sends rows in `COPY` text format with `COPY table (columns) FROM STDIN`. PostgresNIO offers COPY
    /// only as an async call: this thread (the database's own pool, never an event loop, so waiting
    /// cannot stall the connection it waits for) blocks until a task running it completes a promise.
    func copy(_ rows: ByteBuffer, into table: String, columns: [String]) throws {
        let connection = self.connection
        let done = connection.eventLoop.makePromise(of: Void.self)
        done.completeWithTask {
            try await connection.copyFrom(table: table, columns: columns, logger: Self.logger) { writer in
                try await writer.write(rows)
            }
        }
        do {
            try done.futureResult.wait()
        } catch let error as PSQLError {
            throw Self.translate(error, rows: rows)
        }
    }

    static func statement(_ sql: String) -> String {
        PostgresDialect.placeholders(sql)
    }

    /// Waits for a statement sent with `start`, failing as `execute` would.
    func wait(for statement: EventLoopFuture<PostgresQueryResult>) throws {
        _ = try translating { try statement.wait() }
    }

    func translating<T>(_ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch let error as PSQLError {
            throw Self.translate(error)
        }
    }

    static func value(_ cell: PostgresCell) throws -> SQLValue {
        guard var bytes = cell.bytes else { return .null }
        if cell.format == .text {
            let text = bytes.readString(length: bytes.readableBytes) ?? ""
            switch cell.dataType {
            case .int2, .int4, .int8: return Int64(text).map { .integer($0) } ?? .text(text)
            case .float4, .float8: return Double(text).map { .real($0) } ?? .text(text)
            case .numeric: return PostgresNumbers.number(text)
            case .bool: return .integer(text == "t" ? 1 : 0)
            default: return .text(text)
            }
        }
        switch cell.dataType {
        case .int2: return .integer(Int64(bytes.readInteger(as: Int16.self) ?? 0))
        case .int4: return .integer(Int64(bytes.readInteger(as: Int32.self) ?? 0))
        case .int8: return .integer(bytes.readInteger(as: Int64.self) ?? 0)
        case .float4: return .real(Double(Float(bitPattern: bytes.readInteger(as: UInt32.self) ?? 0)))
        case .float8: return .real(Double(bitPattern: bytes.readInteger(as: UInt64.self) ?? 0))
        case .bool: return .integer(Int64(bytes.readInteger(as: UInt8.self) ?? 0))
        case .bytea: return .blob(bytes.readBytes(length: bytes.readableBytes) ?? [])
        case .numeric: return PostgresNumbers.number(PostgresNumbers.numericText(&bytes))
        default: return .text(bytes.readString(length: bytes.readableBytes) ?? "")
        }
    }

    /// A failed `COPY` names the row it stopped at (the server says which line).
    static func translate(_ error: PSQLError, rows: ByteBuffer) -> StorageError {
        let context = error.serverInfo?[.locationContext] ?? ""
        guard let range = context.range(of: #"line [0-9]+"#, options: .regularExpression),
            let line = Int(context[range].dropFirst(5)), let row = PGCopyText.line(line, of: rows)
        else { return translate(error) }
        return translate(error, suffix: " (in the row: \(row.prefix(200)))")
    }

    static func translate(_ error: PSQLError, suffix: String = "") -> StorageError {
        let message = (error.serverInfo?[.message] ?? describe(error)) + suffix
        switch error.serverInfo?[.sqlState] {
        case "23505": return .uniqueViolation(message)
        case "23503": return .foreignKeyViolation(message)
        case "23514": return .checkViolation(message)
        case "23502": return .notNullViolation(message)
        case "40001", "40P01", "55P03": return .busy(message)
        case "53100": return .diskFull(message)
        default: return .other(message)
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            let server = [error.serverInfo?[.sqlState], error.serverInfo?[.message]].compactMap { $0 }
            return server.isEmpty ? "\(error.code)" : server.joined(separator: " ")
        }
        return "\(error)"
    }
}

/// One value sent with a statement, typed as the use case made it (`bigint`, `double precision`, `text`,
/// `bytea`), in text format but bytes.
struct Bind: PostgresDynamicTypeEncodable {
    let value: SQLValue

    init(_ value: SQLValue) {
        self.value = value
    }

    var psqlType: PostgresDataType {
        switch value {
        case .integer: .int8
        case .real: .float8
        case .blob: .bytea
        case .text, .null: .text
        }
    }

    var psqlFormat: PostgresFormat {
        if case .blob = value { return .binary }
        return .text
    }

    func encode<JSONEncoder: PostgresJSONEncoder>(
        into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>
    ) {
        switch value {
        case .null: break
        case .integer(let number): byteBuffer.writeString(String(number))
        case .real(let number): byteBuffer.writeString(String(number))
        case .text(let text): byteBuffer.writeString(text)
        case .blob(let bytes): byteBuffer.writeBytes(bytes)
        }
    }
}
