/// A streaming ZIP writer: entries are appended in order, the central directory is written by `finish()`, and
/// nothing already written is ever revisited, so archives of any size go straight to a file or socket.
///
/// Entries whose sizes are known up front (bytes given, or copied from another archive) carry their CRC and sizes in
/// the local header. Entries streamed with `beginEntry`/`write`/`finishEntry` set flag bit 3 and are followed by a
/// data descriptor. ZIP64 fields are written whenever a size, an offset or the entry count needs them (or always,
/// with `forceZIP64`). Names are UTF-8 (flag bit 11). Timestamps default to 1980-01-01 so output is deterministic.
///
/// ```swift
/// var archive = ZIPWriter { chunk in try file.write(contentsOf: chunk) }
/// for letter in letters { try archive.addEntry(name: letter.name, bytes: try template.merge(letter.values),
///                                              method: .stored) }
/// try archive.finish()
/// ```
/// It is a value type holding a sink and a compressor: use one writer per archive and do not copy it.
public struct ZIPWriter {
    /// Receives the archive bytes in order, in chunks of about `flushThreshold` bytes.
    public typealias Sink = (UnsafeRawBufferPointer) throws -> Void

    private let sink: Sink?
    var buffer: [UInt8] = []
    private var central: [UInt8] = []
    private var names: Set<String> = []
    private var flushed = 0
    /// The compressors by level, made on first use (or handed over by `init(capacity:compressors:)`).
    var deflaters: [Int32: Deflater] = [:]
    private var streaming: StreamingEntry?
    private var finished = false
    /// Bytes kept before handing them to the sink.
    public var flushThreshold = 1 << 20
    /// Write ZIP64 extra fields and end records even when the sizes do not need them (for tests and tools).
    public var forceZIP64 = false
    /// How many entries were added.
    public private(set) var entryCount = 0

    /// An in-memory writer: `finish()` returns the archive.
    /// - Parameter capacity: bytes to reserve up front when the archive's size is roughly known.
    public init(capacity: Int = 0) {
        sink = nil
        buffer.reserveCapacity(capacity)
    }

    /// An in-memory writer that deflates with `compressors`' zlib streams, and leaves there any it makes: a
    /// stream costs a few hundred kilobytes to set up, more than deflating a small part, and a reset one
    /// compresses exactly as a new one does.
    init(capacity: Int, compressors: Compressors) {
        self.init(capacity: capacity)
        deflaters = compressors.deflaters
    }

    /// A writer streaming to `sink`.
    public init(sink: @escaping Sink) {
        self.sink = sink
    }

    /// How many bytes the archive has so far.
    public var offset: Int { flushed + buffer.count }

    /// Adds an entry from its uncompressed bytes, deflating them (zlib level `level`) unless `method` is `.stored`.
    public mutating func addEntry(
        name: String, bytes: [UInt8], method: ZIPMethod = .deflate, level: Int32 = 6
    ) throws {
        try bytes.withUnsafeBytes { try addEntry(name: name, bytes: $0, method: method, level: level) }
    }

    /// Adds an entry from its uncompressed bytes, deflating them (zlib level `level`) unless `method` is `.stored`.
    public mutating func addEntry(
        name: String, bytes: UnsafeRawBufferPointer, method: ZIPMethod = .deflate, level: Int32 = 6,
        dosTime: UInt16 = 0, dosDate: UInt16 = 0x21
    ) throws {
        let crc = Zlib.crc32(bytes)
        var header = LocalHeader(
            name: name, method: method, flags: 0, crc32: crc, compressedSize: bytes.count,
            uncompressedSize: bytes.count, dosTime: dosTime, dosDate: dosDate)
        if method == .deflate {
            let compressed = try deflater(level: level).compress(bytes)
            header.compressedSize = compressed.count
            try writeEntry(header) { $0.append(contentsOf: compressed) }
        } else {
            try writeEntry(header) { $0.append(contentsOf: bytes) }
        }
    }

    /// Adds an entry whose data is already compressed (or stored), e.g. copied from another archive without
    /// recompressing: `data` is written as is, with the given CRC and sizes.
    public mutating func addRawEntry(
        name: String, method: ZIPMethod, crc32: UInt32, uncompressedSize: Int, data: ArraySlice<UInt8>,
        dosTime: UInt16 = 0, dosDate: UInt16 = 0x21
    ) throws {
        let header = LocalHeader(
            name: name, method: method, flags: 0, crc32: crc32, compressedSize: data.count,
            uncompressedSize: uncompressedSize, dosTime: dosTime, dosDate: dosDate)
        try writeEntry(header) { $0.append(contentsOf: data) }
    }

    /// Copies `entry` of `reader` without recompressing it, optionally under another name.
    public mutating func copyEntry(_ entry: ZIPEntry, from reader: ZIPReader, as name: String? = nil) throws {
        guard let method = ZIPMethod(rawValue: entry.method), entry.flags & ZIPFormat.flagEncrypted == 0 else {
            throw DocumentError.corrupt("\(entry.name) cannot be copied (method \(entry.method))")
        }
        try addRawEntry(
            name: name ?? entry.name, method: method, crc32: entry.crc32, uncompressedSize: entry.uncompressedSize,
            data: reader.rawData(of: entry), dosTime: entry.dosTime, dosDate: entry.dosDate)
    }

