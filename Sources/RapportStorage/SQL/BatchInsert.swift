import RapportCore

/// Inserts many rows into one table through a prepared statement. On SQLite it sends `rowsPerStatement` rows
/// per execution of a multi-row `INSERT ... VALUES (...), (...)`, so the per-statement cost (reset, bind
/// bookkeeping, the virtual machine's start) is paid once per batch instead of once per row. On PostgreSQL
/// the single-row insert is already gathered into `COPY` by the backend, so rows go one at a time.
final class BatchInsert {
    let connection: any SQLConnection
    let table: String
    let columns: [String]
    let rowsPerStatement: Int
    private var batch: (any SQLPreparedStatement)?
    private var single: (any SQLPreparedStatement)?
    private var pending: [SQLValue] = []
    private var pendingRows = 0

    /// SQLite allows 32,766 parameters per statement; a few hundred rows' worth keeps statements small.
    static let maxParameters = 2_000

    init(_ connection: any SQLConnection, table: String, columns: [String]) {
        self.connection = connection
        self.table = table
        self.columns = columns
        rowsPerStatement = connection.dialect == .sqlite ? max(1, min(64, Self.maxParameters / columns.count)) : 1
        pending.reserveCapacity(rowsPerStatement * columns.count)
    }

    /// Queues one row (its values in `columns` order); full batches are written at once.
    func append(_ values: [SQLValue]) throws {
        pending.append(contentsOf: values)
        pendingRows += 1
        if pendingRows == rowsPerStatement { try write(rows: pendingRows) }
    }

    /// Queues one row given as a prefix and its values, without building the joined array.
    func append(_ first: SQLValue, _ rest: [SQLValue]) throws {
        pending.append(first)
        pending.append(contentsOf: rest)
        pendingRows += 1
        if pendingRows == rowsPerStatement { try write(rows: pendingRows) }
    }

    /// Writes the rows still queued, one statement each (fewer than a batch).
    func flush() throws {
        guard pendingRows > 0 else { return }
        if single == nil { single = try connection.prepare(Self.sql(table, columns, rows: 1)) }
        let width = columns.count
        for row in 0..<pendingRows {
            try single?.execute(Array(pending[(row * width)..<((row + 1) * width)]))
        }
        pending.removeAll(keepingCapacity: true)
        pendingRows = 0
    }

    private func write(rows: Int) throws {
        if batch == nil { batch = try connection.prepare(Self.sql(table, columns, rows: rows)) }
        try batch?.execute(pending)
        pending.removeAll(keepingCapacity: true)
        pendingRows = 0
    }

    static func sql(_ table: String, _ columns: [String], rows: Int) -> String {
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
            + Array(repeating: tuple, count: rows).joined(separator: ", ")
    }
}
