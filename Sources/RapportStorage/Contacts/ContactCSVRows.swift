import RapportCore

/// Writes the cells `ContactCSVExport` reads as the contacts CSV, straight from the database's bytes: each cell goes
/// through the formula guard and the quoting of `CSVFormulaGuard.escape` and `CSVWriter` (the same bytes,
/// held so by the export tests), and the bytes go to the sink every `chunkBytes`, so memory stays flat.
struct ContactCSVRows {
    let sink: ([UInt8]) throws -> Void
    private(set) var count = 0
    private var bytes: [UInt8] = []
    static let chunkBytes = 256 << 10

    init(sink: @escaping ([UInt8]) throws -> Void) {
        self.sink = sink
        bytes.reserveCapacity(Self.chunkBytes + 4096)
        CSVWriter.appendRecord(ContactCSVFormat.header, to: &bytes)
    }

    mutating func append(cell index: Int, _ text: UnsafeRawBufferPointer?) {
        if index > 0 { bytes.append(CSVCellBytes.comma) }
        guard let text, let first = text.first else { return }
        let guarded = CSVCellBytes.isFormulaStart(first)
        let last = text[text.count - 1]
        let quoted =
            (!guarded && first == CSVCellBytes.space) || last == CSVCellBytes.space
            || text.contains {
                $0 == CSVCellBytes.comma || $0 == CSVCellBytes.quote || $0 == CSVCellBytes.lineFeed
                    || $0 == CSVCellBytes.carriageReturn
            }
        if quoted { bytes.append(CSVCellBytes.quote) }
        if guarded { bytes.append(CSVCellBytes.apostrophe) }
        if quoted {
            for byte in text {
                bytes.append(byte)
                if byte == CSVCellBytes.quote { bytes.append(byte) }
            }
            bytes.append(CSVCellBytes.quote)
        } else {
            bytes.append(contentsOf: text)
        }
    }

    mutating func endRow() throws {
        bytes.append(CSVCellBytes.carriageReturn)
        bytes.append(CSVCellBytes.lineFeed)
        count += 1
        if bytes.count >= Self.chunkBytes { try flush() }
    }

    mutating func finish() throws {
        try flush()
    }

    private mutating func flush() throws {
        guard !bytes.isEmpty else { return }
        try sink(bytes)
        bytes.removeAll(keepingCapacity: true)
    }
}

/// The bytes the CSV format and its formula guard look at.
enum CSVCellBytes {
    static let comma = UInt8(ascii: ",")
    static let quote = UInt8(ascii: "\"")
    static let space = UInt8(ascii: " ")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let apostrophe = UInt8(ascii: "'")

    /// What `CSVFormulaGuard.escape` puts an apostrophe before.
    static func isFormulaStart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), UInt8(ascii: "\t"),
            carriageReturn, apostrophe:
            return true
        default:
            return false
        }
    }
}
