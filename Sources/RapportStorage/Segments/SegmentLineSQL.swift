import RapportCore

/// How a segment line is built from its header and contact (BC §3.3), as SQL expressions written
/// once and used by every path that creates lines: Add Contacts, manual lines, reuse, follow-up.
/// Aliases: `h` the segment header, `t` the contact, `tt` the header's interaction template.
enum SegmentLineSQL {
    /// Line columns written when a line is created, in insert order (after segment_no and line_no).
    static let columns = [
        "contact_no", "contact_company_no", "salesperson_code", "date", "description", "subject",
        "interaction_template_code", "interaction_group_code", "language_code", "correspondence_type",
        "information_flow", "initiated_by", "cost", "duration", "evaluation", "campaign_no", "campaign_target",
        "campaign_response", "send_word_doc_as_attachment", "document", "added_by_action_no",
    ]

    /// All stored columns of a line, as the removed-line journal copies them.
    static let allColumns = ["segment_no", "line_no"] + columns

    /// The values of `columns` for contact `t` on header `h`; the last one binds the action number.
    static let values = [
        "t.no", "t.company_no", "COALESCE(h.salesperson_code, t.salesperson_code)", "h.date", "h.description",
        "h.subject_default", "h.interaction_template_code", "h.interaction_group_code",
        language(template: "h.interaction_template_code", fallback: "h.language_code_default"),
        correspondenceType(template: "tt"), "h.information_flow", "h.initiated_by", "h.unit_cost", "h.unit_duration",
        "NULL", "h.campaign_no", "h.campaign_target", "h.campaign_response", "h.send_word_docs_as_attachment",
        "NULL", "?",
    ]

    /// The correspondence-type precedence of BC §3.3: the header default when the header ignores the
    /// contact's preference; else the template default when the template ignores it or the contact has
    /// none; else the contact's own type.
    static func correspondenceType(template tt: String) -> String {
        """
        CASE WHEN h.ignore_contact_correspondence_type = 1 AND h.correspondence_type_default IS NOT NULL \
        THEN h.correspondence_type_default \
        WHEN \(tt).code IS NOT NULL AND (\(tt).ignore_contact_correspondence_type = 1 OR t.correspondence_type IS NULL) \
        THEN \(tt).correspondence_type_default \
        ELSE t.correspondence_type END
        """
    }

    /// The contact's language when the template has an entry for it, else the fallback (BC §3.4).
    static func language(template: String, fallback: String) -> String {
        """
        CASE WHEN t.language_code IS NOT NULL AND EXISTS (SELECT 1 FROM interaction_template_language tl \
        WHERE tl.template_code = \(template) AND tl.language_code = t.language_code) \
        THEN t.language_code ELSE \(fallback) END
        """
    }

    /// BC's line order: persons grouped under their company.
    static let order = "COALESCE(co.name, ''), COALESCE(t.company_no, ''), t.type, t.name, t.no"

    /// Inserts one line per contact picked by `selection` (conditions on `t`), numbered after the last line.
    /// Binds: CTE binds, action number, segment number, selection binds.
    static func insert(segmentNo: String, actionNo: Int64, selection: ContactSelectionSQL) -> SQLFragment {
        let ctes =
            (["base AS (SELECT COALESCE(MAX(line_no), 0) AS max_line FROM segment_line WHERE segment_no = ?)"]
            + selection.ctes.map(\.sql)).joined(separator: ",\n")
        let sql = """
            WITH \(ctes)
            INSERT INTO segment_line (segment_no, line_no, \(columns.joined(separator: ", ")))
            SELECT h.no, base.max_line + 10000 * ROW_NUMBER() OVER (ORDER BY \(order)), \(values.joined(separator: ", "))
            FROM segment_header h CROSS JOIN base
            JOIN contact t ON \(selection.condition.sql)
            LEFT JOIN contact co ON co.no = t.company_no
            LEFT JOIN interaction_template tt ON tt.code = h.interaction_template_code
            WHERE h.no = ?
            """
        let binds: [SQLValue] =
            [.text(segmentNo)] + selection.ctes.flatMap(\.binds) + [.integer(actionNo)]
            + selection.condition.binds + [.text(segmentNo)]
        return SQLFragment(sql, binds)
    }
}

extension SegmentLineSQL {
    /// Reuse Segment (BC §2.8): one line per entry of a logged segment, canceled ones included, each line
    /// built from the header like any other but keeping its entry's campaign.
    static func insert(segmentNo: String, actionNo: Int64, fromLoggedSegment entryNo: Int64) -> SQLFragment {
        let entryValues = values.map { $0 == "h.campaign_no" ? "e.campaign_no" : $0 }
        let sql = """
            WITH base AS (SELECT COALESCE(MAX(line_no), 0) AS max_line FROM segment_line WHERE segment_no = ?)
            INSERT INTO segment_line (segment_no, line_no, \(columns.joined(separator: ", ")))
            SELECT h.no, base.max_line + 10000 * ROW_NUMBER() OVER (ORDER BY e.entry_no), \(entryValues.joined(separator: ", "))
            FROM segment_header h CROSS JOIN base
            JOIN interaction_log_entry e ON e.logged_segment_entry_no = ?
            JOIN contact t ON t.no = e.contact_no
            LEFT JOIN interaction_template tt ON tt.code = h.interaction_template_code
            WHERE h.no = ?
            """
        return SQLFragment(sql, [.text(segmentNo), .integer(actionNo), .integer(entryNo), .text(segmentNo)])
    }
}

/// Which contacts an Add Contacts run picks: optional CTEs (for Expand Companies and Allow Related
/// Companies) and a condition on the contact `t`.
struct ContactSelectionSQL {
    var ctes: [SQLFragment]
    var condition: SQLFragment
}
