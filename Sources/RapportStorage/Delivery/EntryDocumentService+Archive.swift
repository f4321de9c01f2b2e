import RapportCore
import RapportDocuments

extension EntryDocumentService {
    /// Entries read per read transaction when building a logged segment's ZIP.
    public static let archivePageSize = 200
    /// A page also ends once its documents reach this many bytes, so memory stays bounded.
    static let archivePageBytes = 32 << 20

    /// One entry's document and the contact it is for: the stored one, or its frozen source (by SHA-256)
    /// and merge values when it has not been delivered.
    struct ArchiveEntry: Sendable {
        var docx: [UInt8]?
        var frozen: (sha256: String, fields: MergeFields)?
        var type: String
        var name: String
        var companyName: String
    }

    /// A page of entries, the frozen sources they need (each read once), the last entry read and whether
    /// more may follow.
    struct ArchivePage: Sendable {
        var entries: [ArchiveEntry] = []
        var sources: [String: [UInt8]] = [:]
        var lastEntryNo: Int64 = 0
        var hasMore = false
    }

    /// The documents of a logged segment's entries, as `Segment <No>.zip`, in entry order: the ones stored at
    /// delivery, and for entries not delivered, their frozen documents merged. Built a page of entries at a
    /// time: each page is read in one short read transaction and merged and written to the file after it
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
                    var compiled: [String: MergeTemplate] = [:]
                    for entry in page.entries {
                        guard let bytes = try Self.document(of: entry, page.sources, &compiled) else { continue }
                        try archive.add(
                            name: DocumentNames.member(
                                type: entry.type, name: entry.name, companyName: entry.companyName),
                            bytes: bytes)
                    }
                }
                guard page.hasMore else { break }
                afterEntryNo = page.lastEntryNo
            }
        }
        return DocumentNames.archive(segmentNo: segmentNo)
    }

    /// An archive entry's bytes: stored, or merged from its frozen source (compiled once per page).
    static func document(
        of entry: ArchiveEntry, _ sources: [String: [UInt8]], _ compiled: inout [String: MergeTemplate]
    ) throws(RapportError) -> [UInt8]? {
        if let docx = entry.docx { return docx }
        guard let frozen = entry.frozen, let source = sources[frozen.sha256] else { return nil }
        let template: MergeTemplate
        if let known = compiled[frozen.sha256] {
            template = known
        } else {
            template = try DocumentService.validate(source)
            compiled[frozen.sha256] = template
        }
        do {
            return try template.merge(frozen.fields.map, locale: MergedDocumentService.locale(frozen.fields))
        } catch {
            throw Store.translate(error)
        }
    }

    /// The segment number of a logged segment, or `notFound`.
    static func requireLoggedSegment(_ number: Int64, _ connection: any SQLConnection) throws -> String {
        guard
            let segmentNo = try connection.scalar(
                "SELECT segment_no FROM logged_segment WHERE entry_no = ?", [.integer(number)])?.textValue
        else { throw RapportError.notFound("Logged segment", String(number)) }
        return segmentNo
    }

    /// Up to `limit` entries with a stored or frozen document after `afterEntryNo` (fewer once their
    /// documents reach `archivePageBytes`), with the frozen sources they use.
    static func archivePage(
        loggedSegment number: Int64, after afterEntryNo: Int64, limit: Int, _ connection: any SQLConnection
    ) throws -> ArchivePage {
        // The logged segment may have been deleted since the previous page.
        _ = try requireLoggedSegment(number, connection)
        var page = ArchivePage()
        var rows = 0
        var bytes = 0
        var needed: Set<String> = []
        try connection.forEachRow(
            """
            SELECT e.entry_no, d.docx, e.document_sha256, e.merge_snapshot, t.type, t.name,
              COALESCE(co.name, '') AS company_name
            FROM interaction_log_entry e LEFT JOIN entry_document d ON d.entry_no = e.entry_no
            JOIN contact t ON t.no = e.contact_no LEFT JOIN contact co ON co.no = t.company_no
            WHERE e.logged_segment_entry_no = ? AND e.entry_no > ?
              AND (d.entry_no IS NOT NULL OR e.document_sha256 IS NOT NULL)
            ORDER BY e.entry_no LIMIT ?
            """, [.integer(number), .integer(afterEntryNo), .integer(Int64(limit) + 1)]
        ) { row in
            guard !page.hasMore else { return }
            guard rows < limit, bytes < archivePageBytes else {
                page.hasMore = true
                return
            }
            rows += 1
            let entryNo = row.int("entry_no")
            page.lastEntryNo = entryNo
            var entry = ArchiveEntry(
                docx: nil, frozen: nil, type: row.text("type"), name: row.text("name"),
                companyName: row.text("company_name"))
            if case .blob(let docx) = row["docx"] {
                bytes += docx.count
                entry.docx = docx
            } else if let sha256 = row["document_sha256"].textValue,
                let fields = MergeSnapshot.fields(row.text("merge_snapshot"), entryNo: entryNo)
            {
                entry.frozen = (sha256, fields)
                needed.insert(sha256)
            }
            page.entries.append(entry)
        }
        for sha256 in needed {
            if case .blob(let source)? = try connection.scalar(
                "SELECT docx FROM document_blob WHERE sha256 = ?", [.text(sha256)])
            {
                page.sources[sha256] = source
            }
        }
        return page
    }
}
