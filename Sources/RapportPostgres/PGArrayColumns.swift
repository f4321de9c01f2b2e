import NIOCore
import RapportStorage

/// The rows of a narrow query sent as one row of arrays, one array per column (`SELECT array_agg(c0),
/// array_agg(c1) FROM (…) q(c0, c1)`): PostgresNIO then makes a handful of objects per query instead of some
/// per row. Layout of a one-dimensional array in binary form (PostgreSQL's `array_send`, integers big-endian):
/// the dimension count (int32, 0 for an empty array), a has-NULLs flag (int32), the element type oid (uint32),
/// per dimension its length and lower bound (int32 each), then per element its length (int32, -1 for NULL)
/// and bytes.
enum PGArrayColumns {
    /// Hands over row by row the elements of `columns` (each the bytes of one array, nil when the query had no
    /// rows, as `array_agg` of nothing is NULL), as `PGRecordCells` does a row's columns.
    static func forEach(
        _ columns: [ByteBuffer?], cell: (Int, UnsafeRawBufferPointer?) -> Void, endOfRow: () throws -> Void
    ) throws {
        guard let first = columns.first, first != nil else { return }
        var readers: [Element] = []
        for column in columns {
            guard let column else { throw StorageError.other("a column of a text export has no array") }
            readers.append(try Element(column))
        }
        let count = readers[0].count
        guard readers.allSatisfy({ $0.count == count }) else {
            throw StorageError.other("the columns of a text export differ in length")
        }
        for _ in 0..<count {
            for index in readers.indices {
                try readers[index].next { cell(index, $0) }
            }
            try endOfRow()
        }
    }

    /// One array's elements, read in order.
    struct Element {
        let bytes: ByteBuffer
        let type: UInt32
        let count: Int
        var offset: Int

        init(_ bytes: ByteBuffer) throws {
            self.bytes = bytes
            let header = try bytes.withUnsafeReadableBytes { raw in
                var reader = PGRecordCells.Reader(raw: raw)
                let dimensions = try reader.int32()
                _ = try reader.int32()
                let type = UInt32(bitPattern: try reader.int32())
                guard dimensions <= 1 else {
                    throw StorageError.other("a text export's array has \(dimensions) dimensions")
                }
                let count = dimensions == 1 ? try reader.int32() : 0
                if dimensions == 1 { _ = try reader.int32() }
                return (type, Int(count), reader.offset)
            }
            (type, count, offset) = header
        }

        /// Hands the next element to `body` (its bytes, nil for NULL; integers as decimal text).
        mutating func next(_ body: (UnsafeRawBufferPointer?) -> Void) throws {
            let (type, start) = (self.type, offset)
            offset = try bytes.withUnsafeReadableBytes { raw in
                var reader = PGRecordCells.Reader(raw: raw, offset: start)
                try PGRecordCells.handOver(type: type, &reader, body)
                return reader.offset
            }
        }
    }
}
