import RapportCore
import RapportDocuments

/// A segment's merged letters as one ZIP, built a page of lines at a time: each page is read in one short read
/// transaction, then merged and written after the transaction ends, off the cooperative pool. No transaction
/// (nor, on PostgreSQL, a pooled connection) is held while letters are merged or bytes written.
extension MergedDocumentService {
    /// Lines read per read transaction.
    public static let archivePageSize = 200
    /// A page also ends once the documents it read reach this many bytes (personalised documents are up to
    /// 25 MiB each), so memory stays bounded whatever the lines carry.
    static let archivePageBytes = 32 << 20

    /// One line of a page: its merge fields and the key of its document (nil: no document applies, no letter).
    struct ArchiveLine: Sendable {
        var fields: MergeFields
        var documentKey: String?
    }

    /// A page of lines, with the stored documents they use that earlier pages did not read.
    struct ArchivePage: Sendable {
        var lines: [ArchiveLine] = []
        var documents: [String: [UInt8]] = [:]
        var lastLineNo: Int64 = 0
        var hasMore = false
    }

    /// The compiled documents shared by lines (the segment's, the templates'), kept from page to page. Used by
    /// one task at a time, hence the unchecked Sendable.
    final class CompiledDocuments: @unchecked Sendable {
        var templates: [String: MergeTemplate] = [:]
    }

    /// Writes every line's merged document into one ZIP file; returns the archive's name. The members, their
    /// names and order do not depend on `pageSize`.
    public func segmentArchive(
        _ segmentNo: Segment.No, toFile path: String, pageSize: Int = archivePageSize
    ) async throws(RapportError) -> String {
        let store = self.store
        let pageSize = max(1, pageSize)
        let key = try await store.read { connection in try SegmentService.requireSegment(segmentNo, connection) }
        let compiled = CompiledDocuments()
        try await ArchiveFile.write(to: path) { archive throws(RapportError) in
            var afterLineNo = Int64.min
            while true {
                let (after, known) = (afterLineNo, Set(compiled.templates.keys))
                let page = try await store.read { connection in
                    try Self.archivePage(
                        segmentNo: Segment.No(key), after: after, limit: pageSize, known: known, connection)
                }
                try await BlockingWork.run { () throws(RapportError) in
                    try Self.merge(page, into: archive, compiled: compiled)
                }
                guard page.hasMore else { break }
                afterLineNo = page.lastLineNo
            }
        }
        return DocumentNames.archive(segmentNo: key)
    }

    /// Reads the page of lines after `afterLineNo`, with the documents they use that are not `known` yet.
    static func archivePage(
        segmentNo: Segment.No, after afterLineNo: Int64, limit: Int, known: Set<String>, _ connection: any SQLConnection
    ) throws -> ArchivePage {
        // The segment may have been logged or deleted since the previous page.
        let key = try SegmentService.requireSegment(segmentNo, connection)
        let lines = try MergeData.lines(segmentNo: key, after: afterLineNo, limit: limit, connection)
        guard let last = lines.last else { return ArchivePage() }
        var sources: [Int64: SQLRow] = [:]
        for row in try connection.query(
            sourceSQL + " AND l.line_no > ? AND l.line_no <= ?",
            [.text(key), .integer(afterLineNo), .integer(last.lineNo)])
        {
            sources[row.int("line_no")] = row
        }
        var page = ArchivePage(lastLineNo: last.lineNo, hasMore: lines.count == limit)
        var bytes = 0
        for line in lines {
            let source = sources[line.lineNo].flatMap { documentSource($0, segmentNo: key) }
            if let source, !known.contains(source.key), page.documents[source.key] == nil {
                let document = try document(source, connection)
                page.documents[source.key] = document
                bytes += document.count
            }
            page.lines.append(ArchiveLine(fields: line.fields, documentKey: source?.key))
            page.lastLineNo = line.lineNo
            if bytes >= archivePageBytes, line.lineNo != last.lineNo {
                page.hasMore = true
                break
            }
        }
        return page
    }

    /// Merges a page's letters and appends them to the archive, in line order.
    static func merge(_ page: ArchivePage, into archive: ArchiveFile, compiled: CompiledDocuments) throws(RapportError)
    {
        // A line's own document serves that line only: it is compiled for this page and not kept.
        var pageTemplates: [String: MergeTemplate] = [:]
        for (key, document) in page.documents {
            let template = try DocumentService.validate(document)
            if key.hasPrefix("line:") {
                pageTemplates[key] = template
            } else {
                compiled.templates[key] = template
            }
        }
        for line in page.lines {
            guard let key = line.documentKey, let template = pageTemplates[key] ?? compiled.templates[key] else {
                continue
            }
            let fields = line.fields
            let bytes: [UInt8]
            do {
                bytes = try template.merge(fields.map, locale: locale(fields))
            } catch {
                throw Store.translate(error)
            }
            try archive.add(
                name: DocumentNames.member(
                    type: fields.contact.type, name: fields.contact.name, companyName: fields.contact.companyName),
                bytes: bytes)
        }
    }
}
