/// The bytes that carry meaning in CSV, shared by the reader and the writer.
enum CSVByte {
    static let comma: UInt8 = 0x2C
    static let quote: UInt8 = 0x22
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    /// The UTF-8 encoding of U+FEFF, which spreadsheet programs put at the start of "UTF-8 CSV" files.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
}
