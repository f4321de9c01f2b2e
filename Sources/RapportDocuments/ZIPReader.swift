/// One entry of a ZIP archive, as its central directory describes it.
public struct ZIPEntry: Sendable, Equatable {
    /// The entry name (UTF-8), e.g. `word/document.xml`.
    public var name: String
    /// 0 = stored, 8 = deflate; anything else is refused when reading the contents.
    public var method: UInt16
    /// General-purpose flags from the central directory.
    public var flags: UInt16
    /// CRC-32 of the uncompressed contents.
    public var crc32: UInt32
    /// Sizes in bytes (from the ZIP64 extra field when the 32-bit fields are saturated).
    public var compressedSize: Int
    public var uncompressedSize: Int
    /// Where the entry's local header starts in the archive.
    public var localHeaderOffset: Int
    /// Where the entry's (compressed) data starts in the archive.
    public var dataOffset: Int
    /// MS-DOS modification time and date, kept when the entry is copied.
    public var dosTime: UInt16
    public var dosDate: UInt16

    /// Whether the name denotes a folder rather than a file.
    public var isDirectory: Bool { name.hasSuffix("/") }
}

/// Reads a ZIP archive held in memory: central directory (with ZIP64), raw entry data, stored and deflated contents.
///
/// Only the structure is checked here (`notAZip`, `corrupt`); the policy checks for uploads (names, sizes, ratios)
/// are in `DocxPackage`.
public struct ZIPReader: Sendable {
    /// The whole archive.
    public let bytes: [UInt8]
    /// The entries in central-directory order.
    public let entries: [ZIPEntry]

    /// Parses the central directory of `bytes`.
    /// - Parameter maxEntries: refuse archives declaring more entries than this (cheap protection against
    ///   directory bombs).
    public init(bytes: [UInt8], maxEntries: Int = 1_000_000) throws(DocumentError) {
        self.bytes = bytes
        let reader = ByteReader(bytes: bytes)
        let end = try Self.findEndOfCentralDirectory(bytes)
        var count = Int(try reader.u16(end + 10))
        var directorySize = Int(try reader.u32(end + 12))
        var directoryOffset = Int(try reader.u32(end + 16))
        let locator = end - ZIPFormat.zip64LocatorSize
        if locator >= 0, try reader.u32(locator) == ZIPFormat.zip64LocatorSignature {
            let record = try reader.int64(locator + 8)
            guard try reader.u32(record) == ZIPFormat.zip64EndOfCentralDirectorySignature else {
                throw .corrupt("the ZIP64 end of central directory is missing")
            }
            count = try reader.int64(record + 32)
            directorySize = try reader.int64(record + 40)
            directoryOffset = try reader.int64(record + 48)
        }
        guard count <= maxEntries else { throw .corrupt("the archive has too many entries (\(count))") }
        guard directoryOffset >= 0, directorySize >= 0, directoryOffset + directorySize <= end,
            count * ZIPFormat.centralHeaderSize <= directorySize
        else { throw .corrupt("the central directory is out of bounds") }
        var entries: [ZIPEntry] = []
        entries.reserveCapacity(count)
        var offset = directoryOffset
        for _ in 0..<count {
            let (entry, next) = try Self.readCentralHeader(reader, at: offset, limit: directoryOffset + directorySize)
            entries.append(entry)
            offset = next
        }
        self.entries = entries
    }

    /// The entry with this exact name, if any.
    public func entry(named name: String) -> ZIPEntry? {
        entries.first { $0.name == name }
    }

    /// The entry's bytes as stored in the archive (compressed when `method` is deflate).
    public func rawData(of entry: ZIPEntry) -> ArraySlice<UInt8> {
        bytes[entry.dataOffset..<(entry.dataOffset + entry.compressedSize)]
    }

    /// The entry's uncompressed contents, checked against its declared size and CRC.
    ///
    /// Inflation never goes past the declared size, so the memory used is bounded by what the central directory
    /// declares (which callers check against their limits first).
    public func contents(of entry: ZIPEntry) throws(DocumentError) -> [UInt8] {
        guard entry.flags & ZIPFormat.flagEncrypted == 0 else { throw .corrupt("\(entry.name) is encrypted") }
        let raw = rawData(of: entry)
        let output: [UInt8]
        switch ZIPMethod(rawValue: entry.method) {
        case .stored:
            guard raw.count == entry.uncompressedSize else { throw .corrupt("\(entry.name) has inconsistent sizes") }
            output = Array(raw)
        case .deflate:
            output = try Zlib.inflate(raw, expectedSize: entry.uncompressedSize)
        case nil:
            throw .corrupt("\(entry.name) uses unsupported compression method \(entry.method)")
        }
        guard Zlib.crc32(output) == entry.crc32 else { throw .corrupt("\(entry.name) fails its CRC check") }
        return output
    }

