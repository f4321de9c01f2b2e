import NIOCore
import PostgresNIO
import RapportCore
import RapportStorage

/// A statement run many times. Over the network a round trip per row is what costs, so a plain
/// `INSERT INTO t (a, b) VALUES (?, ?)` collects its rows in `COPY` text format and sends them with
/// `COPY t (a, b) FROM STDIN`, a few megabytes at a time (memory stays flat however many rows), and
/// before the connection runs anything else (so later statements see every row). Rows of integers and byte
/// strings alone go as arrays in binary form instead (`PGArrayInsert`). Any other statement runs row by row.
final class PGPreparedStatement: SQLPreparedStatement {
    unowned let connection: PGConnection
    let sql: String
    /// The table and columns of a plain insert, which goes out as `COPY`.
    let copyTarget: (table: String, columns: [String])?
    private var pending: [UInt8] = []
    private var arrays: PGArrayInsert?
    /// Rows are sent once this many bytes are waiting.
    static let chunkBytes = 4 << 20

    init(connection: PGConnection, sql: String) {
        self.connection = connection
        self.sql = sql
        self.copyTarget = Self.copyTarget(of: sql)
        self.arrays = copyTarget.map { PGArrayInsert(table: $0.table, columns: $0.columns) }
    }

    func execute(_ binds: [SQLValue]) throws {
        guard copyTarget != nil else {
            _ = try connection.execute(sql, binds)
            return
        }
        // The rows keep their order: a row of the other form first sends the ones waiting.
        if arrays?.accepts(binds) == true {
            try flushText()
            arrays?.append(binds)
            if (arrays?.byteCount ?? 0) >= Self.chunkBytes { try flushArrays() }
        } else {
            try flushArrays()
            PGCopyText.append(binds, to: &pending)
            if pending.count >= Self.chunkBytes { try flushText() }
        }
    }

    func flush() throws {
        try flushText()
        try flushArrays()
    }

    private func flushText() throws {
        guard let copyTarget, !pending.isEmpty else { return }
        let rows = ByteBuffer(bytes: pending)
        pending.removeAll(keepingCapacity: true)
        try connection.copy(rows, into: copyTarget.table, columns: copyTarget.columns)
    }

    private func flushArrays() throws {
        guard var waiting = arrays, !waiting.isEmpty else { return }
        let (sql, parameters) = waiting.take()
        arrays = waiting
        try connection.insertArrays(sql, parameters)
    }

    /// `INSERT INTO t (a, b) VALUES (?, ?)` with plain lower-case names and only placeholders → `t`, `[a, b]`.
    static func copyTarget(of sql: String) -> (table: String, columns: [String])? {
        let words = sql.split(separator: " ", maxSplits: 2)
        guard words.count == 3, words[0].uppercased() == "INSERT", words[1].uppercased() == "INTO",
            let open = words[2].firstIndex(of: "("), let close = words[2].firstIndex(of: ")"),
            let values = words[2].range(of: " VALUES (")
        else { return nil }
        let table = words[2][..<open].trimmingCharacters(in: .whitespaces)
        let columns = words[2][words[2].index(after: open)..<close].split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        let tuple = words[2][values.upperBound...]
        let placeholders = tuple.filter { $0 == "?" }.count
        guard values.lowerBound > close, tuple.allSatisfy({ "?, )".contains($0) }), tuple.hasSuffix(")"),
            placeholders == columns.count, ([table] + columns).allSatisfy(isPlainName)
        else { return nil }
        return (table, columns)
    }

    /// A name PostgreSQL reads the same quoted or not (the COPY statement quotes it).
    static func isPlainName(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            return false
        }
        return name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_")
        }
    }
}
