import NIOCore
import RapportStorage

/// The cells of one row sent as a single composite value in binary form (`SELECT q FROM (…) q` through a
/// binary cursor), so PostgresNIO makes one cell object per row instead of one per column; the columns are
/// read here from the value's bytes. Layout (PostgreSQL's `record_send`, integers big-endian): the column
/// count (int32), then per column its type oid (uint32) and its length (int32, -1 for NULL) followed by that
/// many bytes of the type's binary form. A text column's binary form is its UTF-8 bytes.
enum PGRecordCells {
    /// Whether a type's binary form is the text's UTF-8 bytes: text, varchar, bpchar, name.
    static func isText(_ type: UInt32) -> Bool {
        type == 25 || type == 1043 || type == 1042 || type == 19
    }

    /// Hands each column of `record` to `cell` in order: its bytes (valid only during the call), or nil for
    /// NULL. Integer columns are handed on as their decimal text; any other type is refused (the text
    /// export's queries build text; a number is the one thing worth tolerating).
    static func forEach(_ record: ByteBuffer, _ cell: (Int, UnsafeRawBufferPointer?) -> Void) throws {
        try record.withUnsafeReadableBytes { raw in
            var reader = Reader(raw: raw)
            let count = try reader.int32()
            for index in 0..<Int(count) {
                let type = UInt32(bitPattern: try reader.int32())
                try handOver(type: type, &reader) { cell(index, $0) }
            }
            guard reader.offset == raw.count else {
                throw StorageError.other("a row of a text export has \(raw.count - reader.offset) bytes too many")
            }
        }
    }

    /// Reads one value of `type` (its length, -1 for NULL, then its bytes) and hands it to `body`.
    static func handOver(type: UInt32, _ reader: inout Reader, _ body: (UnsafeRawBufferPointer?) -> Void) throws {
        let length = try reader.int32()
        guard length >= 0 else { return body(nil) }
        let bytes = try reader.bytes(Int(length))
        if isText(type) {
            body(bytes)
        } else if let number = integer(bytes, type: type) {
            Array(String(number).utf8).withUnsafeBytes { body($0) }
        } else {
            throw StorageError.other("a value of a text export is of type \(type), not text")
        }
    }

    /// The value of an int2, int4 or int8 column (oids 21, 23, 20), else nil.
    static func integer(_ bytes: UnsafeRawBufferPointer, type: UInt32) -> Int64? {
        switch (type, bytes.count) {
        case (21, 2): Int64(Int16(bigEndian: bytes.loadUnaligned(as: Int16.self)))
        case (23, 4): Int64(Int32(bigEndian: bytes.loadUnaligned(as: Int32.self)))
        case (20, 8): Int64(bigEndian: bytes.loadUnaligned(as: Int64.self))
        default: nil
        }
    }

    /// Reads the record's parts in order, refusing to run past its end.
    struct Reader {
        let raw: UnsafeRawBufferPointer
        var offset = 0

        mutating func int32() throws -> Int32 {
            let part = try bytes(4)
            return Int32(bigEndian: part.loadUnaligned(as: Int32.self))
        }

        mutating func bytes(_ count: Int) throws -> UnsafeRawBufferPointer {
            guard count <= raw.count - offset else {
                throw StorageError.other("a row of a text export ends early, at byte \(raw.count) of \(offset + count)")
            }
            defer { offset += count }
            return UnsafeRawBufferPointer(rebasing: raw[offset..<offset + count])
        }
    }
}
