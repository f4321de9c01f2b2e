import NIOCore
import PostgresNIO
import RapportCore
import RapportStorage

extension PGConnection {
    /// Sends the query as a binary cursor read whole (`DECLARE`, `FETCH ALL`, `CLOSE`, one after another
    /// without waiting). PostgresNIO sends each as soon as the one before is answered, so the server works while
    /// this thread does something else. A cursor, not a plain query, because PostgreSQL plans a cursor without
    /// parallel workers (a chunk's query on 2 cores would otherwise start two for a few milliseconds of work).
    /// A narrow query comes as one row of arrays, one per column (`PGArrayColumns`), a wide one as a composite
    /// per row (`PGRecordCells`): per cell, arrays cost the server less than composites for two columns and
    /// more for twenty-five (measured on a 10,000-contact chunk), and either spares PostgresNIO its objects.
    func startTextRows(_ sql: String, _ binds: [SQLValue], columns: Int) throws -> any SQLTextRows {
        cursors += 1
        let cursor = "rapport_text_\(cursors)"
        let arrays = columns <= Self.arrayColumns
        let rows: String
        if arrays {
            let names = (0..<columns).map { "c\($0)" }
            rows =
                "SELECT " + names.map { "array_agg(\($0))" }.joined(separator: ", ") + " FROM ("
                + Self.statement(sql) + ") rapport_row(" + names.joined(separator: ", ") + ")"
        } else {
            rows = "SELECT rapport_row FROM (" + Self.statement(sql) + ") rapport_row"
        }
        return PGTextRows(
            arrays: arrays, declare: try start("DECLARE \(cursor) BINARY NO SCROLL CURSOR FOR " + rows, binds),
            fetch: try start("FETCH ALL FROM \(cursor)", []), close: try start("CLOSE \(cursor)", []))
    }

    /// Queries of at most this many columns come as arrays.
    static let arrayColumns = 4
}

/// A text query sent by `PGConnection.startTextRows`: waits for its answers when read.
struct PGTextRows: SQLTextRows {
    let arrays: Bool
    let declare: EventLoopFuture<PostgresQueryResult>
    let fetch: EventLoopFuture<PostgresQueryResult>
    let close: EventLoopFuture<PostgresQueryResult>

    func forEach(cell: (Int, UnsafeRawBufferPointer?) -> Void, endOfRow: () throws -> Void) throws {
        // The DECLARE's own error first: the FETCH after a failed DECLARE only says there is no cursor.
        _ = try Self.wait(declare)
        let result = try Self.wait(fetch)
        if arrays {
            for row in result.rows {
                try PGArrayColumns.forEach(row.map(\.bytes), cell: cell, endOfRow: endOfRow)
            }
        } else {
            try Self.handOver(result, cell: cell, endOfRow: endOfRow)
        }
        _ = try Self.wait(close)
    }

    /// Hands over the rows of a fetch whose every row is one composite cell; returns how many there were.
    @discardableResult
    static func handOver(
        _ result: PostgresQueryResult, cell: (Int, UnsafeRawBufferPointer?) -> Void, endOfRow: () throws -> Void
    ) throws -> Int {
        var count = 0
        for row in result.rows {
            count += 1
            for record in row {
                guard let bytes = record.bytes else { throw StorageError.other("a text export's row is NULL") }
                try PGRecordCells.forEach(bytes, cell)
            }
            try endOfRow()
        }
        return count
    }

    static func wait(_ future: EventLoopFuture<PostgresQueryResult>) throws -> PostgresQueryResult {
        do {
            return try future.wait()
        } catch let error as PSQLError {
            throw PGConnection.translate(error)
        }
    }
}
