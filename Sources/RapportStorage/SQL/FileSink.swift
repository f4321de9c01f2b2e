import Foundation
import RapportCore

/// Where a streamed export writes its bytes when it is not a file of its own (standard output); files go
/// through `OutputFile`. Only the one transaction closure that streams writes to it, hence the unchecked
/// Sendable.
public final class FileSink: @unchecked Sendable {
    let handle: FileHandle

    public init(handle: FileHandle) {
        self.handle = handle
    }

    /// Appends `bytes`; a full disk is `insufficientStorage`, never a trap.
    public func write(_ bytes: [UInt8]) throws {
        do {
            try handle.write(contentsOf: bytes)
        } catch {
            throw FileFailure.translate(error, what: "the export")
        }
    }
}
