#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An open file read sequentially into a caller-owned buffer.
///
/// POSIX `read` into one reused buffer keeps the reader's memory flat however large the file is, and
/// avoids allocating (and page-faulting) a fresh buffer per chunk. A class, so the descriptor is closed
/// exactly once, when the last `CSVReader` copy sharing it goes away.
final class CSVFile {
    private let descriptor: Int32

    /// Opens `path` for reading.
    init(path: String) throws(CSVError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw CSVError(line: 0, message: "cannot open \(path): \(CSVFile.describe(errno))")
        }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Reads up to `count` bytes into `buffer` at `offset`; returns how many were read, 0 at the end of the file.
    func read(into buffer: inout [UInt8], at offset: Int, count: Int) throws(CSVError) -> Int {
        let wanted = min(count, buffer.count - offset)
        while true {
            let result = buffer.withUnsafeMutableBytes { bytes in
                // `baseAddress` is only nil for an empty buffer, which the reader never passes.
                guard let base = bytes.baseAddress else { return 0 }
                return systemRead(descriptor, base + offset, wanted)
            }
            if result >= 0 {
                return result
            }
            if errno != EINTR {
                throw CSVError(line: 0, message: "cannot read the file: \(CSVFile.describe(errno))")
            }
        }
    }

    private static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}

/// The C library's `read`, named apart from `CSVFile.read(into:at:count:)`.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
