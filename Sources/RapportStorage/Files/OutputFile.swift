import Foundation
import RapportCore

/// A file being written. Every write throws on failure, never traps (the non-throwing `FileHandle.write(_:)`
/// does, on a full disk), and a full disk is `insufficientStorage`. A file given up half-way is removed, so no
/// partial file is left behind. Only one task writes to it at a time, hence the unchecked Sendable.
public final class OutputFile: @unchecked Sendable {
    /// Where the file is.
    public let path: String
    /// What the file is, for messages ("the ZIP download").
    public let what: String
    let handle: FileHandle
    private var isOpen = true

    /// Creates (or empties) the file at `path`.
    public init(creating path: String, what: String) throws(RapportError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw FileFailure.translate(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO), what: what)
        }
        self.path = path
        self.what = what
        self.handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    /// Appends `bytes`.
    public func write(_ bytes: some DataProtocol) throws(RapportError) {
        do {
            try handle.write(contentsOf: bytes)
        } catch {
            throw FileFailure.translate(error, what: what)
        }
    }

    /// Closes the file, keeping it.
    public func close() throws(RapportError) {
        guard isOpen else { return }
        isOpen = false
        do {
            try handle.close()
        } catch {
            throw FileFailure.translate(error, what: what)
        }
    }

    /// Closes and removes the file, after a failure.
    public func discard() {
        if isOpen {
            isOpen = false
            try? handle.close()
        }
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes the file at `path` with `fill`, which may wait (for reads, or for work off the cooperative pool),
    /// and closes it; when anything fails the file is removed.
    public static func write<T>(
        to path: String, what: String, _ fill: (OutputFile) async throws(RapportError) -> T
    ) async throws(RapportError) -> T {
        let file = try OutputFile(creating: path, what: what)
        do {
            let result = try await fill(file)
            try file.close()
            return result
        } catch {
            file.discard()
            throw error
        }
    }

    /// Writes `bytes` to a new file at `path`, all or nothing.
    public static func write(_ bytes: some DataProtocol, to path: String, what: String) throws(RapportError) {
        let file = try OutputFile(creating: path, what: what)
        do {
            try file.write(bytes)
            try file.close()
        } catch {
            file.discard()
            throw error
        }
    }
}

/// What a failed file operation means to the caller: a full disk, or the file system failing otherwise.
public enum FileFailure {
    /// `insufficientStorage` for a full disk or quota, `unavailable` for anything else; a `RapportError` as is.
    public static func translate(_ error: any Error, what: String) -> RapportError {
        if let error = error as? RapportError { return error }
        if isOutOfSpace(error) {
            return RapportError(.insufficientStorage, "The disk is full: \(what) could not be written.")
        }
        return RapportError(.unavailable, "Could not write \(what): \(error.localizedDescription)")
    }

    /// Whether `error` (or the error under it) says the disk or the user's quota is full.
    public static func isOutOfSpace(_ error: any Error) -> Bool {
        if let error = error as? POSIXError { return error.code == .ENOSPC || error.code == .EDQUOT }
        let error = error as NSError
        if error.domain == NSCocoaErrorDomain, error.code == CocoaError.fileWriteOutOfSpace.rawValue { return true }
        if error.domain == NSPOSIXErrorDomain, error.code == Int(ENOSPC) || error.code == Int(EDQUOT) { return true }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError { return isOutOfSpace(underlying) }
        return false
    }
}
