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

    /// Entries read per read transaction when building a logged segment's ZIP.
    public static let archivePageSize = 200
    /// A page also ends once its documents reach this many bytes, so memory stays bounded.
    static let archivePageBytes = 32 << 20

    /// One entry's stored document and the contact it is for.
    struct ArchiveEntry: Sendable {
        var docx: [UInt8]
        var type: String
        var name: String
        var companyName: String
    }

    /// A page of entries, the last entry read and whether more may follow.
    struct ArchivePage: Sendable {
        var entries: [ArchiveEntry] = []
        var lastEntryNo: Int64 = 0
        var hasMore = false
    }

    /// The documents stored on a logged segment's entries, as `Segment <No>.zip`, in entry order. Built a page
    /// of entries at a time: each page is read in one short read transaction and written to the file after it
    /// ends, off the cooperative pool, so no transaction or pooled connection is held while the file is written.
    public func archive(
        loggedSegment: String, toFile path: String, pageSize: Int = archivePageSize
    ) async throws(RapportError) -> String {
        guard let number = Int64(loggedSegment) else { throw RapportError.notFound("Logged segment", loggedSegment) }
        let store = self.store
        let pageSize = max(1, pageSize)
        let segmentNo = try await store.read { connection in
            try Self.requireLoggedSegment(number, connection)
        }
        try await ArchiveFile.write(to: path) { archive throws(RapportError) in
            var afterEntryNo = Int64.min
            while true {
                let after = afterEntryNo
                let page = try await store.read { connection in
                    try Self.archivePage(loggedSegment: number, after: after, limit: pageSize, connection)
                }
                try await BlockingWork.run { () throws(RapportError) in
                    for entry in page.entries {
                        try archive.add(
                            name: DocumentNames.member(
                                type: entry.type, name: entry.name, companyName: entry.companyName),
                            bytes: entry.docx)
                    }
                }
                guard page.hasMore else { break }
                afterEntryNo = page.lastEntryNo
            }
        }
        return DocumentNames.archive(segmentNo: segmentNo)
    }

    /// The segment number of a logged segment, or `notFound`.
    static func requireLoggedSegment(_ number: Int64, _ connection: any SQLConnection) throws -> String {
        guard
            let segmentNo = try connection.scalar(
                "SELECT segment_no FROM logged_segment WHERE entry_no = ?", [.integer(number)])?.textValue
        else { throw RapportError.notFound("Logged segment", String(number)) }
        return segmentNo
    }

    /// Up to `limit` entries with documents after `afterEntryNo` (fewer once their documents reach
    /// `archivePageBytes`).
    static func archivePage(
        loggedSegment number: Int64, after afterEntryNo: Int64, limit: Int, _ connection: any SQLConnection
    ) throws -> ArchivePage {
        // The logged segment may have been deleted since the previous page.
        _ = try requireLoggedSegment(number, connection)
        var page = ArchivePage()
        var rows = 0
        var bytes = 0
        try connection.forEachRow(
            """
            SELECT e.entry_no, d.docx, t.type, t.name, COALESCE(co.name, '') AS company_name
            FROM interaction_log_entry e JOIN entry_document d ON d.entry_no = e.entry_no
            JOIN contact t ON t.no = e.contact_no LEFT JOIN contact co ON co.no = t.company_no
            WHERE e.logged_segment_entry_no = ? AND e.entry_no > ? ORDER BY e.entry_no LIMIT ?
            """, [.integer(number), .integer(afterEntryNo), .integer(Int64(limit) + 1)]
        ) { row in
            guard !page.hasMore else { return }
            guard rows < limit, bytes < archivePageBytes else {
                page.hasMore = true
                return
            }
            rows += 1
            page.lastEntryNo = row.int("entry_no")
            guard case .blob(let docx) = row["docx"] else { return }
            bytes += docx.count
            page.entries.append(
                ArchiveEntry(
                    docx: docx, type: row.text("type"), name: row.text("name"), companyName: row.text("company_name")))
        }
        return page
    }
}
