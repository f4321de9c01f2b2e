/// Constants of the ZIP format (PKWARE APPNOTE 6.3) used by the reader and the writer.
enum ZIPFormat {
    static let localHeaderSignature: UInt32 = 0x0403_4b50
    static let centralHeaderSignature: UInt32 = 0x0201_4b50
    static let dataDescriptorSignature: UInt32 = 0x0807_4b50
    static let endOfCentralDirectorySignature: UInt32 = 0x0605_4b50
    static let zip64EndOfCentralDirectorySignature: UInt32 = 0x0606_4b50
    static let zip64LocatorSignature: UInt32 = 0x0706_4b50
    static let zip64ExtraID: UInt16 = 0x0001

    static let localHeaderSize = 30
    static let centralHeaderSize = 46
    static let endOfCentralDirectorySize = 22
    static let zip64EndOfCentralDirectorySize = 56
    static let zip64LocatorSize = 20

    /// General-purpose flag bits.
    static let flagEncrypted: UInt16 = 1 << 0
    static let flagDataDescriptor: UInt16 = 1 << 3
    static let flagUTF8: UInt16 = 1 << 11

    /// "Version needed to extract": 2.0 for deflate, 4.5 for ZIP64.
    static let versionDeflate: UInt16 = 20
    static let versionZIP64: UInt16 = 45

    static let max16 = 0xFFFF
    static let max32 = 0xFFFF_FFFF

    /// 1980-01-01 00:00, the DOS epoch: Word's own timestamp, and a deterministic default.
    static let dosEpochDate: UInt16 = (0 << 9) | (1 << 5) | 1
    static let dosEpochTime: UInt16 = 0
}

/// Compression methods this library reads and writes.
public enum ZIPMethod: UInt16, Sendable {
    /// No compression (for data compressed already, such as a .docx inside an archive of letters).
    case stored = 0
    /// Raw deflate (zlib).
    case deflate = 8
}

extension Array where Element == UInt8 {
    @inline(__always) mutating func appendLE16(_ value: UInt16) {
        append(UInt8(truncatingIfNeeded: value))
        append(UInt8(truncatingIfNeeded: value >> 8))
    }

    @inline(__always) mutating func appendLE32(_ value: UInt32) {
        append(UInt8(truncatingIfNeeded: value))
        append(UInt8(truncatingIfNeeded: value >> 8))
        append(UInt8(truncatingIfNeeded: value >> 16))
        append(UInt8(truncatingIfNeeded: value >> 24))
    }

    @inline(__always) mutating func appendLE64(_ value: UInt64) {
        appendLE32(UInt32(truncatingIfNeeded: value))
        appendLE32(UInt32(truncatingIfNeeded: value >> 32))
    }

    @inline(__always) mutating func appendString(_ string: String) {
        append(contentsOf: string.utf8)
    }
}

/// Bounds-checked little-endian reads over an archive held in memory.
struct ByteReader {
    let bytes: [UInt8]

    func u16(_ offset: Int) throws(DocumentError) -> UInt16 {
        guard offset >= 0, offset + 2 <= bytes.count else { throw .corrupt("a ZIP structure runs past the end") }
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    func u32(_ offset: Int) throws(DocumentError) -> UInt32 {
        guard offset >= 0, offset + 4 <= bytes.count else { throw .corrupt("a ZIP structure runs past the end") }
        var value: UInt32 = 0
        for index in (0..<4).reversed() { value = value << 8 | UInt32(bytes[offset + index]) }
        return value
    }

    func u64(_ offset: Int) throws(DocumentError) -> UInt64 {
        UInt64(try u32(offset)) | UInt64(try u32(offset + 4)) << 32
    }

    /// A 64-bit size or offset as an `Int`, refusing values that cannot be real in memory.
    func int64(_ offset: Int) throws(DocumentError) -> Int {
        let value = try u64(offset)
        guard value <= UInt64(Int.max / 2) else { throw .corrupt("a ZIP64 size or offset is out of range") }
        return Int(value)
    }
}
