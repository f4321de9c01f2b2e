import Foundation
import RapportCore
import RapportDocuments

/// The documents delivered with entries: one entry's .docx (or its PDF, made by LibreOffice on first
/// request and kept), and a logged segment's documents as a ZIP.
public struct EntryDocumentService: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// The entry's document and a file name; `pdf` converts it on first request where LibreOffice is installed.
    public func document(_ entryNo: String, pdf: Bool) async throws(RapportError) -> (bytes: [UInt8], fileName: String)
    {
        guard let number = Int64(entryNo) else { throw RapportError.notFound("Interaction log entry", entryNo) }
        let row = try await store.read { connection in
            try connection.query(
                """
                SELECT d.docx, d.pdf, e.subject, e.description FROM entry_document d
                JOIN interaction_log_entry e ON e.entry_no = d.entry_no WHERE d.entry_no = ?
                """, [.integer(number)]
            ).first
        }
        guard let row, case .blob(let docx) = row["docx"] else {
            throw RapportError.notFound("Document of entry", entryNo)
        }
        let subject = row.text("subject").isEmpty ? row.text("description") : row.text("subject")
        let name = DocumentNames.single(subject: subject)
        guard pdf else { return (docx, name) }
        if case .blob(let stored) = row["pdf"] { return (stored, String(name.dropLast(5)) + ".pdf") }
        guard let converted = PDFConverter.convert(docx) else {
            throw RapportError.notFound("PDF of entry (LibreOffice is not installed or could not convert it)", entryNo)
        }
        _ = try await store.write("keep PDF") { connection in
            try connection.execute(
                "UPDATE entry_document SET pdf = ? WHERE entry_no = ?", [.blob(converted), .integer(number)])
        }
        return (converted, String(name.dropLast(5)) + ".pdf")
    }

    /// The documents stored on a logged segment's entries, as `Segment <No>.zip`.
    public func archive(loggedSegment: String, toFile path: String) async throws(RapportError) -> String {
        guard let number = Int64(loggedSegment) else { throw RapportError.notFound("Logged segment", loggedSegment) }
        return try await store.read { connection in
            guard
                let segmentNo = try connection.scalar(
                    "SELECT segment_no FROM logged_segment WHERE entry_no = ?", [.integer(number)])?.textValue
            else { throw RapportError.notFound("Logged segment", loggedSegment) }
            try ArchiveFile.write(to: path) { writer in
                var names = DocumentNames.Uniquer()
                try connection.forEachRow(
                    """
                    SELECT d.docx, t.type, t.name, COALESCE(co.name, '') AS company_name
                    FROM interaction_log_entry e JOIN entry_document d ON d.entry_no = e.entry_no
                    JOIN contact t ON t.no = e.contact_no LEFT JOIN contact co ON co.no = t.company_no
                    WHERE e.logged_segment_entry_no = ? ORDER BY e.entry_no
                    """, [.integer(number)]
                ) { row in
                    guard case .blob(let bytes) = row["docx"] else { return }
                    let name = names.unique(
                        DocumentNames.member(
                            type: row.text("type"), name: row.text("name"), companyName: row.text("company_name")))
                    try writer.addEntry(name: name, bytes: bytes, method: .stored)
                }
            }
            return DocumentNames.archive(segmentNo: segmentNo)
        }
    }
}

/// LibreOffice, headless: .docx in, PDF out; nil when it is not installed or fails.
enum PDFConverter {
    static func convert(_ docx: [UInt8]) -> [UInt8]? {
        let folder = NSTemporaryDirectory() + "rapport-pdf-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil,
            FileManager.default.createFile(atPath: folder + "/document.docx", contents: Data(docx))
        else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "soffice", "--headless", "-env:UserInstallation=file://\(folder)/profile",
            "--convert-to", "pdf", "--outdir", folder, folder + "/document.docx",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        process.waitUntilExit()
        guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: folder + "/document.pdf")
        else { return nil }
        return [UInt8](data)
    }
}
