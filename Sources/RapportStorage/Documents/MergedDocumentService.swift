import Foundation
import RapportCore
import RapportDocuments

/// Merged documents: one line's letter, a segment's letters as a ZIP, the documents stored on entries.
public struct MergedDocumentService: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// Which stored document a line merges (BC §3.4): its personalised one; the segment's own copy when the
    /// line follows the header's template and default language; the template's in the line's language;
    /// the template's in its default language.
    static let sourceSQL = """
        SELECT l.line_no,
          CASE WHEN EXISTS (SELECT 1 FROM segment_line_document d WHERE d.segment_no = l.segment_no AND d.line_no = l.line_no)
                 THEN 'line'
               WHEN EXISTS (SELECT 1 FROM segment_document d WHERE d.segment_no = l.segment_no)
                 AND (l.interaction_template_code = h.interaction_template_code
                      OR (l.interaction_template_code IS NULL AND h.interaction_template_code IS NULL))
                 AND (l.language_code IS NULL OR h.language_code_default IS NULL OR l.language_code = h.language_code_default)
                 THEN 'segment'
               WHEN EXISTS (SELECT 1 FROM template_document d WHERE d.template_code = l.interaction_template_code
                            AND d.language_code = l.language_code) THEN 'template'
               WHEN EXISTS (SELECT 1 FROM template_document d JOIN interaction_template tt ON tt.code = d.template_code
                            WHERE d.template_code = l.interaction_template_code
                            AND d.language_code = tt.language_code_default) THEN 'template-default'
          END AS source,
          l.interaction_template_code AS template_code, l.language_code
        FROM segment_line l JOIN segment_header h ON h.no = l.segment_no
        WHERE l.segment_no = ?
        """

    /// Compiles each distinct source document once, however many lines use it.
    final class TemplateCache {
        var compiled: [String: MergeTemplate] = [:]

        func template(_ key: String, _ load: () throws -> [UInt8]) throws -> MergeTemplate {
            if let template = compiled[key] { return template }
            let template = try DocumentService.validate(try load())
            compiled[key] = template
            return template
        }
    }

    /// The compiled template of a line, or nil when none applies.
    static func template(
        for source: SQLRow, segmentNo: String, cache: TemplateCache, _ connection: any SQLConnection
    ) throws -> MergeTemplate? {
        let templateCode = source.text("template_code")
        let language = source.text("language_code")
        switch source.text("source") {
        case "line":
            let lineNo = source.int("line_no")
            return try cache.template("line:\(lineNo)") {
                try DocumentService.blob(
                    "SELECT docx FROM segment_line_document WHERE segment_no = ? AND line_no = ?",
                    [.text(segmentNo), .integer(lineNo)], what: "Document", connection)
            }
        case "segment":
            return try cache.template("segment") {
                try DocumentService.blob(
                    "SELECT docx FROM segment_document WHERE segment_no = ?", [.text(segmentNo)],
                    what: "Document", connection)
            }
        case "template":
            return try cache.template("template:\(templateCode):\(language)") {
                try DocumentService.blob(
                    "SELECT docx FROM template_document WHERE template_code = ? AND language_code = ?",
                    [.text(templateCode), .text(language)], what: "Document", connection)
            }
        case "template-default":
            return try cache.template("template:\(templateCode):default") {
                try DocumentService.blob(
                    """
                    SELECT d.docx FROM template_document d JOIN interaction_template tt ON tt.code = d.template_code
                    WHERE d.template_code = ? AND d.language_code = tt.language_code_default
                    """, [.text(templateCode)], what: "Document", connection)
            }
        default:
            return nil
        }
    }

    /// Month names in the contact's language, so `DocumentDate` pictures read and write them.
    static func locale(_ fields: MergeFields) -> MergeLocale {
        let english = MergeLocale.english
        let months = MergeFields.monthNames(for: fields.contact.languageCode)
        return MergeLocale(
            monthNames: months, abbreviatedMonthNames: months.map { String($0.prefix(3)) },
            dayNames: english.dayNames, abbreviatedDayNames: english.abbreviatedDayNames)
    }

    /// The merged .docx for one line's contact, named `<Subject>.docx`.
    public func lineDocument(_ segmentNo: String, lineNo: Int64) async throws(RapportError) -> ([UInt8], String) {
        try await store.read { connection in
            let key = try SegmentService.requireSegment(Segment.No(segmentNo), connection)
            guard let line = try MergeData.lines(segmentNo: key, lineNo: lineNo, connection).first else {
                throw RapportError.notFound("Segment line", String(lineNo))
            }
            guard
                let source = try connection.query(
                    Self.sourceSQL + " AND l.line_no = ?", [.text(key), .integer(lineNo)]
                ).first,
                let template = try Self.template(for: source, segmentNo: key, cache: TemplateCache(), connection)
            else {
                throw RapportError.notFound("Document for line", String(lineNo))
            }
            return (
                try template.merge(line.fields.map, locale: Self.locale(line.fields)),
                DocumentNames.single(subject: line.fields.document.subject)
            )
        }
    }

    /// Writes every line's merged document into one ZIP file; returns the archive's name.
    public func segmentArchive(_ segmentNo: String, toFile path: String) async throws(RapportError) -> String {
        try await store.read { connection in
            let key = try SegmentService.requireSegment(Segment.No(segmentNo), connection)
            var sources: [Int64: SQLRow] = [:]
            for row in try connection.query(Self.sourceSQL, [.text(key)]) { sources[row.int("line_no")] = row }
            let cache = TemplateCache()
            try ArchiveFile.write(to: path) { writer in
                var names = DocumentNames.Uniquer()
                for line in try MergeData.lines(segmentNo: key, connection) {
                    guard let source = sources[line.lineNo],
                        let template = try Self.template(for: source, segmentNo: key, cache: cache, connection)
                    else { continue }
                    let name = names.unique(
                        DocumentNames.member(
                            type: line.fields.contact.type, name: line.fields.contact.name,
                            companyName: line.fields.contact.companyName))
                    try writer.addEntry(
                        name: name, bytes: try template.merge(line.fields.map, locale: Self.locale(line.fields)),
                        method: .stored)
                }
            }
            return DocumentNames.archive(segmentNo: key)
        }
    }
}

/// Streams a ZIP archive into a file.
enum ArchiveFile {
    static func write(to path: String, _ fill: (inout ZIPWriter) throws -> Void) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw RapportError(.unavailable, "Cannot create \(path).") }
        defer { try? handle.close() }
        var writer = ZIPWriter { bytes in handle.write(Data(bytes)) }
        try fill(&writer)
        try writer.finish()
    }
}
