import RapportCore

/// What an entry's document is merged from once logged: the source .docx, stored once by content in
/// `document_blob` however many entries use it, and the entry's `MergeSnapshot`. Both are pinned in the
/// transaction that writes the entry, so its document is the same bytes forever.
enum FrozenDocuments {
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
