import NIOCore
import Testing

@testable import RapportPostgres
@testable import RapportStorage

/// A row read as one composite value (`PGRecordCells`): its columns come out of the bytes of `record_send`.
@Suite("Composite rows")
struct PostgresRecordCellsTests {
    /// A record's bytes: the column count, then per column its type oid, its length (-1 for NULL) and bytes.
    static func record(_ columns: [(type: UInt32, bytes: [UInt8]?)]) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeInteger(Int32(columns.count))
        for column in columns {
            buffer.writeInteger(column.type)
            guard let bytes = column.bytes else {
                buffer.writeInteger(Int32(-1))
                continue
            }
            buffer.writeInteger(Int32(bytes.count))
            buffer.writeBytes(bytes)
        }
        return buffer
    }

    static func cells(_ record: ByteBuffer) throws -> [String?] {
        var cells: [String?] = []
        try PGRecordCells.forEach(record) { index, bytes in
            #expect(index == cells.count)
            cells.append(bytes.map { String(decoding: $0, as: UTF8.self) })
        }
        return cells
    }

    @Test func textNullEmptyAndIntegersComeOutInOrder() throws {
        let record = Self.record([
            (25, Array("Zoë 😀 שלום".utf8)), (25, nil), (1043, []), (23, [0xFF, 0xFF, 0xFF, 0xFE]),
            (20, [0, 0, 0, 0, 0, 0, 0x30, 0x39]), (21, [0, 7]), (1042, Array("a,\"b\"\r\n".utf8)),
        ])
        #expect(try Self.cells(record) == ["Zoë 😀 שלום", nil, "", "-2", "12345", "7", "a,\"b\"\r\n"])
        #expect(try Self.cells(Self.record([])) == [])
    }

    @Test func aTruncatedRecordOrAnotherTypeIsRefused() throws {
        let whole = Self.record([(25, Array("abc".utf8))])
        let short = try #require(whole.getSlice(at: 0, length: whole.readableBytes - 1))
        #expect(throws: StorageError.self) { try Self.cells(short) }
        let cut = try #require(whole.getSlice(at: 0, length: 6))
        #expect(throws: StorageError.self) { try Self.cells(cut) }
        var longer = whole
        longer.writeInteger(UInt8(0))
        #expect(throws: StorageError.self) { try Self.cells(longer) }
        #expect(throws: StorageError.self) { try Self.cells(Self.record([(701, [0, 0, 0, 0, 0, 0, 0, 0])])) }
    }

    /// A one-dimensional array's bytes (no elements: zero dimensions, as PostgreSQL sends it).
    static func array(_ type: UInt32, _ elements: [[UInt8]?]) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeInteger(Int32(elements.isEmpty ? 0 : 1))
        buffer.writeInteger(Int32(elements.contains { $0 == nil } ? 1 : 0))
        buffer.writeInteger(type)
        if !elements.isEmpty {
            buffer.writeInteger(Int32(elements.count))
            buffer.writeInteger(Int32(1))
        }
        for element in elements {
            guard let element else {
                buffer.writeInteger(Int32(-1))
                continue
            }
            buffer.writeInteger(Int32(element.count))
            buffer.writeBytes(element)
        }
        return buffer
    }

    static func rows(_ columns: [ByteBuffer?]) throws -> [[String?]] {
        var rows: [[String?]] = []
        var row: [String?] = []
        try PGArrayColumns.forEach(
            columns,
            cell: { index, bytes in
                #expect(index == row.count)
                row.append(bytes.map { String(decoding: $0, as: UTF8.self) })
            },
            endOfRow: {
                rows.append(row)
                row = []
            })
        return rows
    }

    @Test func arraysOfColumnsComeOutRowByRow() throws {
        let owners = Self.array(25, [Array("C1".utf8), Array("C1".utf8), Array("P1".utf8)])
        let values = Self.array(25, [Array("NEWS".utf8), nil, []])
        #expect(try Self.rows([owners, values]) == [["C1", "NEWS"], ["C1", nil], ["P1", ""]])
        #expect(try Self.rows([Self.array(20, [[0, 0, 0, 0, 0, 0, 0, 9]])]) == [["9"]])
        #expect(try Self.rows([nil, nil]) == [])
        #expect(try Self.rows([Self.array(25, []), Self.array(25, [])]) == [])
        let short = Self.array(25, [Array("C1".utf8)])
        #expect(throws: StorageError.self) { try Self.rows([owners, short]) }
        #expect(throws: StorageError.self) { try Self.rows([owners, nil]) }
    }
}
