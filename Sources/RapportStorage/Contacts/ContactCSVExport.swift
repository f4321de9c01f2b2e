import Foundation
import RapportCore

/// Streams contacts as the contacts CSV, a chunk at a time inside one read transaction: a chunk's own
/// fields, then each code list's or child collection's rows for the chunk's contacts, merged in by key
/// (both sides sorted by the contact no, byte order as both databases sort it). Every cell is kept as the
/// bytes the database sent and written by `ContactCSVRows`; no record, value or dictionary per contact,
/// and memory bounded by the chunk.
enum ContactCSVExport {
    /// What to export: the chunk query (own fields in `ContactCSVQuery.columns` order, then the page key)
    /// and, per relation, its `(owner, value)` rows for the chunk between two page keys.
    struct Source {
        var chunk: (_ after: [UInt8]?, _ limit: Int) -> SQLFragment
        var related: (_ relation: ContactCSVQuery.Relation, _ after: [UInt8]?, _ last: [UInt8]) -> SQLFragment
    }

    /// Contacts per chunk: a few megabytes of cells, and few round trips.
    package static let chunkSize = 10_000

    /// Writes the header and every row of `source` to `sink`, `chunkSize` rows at a time; returns the number
    /// of rows. One chunk ahead is always on its way: before a chunk is written, the next chunk's own fields
    /// are read and its lists and the chunk after it are sent (`startTextRows`), so on PostgreSQL the server
    /// works on them while this thread writes. At most three chunks are held at once. The lists are read on
    /// `listConnection` (the same snapshot as `connection`, see `SQLDatabase.readInParallel`): on PostgreSQL
    /// a second server process builds them while the first builds the chunks, which is half the server's work
    /// of an export (1M contacts: about 4 s of CPU for the chunks, 3 s for the lists, and 4 s in this process).
    static func write(
        _ source: Source, _ connection: any SQLConnection, lists listConnection: (any SQLConnection)? = nil,
        chunkSize: Int = chunkSize, to sink: @escaping ([UInt8]) throws -> Void
    ) throws -> Int {
        let listConnection = listConnection ?? connection
        var rows = ContactCSVRows(sink: sink)
        let ownCount = ContactCSVQuery.columns.count - ContactCSVQuery.relations.count
        func start(after: [UInt8]?) throws -> any SQLTextRows {
            let query = source.chunk(after, chunkSize)
            return try connection.startTextRows(query.sql, query.binds, columns: ownCount + 1)
        }
        /// A chunk's own fields read, its lists sent, and the next chunk sent when this one is full.
        func open(_ own: any SQLTextRows, after: [UInt8]?) throws -> Pending? {
            var cells = TextCells(width: ownCount + 1)
            try cells.read(own)
            guard cells.rowCount > 0 else { return nil }
            let last = cells.bytes(row: cells.rowCount - 1, column: ownCount)
            let related = try ContactCSVQuery.relations.map { relation in
                let query = source.related(relation, after, last)
                return try listConnection.startTextRows(query.sql, query.binds, columns: 2)
            }
            let next = cells.rowCount == chunkSize ? try start(after: last) : nil
            return Pending(own: cells, related: related, next: next, last: last)
        }
        var pending = try open(try start(after: nil), after: nil)
        while let chunk = pending {
            var related: [TextCells] = []
            for rows in chunk.related {
                var cells = TextCells(width: 2)
                try cells.read(rows)
                related.append(cells)
            }
            pending = try chunk.next.flatMap { try open($0, after: chunk.last) }
            try write(own: chunk.own, related: related, to: &rows)
        }
        try rows.finish()
        return rows.count
    }

    /// A chunk read but not yet written: its own fields, its lists (sent, not yet read) and the next chunk.
    struct Pending {
        var own: TextCells
        var related: [any SQLTextRows]
        var next: (any SQLTextRows)?
        var last: [UInt8]
    }

