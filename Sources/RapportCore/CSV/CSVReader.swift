/// Reads CSV (RFC 4180) records one at a time, from a file or from bytes in memory.
///
/// - Fields are separated by commas and records end with LF, CRLF or a lone CR; the last record may lack a
///   line break. A UTF-8 byte order mark at the start is skipped.
/// - Quoted fields may contain commas, doubled quotes and line breaks, which are kept exactly as written.
/// - Field values are returned as written: nothing is trimmed and no type is guessed.
/// - Blank lines are skipped, but still counted in `CSVRecord.line`.
///
/// Files are read in 1 MiB chunks, so memory use does not grow with the file size:
///
///     var reader = try CSVReader(path: path)
///     while let record = try reader.next() {
///         ...
///     }
///
/// After an error every later call to `next()` throws the same error: the position of the next record
/// cannot be trusted once the quoting has gone wrong. Copies of a reader made from a path share the open
/// file, so keep to one copy.
public struct CSVReader {
    /// Where the bytes come from.
    private enum Source {
        /// `buffer` holds the whole input; chunks are windows onto it.
        case memory
        /// `buffer` is refilled from the file.
        case file(CSVFile)
    }

    static let defaultChunkSize = 1 << 20

    private let source: Source
    private let chunkSize: Int
    private var buffer: [UInt8]
    /// The next byte of `buffer` to parse.
    private var position: Int
    /// The end of the current chunk in `buffer`.
    private var limit: Int
    private var parser = CSVParser()
    private var failure: CSVError?

    /// Creates a reader for the file at `path`, which is opened now and read as records are asked for.
    ///
    /// - Throws: `CSVError` with line 0 if the file cannot be opened or read.
    public init(path: String) throws(CSVError) {
        try self.init(path: path, chunkSize: CSVReader.defaultChunkSize)
    }

    /// Creates a reader for CSV bytes held in memory.
    public init(data: [UInt8]) {
        self.init(data: data, chunkSize: CSVReader.defaultChunkSize)
    }

    /// Creates a reader for CSV text held in memory.
    public init(string: String) {
        self.init(data: Array(string.utf8))
    }

    /// Creates a reader for the file at `path` that reads `chunkSize` bytes at a time; tests use tiny
    /// chunks to put chunk boundaries everywhere.
    init(path: String, chunkSize: Int) throws(CSVError) {
        let file = try CSVFile(path: path)
        self.source = .file(file)
        self.chunkSize = max(1, chunkSize)
        // Room for the byte order mark even when the chunks are smaller than it.
        self.buffer = [UInt8](repeating: 0, count: max(self.chunkSize, CSVByte.byteOrderMark.count))
        var filled = 0
        while filled < CSVByte.byteOrderMark.count {
            let count = try file.read(into: &buffer, at: filled, count: self.chunkSize)
            if count == 0 {
                break
            }
            filled += count
        }
        self.position = 0
        self.limit = filled
        skipByteOrderMark()
    }

    /// Creates a reader for `data` that hands it to the parser `chunkSize` bytes at a time; tests use tiny
    /// chunks to put chunk boundaries everywhere.
    init(data: [UInt8], chunkSize: Int) {
        self.source = .memory
        self.chunkSize = max(1, chunkSize)
        self.buffer = data
        self.position = 0
        self.limit = min(data.count, CSVByte.byteOrderMark.count)
        skipByteOrderMark()
    }

    /// Returns the next record, or nil at the end of the input.
    ///
    /// - Throws: `CSVError` for malformed quoting, bytes that are not UTF-8, or a failure to read the file.
    public mutating func next() throws(CSVError) -> CSVRecord? {
        if let failure {
            throw failure
        }
        while true {
            if position == limit {
                let more: Bool
                do {
                    more = try refill()
                } catch {
                    throw fail(CSVError(line: parser.line, message: error.message))
                }
                if !more {
                    switch parser.finish() {
                    case .record:
                        return parser.takeRecord()
                    case .failure(let error):
                        throw fail(error)
                    case .end, .needInput:
                        return nil
                    }
                }
            }
            let start = position
            let end = limit
            let (next, step) = buffer.withUnsafeBufferPointer { bytes in
                parser.parse(UnsafeBufferPointer(rebasing: bytes[..<end]), from: start)
            }
            position = next
            switch step {
            case .needInput:
                continue
            case .record:
                return parser.takeRecord()
            case .end:
                return nil
            case .failure(let error):
                throw fail(error)
            }
        }
    }

    private mutating func fail(_ error: CSVError) -> CSVError {
        failure = error
        return error
    }

    /// Makes the next chunk available at `position..<limit`; false at the end of the input.
    private mutating func refill() throws(CSVError) -> Bool {
        switch source {
        case .memory:
            guard limit < buffer.count else { return false }
            limit = min(buffer.count, limit + chunkSize)
            return true
        case .file(let file):
            let count = try file.read(into: &buffer, at: 0, count: chunkSize)
            position = 0
            limit = count
            return count > 0
        }
    }

    /// Steps over a UTF-8 byte order mark at the start of the input, which `limit` must cover if present.
    private mutating func skipByteOrderMark() {
        let mark = CSVByte.byteOrderMark
        if limit >= mark.count && buffer[0..<mark.count].elementsEqual(mark) {
            position = mark.count
        }
    }
}
