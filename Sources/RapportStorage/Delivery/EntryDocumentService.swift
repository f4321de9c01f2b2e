import Foundation
import RapportCore
import RapportDocuments

/// The documents delivered with entries: one entry's .docx (or its PDF, made by LibreOffice on first
/// request and kept), and a logged segment's documents as a ZIP.
public struct EntryDocumentService: Sendable {
    let store: Store
    let converter: PDFConverter
    let temporaryDirectory: String

    /// Entries' documents over `store`; PDFs are made by `converter` in a folder under `temporaryDirectory`.
    public init(
        store: Store, converter: PDFConverter = PDFConverter(), temporaryDirectory: String = NSTemporaryDirectory()
    ) {
        self.store = store
        self.converter = converter
        self.temporaryDirectory = temporaryDirectory
    }

    /// The entry's document and a file name; `pdf` converts it on first request where LibreOffice is installed.
    /// An entry logged since documents are frozen is merged from its frozen source and merge values, with or
    /// without a delivery, and is the same bytes every time; an older one has the document it was delivered with.
    public func document(_ entryNo: String, pdf: Bool) async throws(RapportError) -> (bytes: [UInt8], fileName: String)
    {
        guard let number = Int64(entryNo) else { throw RapportError.notFound("Interaction log entry", entryNo) }
        let (row, frozen) = try await store.read { connection in
            (
                try connection.query(
                    """
                    SELECT d.docx, d.pdf, e.subject, e.description FROM interaction_log_entry e
                    LEFT JOIN entry_document d ON d.entry_no = e.entry_no WHERE e.entry_no = ?
                    """, [.integer(number)]
                ).first,
                try FrozenDocuments.read(number, connection)
            )
        }
        guard let row else { throw RapportError.notFound("Interaction log entry", entryNo) }
        let docx: [UInt8]
        if case .blob(let stored) = row["docx"] {
            docx = stored
        } else if let source = frozen?.docx, let fields = frozen?.fields {
            docx = try await FrozenDocuments.merge(source, fields)
        } else {
            throw RapportError.notFound("Document of entry", entryNo)
        }
        let subject = row.text("subject").isEmpty ? row.text("description") : row.text("subject")
        let name = DocumentNames.single(subject: subject)
        guard pdf else { return (docx, name) }
        if case .blob(let stored) = row["pdf"] { return (stored, String(name.dropLast(5)) + ".pdf") }
        guard let converted = try await converter.convert(docx, in: temporaryDirectory) else {
            throw RapportError.notFound("PDF of entry (LibreOffice is not installed or could not convert it)", entryNo)
        }
        _ = try await store.write("keep PDF") { connection in
            // An undelivered frozen entry keeps its merged document with the PDF; delivery stores the same bytes.
            if try !connection.exists("SELECT 1 FROM entry_document WHERE entry_no = ?", [.integer(number)]) {
                try connection.execute(
                    "INSERT INTO entry_document (entry_no, docx) VALUES (?, ?)", [.integer(number), .blob(docx)])
            }
            try connection.execute(
                "UPDATE entry_document SET pdf = ? WHERE entry_no = ?", [.blob(converted), .integer(number)])
        }
        return (converted, String(name.dropLast(5)) + ".pdf")
    }
}
