import RapportCore
import RapportDocuments

/// A ZIP archive streamed into a file, filled a page of documents at a time. Members are stored (a .docx is
/// compressed already) under names made unique within the archive. A file given up half-way (an error, a
/// full disk) is removed. One task fills it at a time, hence the unchecked Sendable.
final class ArchiveFile: @unchecked Sendable {
    let file: OutputFile
    private var writer: ZIPWriter
    private var names = DocumentNames.Uniquer()

    init(creating path: String) throws(RapportError) {
        let file = try OutputFile(creating: path, what: "the ZIP archive")
        self.file = file
        self.writer = ZIPWriter { bytes in try file.write(bytes) }
    }

    /// Adds a member named `name`, or `name (2)` and so on when the name is taken.
    func add(name: String, bytes: [UInt8]) throws(RapportError) {
        let member = names.unique(name)
        do {
            try writer.addEntry(name: member, bytes: bytes, method: .stored)
        } catch {
            throw Store.translate(error)
        }
    }

    /// Writes the central directory and closes the file.
    func finish() throws(RapportError) {
        do {
            try writer.finish()
        } catch {
            throw Store.translate(error)
        }
        try file.close()
    }

    /// Builds the archive at `path` with `fill`; when anything fails the file is removed. Bytes are written
    /// off the cooperative pool: `fill` adds members inside `BlockingWork.run`, and so is the end written.
    static func write<T: Sendable>(
        to path: String, _ fill: (ArchiveFile) async throws(RapportError) -> T
    ) async throws(RapportError) -> T {
        let archive = try ArchiveFile(creating: path)
        do {
            let result = try await fill(archive)
            try await BlockingWork.run { () throws(RapportError) in try archive.finish() }
            return result
        } catch {
            archive.file.discard()
            throw error
        }
    }
}
