import RapportCore

/// BC's document rules on the worksheet (§3.1, §3.4, §4.2): the segment keeps its own copy of its
/// template's Word document, and header changes reach only the lines that still inherit from the header.
enum SegmentDocumentRules {
    /// Choosing a template gives the segment its own copy of the template's document for the header's
    /// language (else the template's default language), so later edits of the template leave the segment
    /// alone; a template without one, or no template, leaves the segment without a document.
    static func copyTemplateDocument(_ segmentNo: String, _ connection: any SQLConnection) throws {
        try connection.execute("DELETE FROM segment_document WHERE segment_no = ?", [.text(segmentNo)])
        try connection.execute(
            """
            INSERT INTO segment_document (segment_no, docx, sha256)
            SELECT h.no, d.docx, d.sha256 FROM segment_header h
            JOIN interaction_template t ON t.code = h.interaction_template_code
            JOIN template_document d ON d.template_code = t.code
              AND d.language_code = COALESCE(h.language_code_default, t.language_code_default)
            WHERE h.no = ?
            """, [.text(segmentNo)])
    }

    /// The lines that follow the header's template `template` (nil: lines with no template) and have no
    /// personalised document: the ones a header change reaches. A condition on alias-free `segment_line`.
    static func inheritingLines(template: String?) -> SQLFragment {
        let personal =
            "NOT EXISTS (SELECT 1 FROM segment_line_document p WHERE p.segment_no = segment_line.segment_no "
            + "AND p.line_no = segment_line.line_no)"
        guard let template else { return SQLFragment("interaction_template_code IS NULL AND \(personal)") }
        return SQLFragment("interaction_template_code = ? AND \(personal)", [.text(template)])
    }

    /// BC §3.4: a new subject default reaches the lines with the header's template and default language
    /// that still carry the old subject; subjects personalised by hand stay.
    static func pushSubject(
        from old: String, to new: String, header: Record, segmentNo: String, _ connection: any SQLConnection
    ) throws {
        var condition = "segment_no = ? AND subject = ?"
        var binds: [SQLValue] = [.text(segmentNo), .text(old)]
        for (column, value) in [
            ("interaction_template_code", header["interactionTemplateCode"].nonBlankText),
            ("language_code", header["languageCodeDefault"].nonBlankText),
        ] {
            if let value {
                condition += " AND \(column) = ?"
                binds.append(.text(value))
            } else {
                condition += " AND \(column) IS NULL"
            }
        }
        try connection.execute("UPDATE segment_line SET subject = ? WHERE \(condition)", [.text(new)] + binds)
    }
}
