import Foundation
import RapportCore

/// Where streamed exports write their bytes: a file created for them, or an open handle (standard output).
/// Only the one transaction closure that streams writes to it, hence the unchecked Sendable.
public final class FileSink: @unchecked Sendable {
    let handle: FileHandle
    let ownsHandle: Bool

    public init(handle: FileHandle) {
        self.handle = handle
        self.ownsHandle = false
    }

    /// Creates (or empties) the file at `path`.
    public init(creating path: String) throws(RapportError) {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw RapportError(.unavailable, "Cannot create \(path).") }
        self.handle = handle
        self.ownsHandle = true
    }

    public func write(_ bytes: [UInt8]) throws {
        try handle.write(contentsOf: bytes)
    }

    deinit {
        if ownsHandle { try? handle.close() }
    }
}
