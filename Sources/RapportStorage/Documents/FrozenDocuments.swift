import RapportCore

/// What an entry's document is merged from once logged: the source .docx, stored once by content in
/// `document_blob` however many entries use it, and the entry's `MergeSnapshot`. Both are pinned in the
/// transaction that writes the entry, so its document is the same bytes forever.
enum FrozenDocuments {
    /// The SHA-256 of the document a line merges (BC §3.4, as `MergedDocumentService.sourceSQL` picks it):
    /// its personalised one; the segment's own when the line follows the header's template and default
    /// language; the template's in the line's language; the template's in its default language. Over a
    /// line `l` and its header `h`; NULL when none applies.
    static let sourceSHA256 = """
        COALESCE(
          (SELECT d.sha256 FROM segment_line_document d WHERE d.segment_no = l.segment_no AND d.line_no = l.line_no),
          (SELECT d.sha256 FROM segment_document d WHERE d.segment_no = l.segment_no
             AND (l.interaction_template_code = h.interaction_template_code
                  OR (l.interaction_template_code IS NULL AND h.interaction_template_code IS NULL))
             AND (l.language_code IS NULL OR h.language_code_default IS NULL OR l.language_code = h.language_code_default)),
          (SELECT d.sha256 FROM template_document d WHERE d.template_code = l.interaction_template_code
             AND d.language_code = l.language_code),
          (SELECT d.sha256 FROM template_document d JOIN interaction_template tt ON tt.code = d.template_code
             WHERE d.template_code = l.interaction_template_code AND d.language_code = tt.language_code_default))
        """

    /// Stores the documents entries `first`...`last` of worksheet `segmentNo` pinned and `document_blob`
    /// does not hold yet: one `INSERT ... SELECT` per kind of source, so the bytes are copied once per
    /// distinct document whatever the number of entries.
    static func storeDocuments(
        entries first: Int64, through last: Int64, segmentNo: String, _ connection: any SQLConnection
    ) throws {
        let pinned =
            "d.sha256 IN (SELECT e.document_sha256 FROM interaction_log_entry e WHERE e.entry_no >= ? AND e.entry_no <= ?)"
            + " AND NOT EXISTS (SELECT 1 FROM document_blob b WHERE b.sha256 = d.sha256)"
        let range: [SQLValue] = [.integer(first), .integer(last)]
        for (table, condition, binds) in [
            ("segment_line_document", "d.segment_no = ? AND ", [SQLValue.text(segmentNo)]),
            ("segment_document", "d.segment_no = ? AND ", [.text(segmentNo)]),
            ("template_document", "", []),
        ] {
            try connection.execute(
                """
                INSERT INTO document_blob (sha256, docx)
                SELECT d.sha256, d.docx FROM \(table) d WHERE \(condition)\(pinned)
                ON CONFLICT (sha256) DO NOTHING
                """, binds + range)
        }
    }

    /// What an entry logged since documents are frozen was merged from: its source .docx (nil when it had
    /// none to merge) and its merge values.
    struct Frozen: Sendable {
        var docx: [UInt8]?
        var fields: MergeFields
    }

    /// The entry's frozen source and merge values, or nil for an entry logged before they were frozen.
    static func read(_ entryNo: Int64, _ connection: any SQLConnection) throws -> Frozen? {
        guard
            let row = try connection.query(
                """
                SELECT e.merge_snapshot, b.docx FROM interaction_log_entry e
                LEFT JOIN document_blob b ON b.sha256 = e.document_sha256 WHERE e.entry_no = ?
                """, [.integer(entryNo)]
            ).first,
            let fields = MergeSnapshot.fields(row.text("merge_snapshot"), entryNo: entryNo)
        else { return nil }
        guard case .blob(let docx) = row["docx"] else { return Frozen(docx: nil, fields: fields) }
        return Frozen(docx: docx, fields: fields)
    }

    /// The frozen document merged: the same bytes every time, since the merge is deterministic.
    static func merge(_ docx: [UInt8], _ fields: MergeFields) async throws(RapportError) -> [UInt8] {
        try await BlockingWork.run { () throws(RapportError) in
            let template = try DocumentService.validate(docx)
            do {
                return try template.merge(fields.map, locale: MergedDocumentService.locale(fields))
            } catch {
                throw Store.translate(error)
            }
        }
    }
}