    /// Starts an entry whose contents are streamed with `write(_:)` and ended by `finishEntry()`; its CRC and sizes
    /// follow the data in a data descriptor. Pass `zip64: true` when it may exceed 4 GiB.
    public mutating func beginEntry(
        name: String, method: ZIPMethod = .deflate, level: Int32 = 6, zip64: Bool = false
    ) throws {
        let header = LocalHeader(
            name: name, method: method, flags: ZIPFormat.flagDataDescriptor, crc32: 0, compressedSize: 0,
            uncompressedSize: 0, dosTime: ZIPFormat.dosEpochTime, dosDate: ZIPFormat.dosEpochDate)
        let wide = zip64 || forceZIP64
        let start = try startEntry(header, zip64Local: wide)
        let compressor = method == .deflate ? try deflater(level: level) : nil
        compressor?.reset()
        streaming = StreamingEntry(header: header, start: start, zip64: wide, deflater: compressor)
    }

    /// Appends uncompressed bytes to the entry started by `beginEntry`.
    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard var entry = streaming else { throw DocumentError.corrupt("no ZIP entry is open for writing") }
        entry.crc = Zlib.crc32(bytes, seed: entry.crc)
        entry.uncompressed += bytes.count
        if let deflater = entry.deflater {
            var produced = 0
            try deflater.feed(bytes, finish: false) { chunk in
                produced += chunk.count
                try self.append(chunk)
            }
            entry.compressed += produced
        } else {
            try append(bytes)
            entry.compressed += bytes.count
        }
        streaming = entry
    }

    /// Ends the streamed entry: flushes the compressor and writes the data descriptor.
    public mutating func finishEntry() throws {
        guard var entry = streaming else { throw DocumentError.corrupt("no ZIP entry is open for writing") }
        if let deflater = entry.deflater {
            var produced = 0
            try deflater.feed(UnsafeRawBufferPointer(start: nil, count: 0), finish: true) { chunk in
                produced += chunk.count
                try self.append(chunk)
            }
            entry.compressed += produced
        }
        streaming = nil
        var header = entry.header
        header.crc32 = entry.crc
        header.compressedSize = entry.compressed
        header.uncompressedSize = entry.uncompressed
        let wide = entry.zip64 || header.compressedSize >= ZIPFormat.max32 || header.uncompressedSize >= ZIPFormat.max32
        buffer.appendLE32(ZIPFormat.dataDescriptorSignature)
        buffer.appendLE32(header.crc32)
        if wide {
            buffer.appendLE64(UInt64(header.compressedSize))
            buffer.appendLE64(UInt64(header.uncompressedSize))
        } else {
            buffer.appendLE32(UInt32(header.compressedSize))
            buffer.appendLE32(UInt32(header.uncompressedSize))
        }
        central.append(contentsOf: centralHeader(header, localOffset: entry.start))
        try flushIfNeeded()
    }

    /// Writes the central directory and the end records, and hands the rest to the sink.
    /// - Returns: the whole archive for an in-memory writer; empty when writing to a sink.
    @discardableResult
    public mutating func finish() throws -> [UInt8] {
        guard streaming == nil else { throw DocumentError.corrupt("a streamed ZIP entry was not finished") }
        guard !finished else { throw DocumentError.corrupt("the ZIP archive is already finished") }
        finished = true
        let directoryOffset = offset
        buffer.append(contentsOf: central)
        central = []
        buffer.append(
            contentsOf: endRecords(
                entryCount: entryCount, directoryOffset: directoryOffset, directorySize: offset - directoryOffset,
                at: offset))
        if let sink {
            try buffer.withUnsafeBytes { try sink($0) }
            flushed += buffer.count
            buffer = []
        }
        return buffer
    }

    // MARK: - Internals

    private mutating func deflater(level: Int32) throws(DocumentError) -> Deflater {
        if let existing = deflaters[level] { return existing }
        let created = try Deflater(level: level)
        deflaters[level] = created
        return created
    }

    private mutating func writeEntry(_ header: LocalHeader, data: (inout [UInt8]) -> Void) throws {
        guard streaming == nil else { throw DocumentError.corrupt("a streamed ZIP entry is still open") }
        let start = try startEntry(header, zip64Local: false)
        data(&buffer)
        central.append(contentsOf: centralHeader(header, localOffset: start))
        try flushIfNeeded()
    }

    /// Checks the name, writes the local header and returns its offset.
    private mutating func startEntry(_ header: LocalHeader, zip64Local: Bool) throws -> Int {
        guard !finished else { throw DocumentError.corrupt("the ZIP archive is already finished") }
        guard header.name.utf8.count <= ZIPFormat.max16 else {
            throw DocumentError.corrupt("an entry name is too long")
        }
        guard names.insert(header.name).inserted else { throw DocumentError.duplicateEntryName(header.name) }
        let start = offset
        appendLocalHeader(header, zip64: zip64Local)
        entryCount += 1
        return start
    }

    private mutating func append(_ bytes: UnsafeRawBufferPointer) throws {
        buffer.append(contentsOf: bytes)
        try flushIfNeeded()
    }

    private mutating func flushIfNeeded() throws {
        guard let sink, buffer.count >= flushThreshold else { return }
        try buffer.withUnsafeBytes { try sink($0) }
        flushed += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }
}

/// The fields shared by an entry's local and central headers.
struct LocalHeader {
    var name: String
    var method: ZIPMethod
    var flags: UInt16
    var crc32: UInt32
    var compressedSize: Int
    var uncompressedSize: Int
    var dosTime: UInt16
    var dosDate: UInt16
}

/// The state of an entry being streamed.
struct StreamingEntry {
    var header: LocalHeader
    var start: Int
    var zip64: Bool
    var deflater: Deflater?
    var crc: UInt32 = 0
    var compressed = 0
    var uncompressed = 0
}