    /// Writes one chunk's rows: own fields as they are, each list's rows merged in by key and joined by `;`.
    static func write(own: TextCells, related: [TextCells], to rows: inout ContactCSVRows) throws {
        let order = own.order(of: 0)
        let ranges = related.map { $0.ranges(of: own, keyColumn: 0, order: order) }
        // Computed from the catalogue: once per chunk, not per row.
        let columns = ContactCSVQuery.columns
        var joined: [UInt8] = []
        for row in 0..<own.rowCount {
            for (index, column) in columns.enumerated() {
                switch column {
                case .own(let position):
                    own.withCell(row: row, column: position) { rows.append(cell: index, $0) }
                case .related(let position):
                    joined.removeAll(keepingCapacity: true)
                    for entry in ranges[position][row] {
                        if !joined.isEmpty { joined.append(UInt8(ascii: ";")) }
                        related[position].withCell(row: entry, column: 1) {
                            joined.append(contentsOf: $0 ?? .init(start: nil, count: 0))
                        }
                    }
                    joined.withUnsafeBytes { rows.append(cell: index, joined.isEmpty ? nil : $0) }
                }
            }
            try rows.endRow()
        }
    }
}

/// The text cells of some rows as one byte buffer with each cell's range (nil for NULL).
struct TextCells {
    let width: Int
    private var buffer: [UInt8] = []
    private var cells: [Range<Int>?] = []

    init(width: Int) {
        self.width = width
    }

    var rowCount: Int { cells.count / width }

    mutating func read(_ rows: any SQLTextRows) throws {
        try rows.forEach(
            cell: { _, text in
                guard let text else {
                    cells.append(nil)
                    return
                }
                let start = buffer.count
                buffer.append(contentsOf: text)
                cells.append(start..<buffer.count)
            }, endOfRow: {})
    }

    func bytes(row: Int, column: Int) -> [UInt8] {
        guard let range = cells[row * width + column] else { return [] }
        return Array(buffer[range])
    }

    func withCell<T>(row: Int, column: Int, _ body: (UnsafeRawBufferPointer?) throws -> T) rethrows -> T {
        guard let range = cells[row * width + column] else { return try body(nil) }
        return try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    /// For each row of `owners`, the range of these rows (sorted by their column 0) whose column 0 equals the
    /// owner row's `keyColumn`. The owners need not be sorted (a segment's lines are in line order): they are
    /// visited in key order and merged against these rows.
    func ranges(of owners: TextCells, keyColumn: Int, order: [Int]? = nil) -> [Range<Int>] {
        var result = Array(repeating: 0..<0, count: owners.rowCount)
        let order = order ?? owners.order(of: keyColumn)
        var position = 0
        for owner in order {
            while position < rowCount,
                compare(row: position, column: 0, with: owners, row: owner, column: keyColumn) < 0
            {
                position += 1
            }
            var end = position
            while end < rowCount, compare(row: end, column: 0, with: owners, row: owner, column: keyColumn) == 0 {
                end += 1
            }
            // The same contact on two lines takes the same rows: the next owner starts where this one did.
            result[owner] = position..<end
        }
        return result
    }

    /// The rows in the byte order of `column`: as they are when already sorted (a chunk of contacts, read in key
    /// order), checked in one pass, else sorted (a segment's lines).
    func order(of column: Int) -> [Int] {
        let rows = Array(0..<rowCount)
        let sorted = rows.dropFirst().allSatisfy {
            compare(row: $0 - 1, column: column, with: self, row: $0, column: column) <= 0
        }
        if sorted { return rows }
        return rows.sorted { compare(row: $0, column: column, with: self, row: $1, column: column) < 0 }
    }

    /// Byte order of two cells (NULL first), as both databases sort text.
    func compare(row: Int, column: Int, with other: TextCells, row otherRow: Int, column otherColumn: Int) -> Int {
        withCell(row: row, column: column) { left in
            other.withCell(row: otherRow, column: otherColumn) { right in
                guard let left else { return right == nil ? 0 : -1 }
                guard let right else { return 1 }
                let common = min(left.count, right.count)
                if common > 0, let a = left.baseAddress, let b = right.baseAddress {
                    let order = memcmp(a, b, common)
                    if order != 0 { return Int(order) }
                }
                return left.count - right.count
            }
        }
    }
}
