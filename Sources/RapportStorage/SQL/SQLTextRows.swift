import RapportCore

/// The rows of a query `SQLConnection.startTextRows` sent, read once, as `forEachTextRow` hands them over.
package protocol SQLTextRows {
    func forEach(cell: (Int, UnsafeRawBufferPointer?) -> Void, endOfRow: () throws -> Void) throws
}

extension SQLConnection {
    /// Nothing is sent before the rows are read (a backend whose statements cannot overlap the caller's work).
    package func startTextRows(_ sql: String, _ binds: [SQLValue], columns: Int) throws -> any SQLTextRows {
        DeferredTextRows(connection: self, sql: sql, binds: binds)
    }
}

/// A query run by `forEachTextRow` when its rows are read.
struct DeferredTextRows: SQLTextRows {
    let connection: any SQLConnection
    let sql: String
    let binds: [SQLValue]

    func forEach(cell: (Int, UnsafeRawBufferPointer?) -> Void, endOfRow: () throws -> Void) throws {
        try connection.forEachTextRow(sql, binds, cell: cell, endOfRow: endOfRow)
    }
}
