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

    /// Where a line's document comes from: a key naming the stored document (one per distinct document, so
    /// it is compiled once however many lines use it) and the query that reads it; nil when none applies.
    static func documentSource(
        _ source: SQLRow, segmentNo: String
    ) -> (key: String, sql: String, binds: [SQLValue])? {
        let templateCode = source.text("template_code")
        let language = source.text("language_code")
        switch source.text("source") {
        case "line":
            let lineNo = source.int("line_no")
            return (
                "line:\(lineNo)", "SELECT docx FROM segment_line_document WHERE segment_no = ? AND line_no = ?",
                [.text(segmentNo), .integer(lineNo)]
            )
        case "segment":
            return ("segment", "SELECT docx FROM segment_document WHERE segment_no = ?", [.text(segmentNo)])
        case "template":
            return (
                "template:\(templateCode):\(language)",
                "SELECT docx FROM template_document WHERE template_code = ? AND language_code = ?",
                [.text(templateCode), .text(language)]
            )
        case "template-default":
            return (
                "template:\(templateCode):default",
                """
                SELECT d.docx FROM template_document d JOIN interaction_template tt ON tt.code = d.template_code
                WHERE d.template_code = ? AND d.language_code = tt.language_code_default
                """, [.text(templateCode)]
            )
        default:
            return nil
        }
    }

    /// The stored .docx a document source names.
    static func document(
        _ source: (key: String, sql: String, binds: [SQLValue]), _ connection: any SQLConnection
    ) throws -> [UInt8] {
        try DocumentService.blob(source.sql, source.binds, what: "Document", connection)
    }

    /// Month names in the contact's language, so `DocumentDate` pictures read and write them.
    static func locale(_ fields: MergeFields) -> MergeLocale {
        let english = MergeLocale.english
        let months = MergeFields.monthNames(for: fields.contact.languageCode)
        return MergeLocale(
            monthNames: months, abbreviatedMonthNames: months.map { String($0.prefix(3)) },
            dayNames: english.dayNames, abbreviatedDayNames: english.abbreviatedDayNames)
    }

    /// The merged .docx for one line's contact, named `<Subject>.docx`. The line and its document are read in
    /// one short read; the merge runs after it, off the cooperative pool.
    public func lineDocument(_ segmentNo: Segment.No, lineNo: Int64) async throws(RapportError) -> ([UInt8], String) {
        let (fields, docx) = try await store.read { connection in
            let key = try SegmentService.requireSegment(segmentNo, connection)
            guard let line = try MergeData.lines(segmentNo: key, lineNo: lineNo, connection).first else {
                throw RapportError.notFound("Segment line", String(lineNo))
            }
            guard
                let row = try connection.query(Self.sourceSQL + " AND l.line_no = ?", [.text(key), .integer(lineNo)])
                    .first,
                let source = Self.documentSource(row, segmentNo: key)
            else {
                throw RapportError.notFound("Document for line", String(lineNo))
            }
            return (line.fields, try Self.document(source, connection))
        }
        return try await BlockingWork.run { () throws(RapportError) in
            let template = try DocumentService.validate(docx)
            do {
                return (
                    try template.merge(fields.map, locale: Self.locale(fields)),
                    DocumentNames.single(subject: fields.document.subject)
                )
            } catch {
                throw Store.translate(error)
            }
        }
    }
}