    private static func findEndOfCentralDirectory(_ bytes: [UInt8]) throws(DocumentError) -> Int {
        let minimum = ZIPFormat.endOfCentralDirectorySize
        guard bytes.count >= minimum else { throw .notAZip }
        // The record is 22 bytes plus a comment of at most 65,535 bytes, so search only that tail, backwards.
        let lowest = max(0, bytes.count - minimum - ZIPFormat.max16)
        var offset = bytes.count - minimum
        while offset >= lowest {
            if bytes[offset] == 0x50, bytes[offset + 1] == 0x4b, bytes[offset + 2] == 0x05, bytes[offset + 3] == 0x06 {
                let commentLength = Int(bytes[offset + 20]) | Int(bytes[offset + 21]) << 8
                if offset + minimum + commentLength == bytes.count { return offset }
            }
            offset -= 1
        }
        throw .notAZip
    }

    private static func readCentralHeader(
        _ reader: ByteReader, at offset: Int, limit: Int
    ) throws(DocumentError) -> (ZIPEntry, Int) {
        guard offset + ZIPFormat.centralHeaderSize <= limit,
            try reader.u32(offset) == ZIPFormat.centralHeaderSignature
        else { throw .corrupt("a central directory header is damaged") }
        let flags = try reader.u16(offset + 8)
        let nameLength = Int(try reader.u16(offset + 28))
        let extraLength = Int(try reader.u16(offset + 30))
        let commentLength = Int(try reader.u16(offset + 32))
        let next = offset + ZIPFormat.centralHeaderSize + nameLength + extraLength + commentLength
        guard next <= limit else { throw .corrupt("a central directory header runs past the directory") }
        let nameStart = offset + ZIPFormat.centralHeaderSize
        let nameBytes = reader.bytes[nameStart..<(nameStart + nameLength)]
        var entry = ZIPEntry(
            name: String(decoding: nameBytes, as: UTF8.self),
            method: try reader.u16(offset + 10), flags: flags, crc32: try reader.u32(offset + 16),
            compressedSize: Int(try reader.u32(offset + 20)), uncompressedSize: Int(try reader.u32(offset + 24)),
            localHeaderOffset: Int(try reader.u32(offset + 42)), dataOffset: 0,
            dosTime: try reader.u16(offset + 12), dosDate: try reader.u16(offset + 14))
        try applyZIP64Extra(reader, to: &entry, from: nameStart + nameLength, count: extraLength)
        // The data starts after the local header, whose name and extra lengths may differ from the central ones.
        let local = entry.localHeaderOffset
        guard try reader.u32(local) == ZIPFormat.localHeaderSignature else {
            throw .corrupt("the local header of \(entry.name) is missing")
        }
        entry.dataOffset =
            local + ZIPFormat.localHeaderSize + Int(try reader.u16(local + 26))
            + Int(try reader.u16(local + 28))
        guard entry.dataOffset + entry.compressedSize <= reader.bytes.count else {
            throw .corrupt("the data of \(entry.name) runs past the end of the archive")
        }
        return (entry, next)
    }

    /// Replaces the 32-bit fields saturated at 0xFFFFFFFF with the values of the ZIP64 extra field, which holds
    /// exactly those fields, in the order uncompressed size, compressed size, local header offset.
    private static func applyZIP64Extra(
        _ reader: ByteReader, to entry: inout ZIPEntry, from start: Int, count: Int
    ) throws(DocumentError) {
        var offset = start
        let end = start + count
        while offset + 4 <= end {
            let id = try reader.u16(offset)
            let size = Int(try reader.u16(offset + 2))
            let body = offset + 4
            guard body + size <= end else { throw .corrupt("an extra field of \(entry.name) is damaged") }
            if id == ZIPFormat.zip64ExtraID {
                var field = body
                func take() throws(DocumentError) -> Int {
                    guard field + 8 <= body + size else { throw .corrupt("the ZIP64 field of \(entry.name) is short") }
                    defer { field += 8 }
                    return try reader.int64(field)
                }
                if entry.uncompressedSize == ZIPFormat.max32 { entry.uncompressedSize = try take() }
                if entry.compressedSize == ZIPFormat.max32 { entry.compressedSize = try take() }
                if entry.localHeaderOffset == ZIPFormat.max32 { entry.localHeaderOffset = try take() }
            }
            offset = body + size
        }
    }
}
