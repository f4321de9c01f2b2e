extension Schema {
    /// Columns a segment line and its removed-line snapshot share, in one order. The snapshot leaves out
    /// the foreign keys: it is a copy to restore, and checking six references per removed line would
    /// slow every Reduce for nothing.
    static func segmentLineColumns(withReferences: Bool) -> String {
        func references(_ target: String) -> String { withReferences ? " REFERENCES \(target)" : "" }
        return """
            contact_no TEXT NOT NULL\(references("contact (no)")),
            contact_company_no TEXT,
            salesperson_code TEXT\(references("salesperson (code)")),
            date TEXT,
            description TEXT NOT NULL DEFAULT '',
            subject TEXT NOT NULL DEFAULT '',
            interaction_template_code TEXT\(references("interaction_template (code)")),
            interaction_group_code TEXT\(references("interaction_group (code)")),
            language_code TEXT\(references("language (code)")),
            \(oneOf("correspondence_type", ["hardCopy", "email"])),
            \(oneOf("information_flow", ["outbound", "inbound"])),
            \(oneOf("initiated_by", ["us", "them"])),
            cost DOUBLE PRECISION NOT NULL DEFAULT 0,
            duration DOUBLE PRECISION NOT NULL DEFAULT 0,
            \(oneOf("evaluation", ["veryPositive", "positive", "neutral", "negative", "veryNegative"])),
            campaign_no TEXT\(references("campaign (no)")),
            \(flag("campaign_target")), \(flag("campaign_response")), \(flag("send_word_doc_as_attachment")),
            \(oneOf("document", ["inherited", "unique"])),
            added_by_action_no BIGINT NOT NULL
            """
    }

    static let segments = Migration(
        name: "0004-segments",
        statements: [
            """
            CREATE TABLE segment_header (
              no TEXT NOT NULL PRIMARY KEY CHECK (no <> '' AND length(no) <= 20),
              description TEXT NOT NULL DEFAULT '',
              salesperson_code TEXT REFERENCES salesperson (code),
              date TEXT,
              interaction_template_code TEXT REFERENCES interaction_template (code),
              interaction_group_code TEXT REFERENCES interaction_group (code),
              language_code_default TEXT REFERENCES language (code),
              subject_default TEXT NOT NULL DEFAULT '',
              \(oneOf("correspondence_type_default", ["hardCopy", "email"])),
              \(flag("ignore_contact_correspondence_type")),
              \(oneOf("information_flow", ["outbound", "inbound"])),
              \(oneOf("initiated_by", ["us", "them"])),
              unit_cost DOUBLE PRECISION NOT NULL DEFAULT 0 CHECK (unit_cost >= 0),
              unit_duration DOUBLE PRECISION NOT NULL DEFAULT 0 CHECK (unit_duration >= 0),
              \(flag("send_word_docs_as_attachment")),
              campaign_no TEXT REFERENCES campaign (no),
              \(flag("campaign_target")), \(flag("campaign_response")))
            """,
            "CREATE INDEX segment_header_salesperson ON segment_header (salesperson_code)",
            "CREATE INDEX segment_header_campaign ON segment_header (campaign_no)",
            """
            CREATE TABLE segment_line (
              segment_no TEXT NOT NULL REFERENCES segment_header (no) ON DELETE CASCADE,
              line_no BIGINT NOT NULL,
              \(segmentLineColumns(withReferences: true)),
              PRIMARY KEY (segment_no, line_no))
            """,
            "CREATE INDEX segment_line_contact ON segment_line (contact_no, segment_no)",
            """
            CREATE TABLE segment_criteria_action (
              segment_no TEXT NOT NULL REFERENCES segment_header (no) ON DELETE CASCADE,
              action_no BIGINT NOT NULL,
              action TEXT NOT NULL CHECK (action IN ('add', 'reduce', 'refine')),
              \(flag("allow_existing_contacts")), \(flag("expand_companies")), \(flag("allow_related_companies")),
              \(flag("ignore_exclusion")), \(flag("entire_companies")),
              filters TEXT NOT NULL DEFAULT '{}',
              text TEXT NOT NULL DEFAULT '',
              PRIMARY KEY (segment_no, action_no))
            """,
            // The undo journal: every line an action removed, exactly as it was, so Go Back restores it.
            """
            CREATE TABLE segment_removed_line (
              segment_no TEXT NOT NULL REFERENCES segment_header (no) ON DELETE CASCADE,
              action_no BIGINT NOT NULL,
              line_no BIGINT NOT NULL,
              \(segmentLineColumns(withReferences: false)),
              PRIMARY KEY (segment_no, action_no, line_no))
            """,
            """
            CREATE TABLE saved_criteria (
              code TEXT NOT NULL PRIMARY KEY CHECK (code <> '' AND length(code) <= 10),
              description TEXT NOT NULL DEFAULT '',
              user_id TEXT NOT NULL)
            """,
            """
            CREATE TABLE saved_criteria_action (
              code TEXT NOT NULL REFERENCES saved_criteria (code) ON DELETE CASCADE,
              action_no BIGINT NOT NULL,
              action TEXT NOT NULL CHECK (action IN ('add', 'reduce', 'refine')),
              \(flag("allow_existing_contacts")), \(flag("expand_companies")), \(flag("allow_related_companies")),
              \(flag("ignore_exclusion")), \(flag("entire_companies")),
              filters TEXT NOT NULL DEFAULT '{}',
              text TEXT NOT NULL DEFAULT '',
              PRIMARY KEY (code, action_no))
            """,
        ])
}
