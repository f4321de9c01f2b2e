import CZlib

/// Thin wrappers over zlib. ZIP stores raw deflate streams (no zlib header or trailer), hence window bits -15.
enum Zlib {
    /// CRC-32 as ZIP uses it, continuing from `seed` (0 to start).
    static func crc32(_ bytes: UnsafeRawBufferPointer, seed: UInt32 = 0) -> UInt32 {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return seed }
        return UInt32(truncatingIfNeeded: crc32_z(UInt(seed), base.assumingMemoryBound(to: Bytef.self), bytes.count))
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { crc32($0) }
    }

    /// Inflates a raw deflate stream that must expand to exactly `expectedSize` bytes.
    ///
    /// The output buffer is `expectedSize` long and inflation stops there: an entry that lies about its size (a zip
    /// bomb declaring a small size) fails instead of expanding further.
    static func inflate(_ compressed: ArraySlice<UInt8>, expectedSize: Int) throws(DocumentError) -> [UInt8] {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        guard inflateInit2_(stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corrupt("zlib could not start inflating")
        }
        defer { inflateEnd(stream) }
        // One spare byte: producing it proves the stream is longer than declared.
        var output = [UInt8](repeating: 0, count: expectedSize + 1)
        let status: Int32 = compressed.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                var status = Z_OK
                var inputOffset = 0
                var outputOffset = 0
                // avail_in/avail_out are 32-bit: feed at most 1 GiB at a time.
                let step = 1 << 30
                while status == Z_OK {
                    let inputCount = min(step, input.count - inputOffset)
                    let outputCount = min(step, out.count - outputOffset)
                    if outputCount == 0 { return Z_BUF_ERROR }
                    stream.pointee.next_in = UnsafeMutablePointer(
                        mutating: input.baseAddress.map { $0.assumingMemoryBound(to: Bytef.self) + inputOffset })
                    stream.pointee.avail_in = UInt32(inputCount)
                    stream.pointee.next_out = out.baseAddress.map {
                        $0.assumingMemoryBound(to: Bytef.self) + outputOffset
                    }
                    stream.pointee.avail_out = UInt32(outputCount)
                    status = CZlib.inflate(stream, Z_NO_FLUSH)
                    inputOffset += inputCount - Int(stream.pointee.avail_in)
                    outputOffset += outputCount - Int(stream.pointee.avail_out)
                    if status == Z_OK && inputCount == 0 && stream.pointee.avail_in == 0 {
                        return Z_DATA_ERROR  // truncated stream: no input left, no end marker
                    }
                }
                return status
            }
        }
        let produced = Int(stream.pointee.total_out)
        if produced > expectedSize {
            throw .tooLarge(expanded: produced)
        }
        guard status == Z_STREAM_END else { throw .corrupt("a compressed entry cannot be inflated (zlib \(status))") }
        guard produced == expectedSize else { throw .corrupt("an entry is shorter than its declared size") }
        output.removeLast()
        return output
    }
}

/// A reusable raw-deflate compressor. zlib's state points back at its `z_stream`, so the stream lives on the heap.
final class Deflater {
    private let stream: UnsafeMutablePointer<z_stream>
    let level: Int32

    init(level: Int32) throws(DocumentError) {
        self.level = max(0, min(9, level))
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = deflateInit2_(
            stream, self.level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
            Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw .corrupt("zlib could not start deflating (\(status))")
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Compresses `input` completely into a new array.
    func compress(_ input: UnsafeRawBufferPointer) throws(DocumentError) -> [UInt8] {
        deflateReset(stream)
        let bound = Int(deflateBound(stream, UInt(input.count)))
        var status = Z_OK
        // The bound guarantees that a single Z_FINISH call completes (inputs here are far below 4 GiB).
        let output = [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
            stream.pointee.next_in = UnsafeMutablePointer(
                mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.pointee.avail_in = UInt32(input.count)
            stream.pointee.next_out = buffer.baseAddress
            stream.pointee.avail_out = UInt32(bound)
            status = deflate(stream, Z_FINISH)
            count = bound - Int(stream.pointee.avail_out)
        }
        guard status == Z_STREAM_END else { throw .corrupt("zlib could not deflate an entry (\(status))") }
        return output
    }

    /// Streams `input` through the compressor, handing each compressed chunk to `emit`. Call with `finish: true`
    /// (possibly with empty input) to end the stream; call `reset()` before starting the next one.
    func feed(_ input: UnsafeRawBufferPointer, finish: Bool, emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        var offset = 0
        repeat {
            let count = min(1 << 30, input.count - offset)
            stream.pointee.next_in = UnsafeMutablePointer(
                mutating: input.baseAddress.map { $0.assumingMemoryBound(to: Bytef.self) + offset })
            stream.pointee.avail_in = UInt32(count)
            let last = finish && offset + count == input.count
            var status = Z_OK
            repeat {
                let produced: Int = chunk.withUnsafeMutableBytes { out in
                    stream.pointee.next_out = out.baseAddress?.assumingMemoryBound(to: Bytef.self)
                    stream.pointee.avail_out = UInt32(out.count)
                    status = deflate(stream, last ? Z_FINISH : Z_NO_FLUSH)
                    return out.count - Int(stream.pointee.avail_out)
                }
                if status == Z_STREAM_ERROR { throw DocumentError.corrupt("zlib could not deflate an entry") }
                if produced > 0 {
                    try chunk.withUnsafeBytes { try emit(UnsafeRawBufferPointer(rebasing: $0[..<produced])) }
                }
            } while stream.pointee.avail_out == 0 || (last && status != Z_STREAM_END)
            offset += count
        } while offset < input.count
    }

    func reset() {
        deflateReset(stream)
    }
}

/// zlib compressors kept from one merge to the next (`MergeTemplate.merge(_:locale:reusing:)`). Not thread-safe:
/// one per thread, e.g. per lane of a batch.
public final class Compressors {
    var deflaters: [Int32: Deflater] = [:]

    public init() {}
}
