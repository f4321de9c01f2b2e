extension Schema {
    static let logging = Migration(
        name: "0005-logging",
        statements: [
            // Entry numbers come from counters, so a number is never issued twice, even after deletions.
            "CREATE TABLE entry_sequence (name TEXT NOT NULL PRIMARY KEY, last_value BIGINT NOT NULL DEFAULT 0)",
            """
            INSERT INTO entry_sequence (name, last_value) VALUES
              ('logged_segment', 0), ('interaction_log_entry', 0), ('campaign_entry', 0)
            """,
            """
            CREATE TABLE logged_segment (
              entry_no BIGINT NOT NULL PRIMARY KEY,
              segment_no TEXT NOT NULL,
              description TEXT NOT NULL DEFAULT '',
              creation_date TEXT NOT NULL,
              user_id TEXT NOT NULL,
              \(flag("canceled")),
              interaction_template_code TEXT,
              language_code_default TEXT,
              subject_default TEXT NOT NULL DEFAULT '',
              \(oneOf("correspondence_type_default", ["hardCopy", "email"])),
              \(flag("ignore_contact_correspondence_type")),
              \(oneOf("information_flow", ["outbound", "inbound"])),
              \(oneOf("initiated_by", ["us", "them"])),
              unit_cost DOUBLE PRECISION NOT NULL DEFAULT 0,
              unit_duration DOUBLE PRECISION NOT NULL DEFAULT 0,
              \(flag("send_word_docs_as_attachment")),
              campaign_no TEXT,
              \(flag("campaign_target")), \(flag("campaign_response")))
            """,
            // A segment number is logged once: the unique index is also what makes two racing Logs have one winner.
            "CREATE UNIQUE INDEX logged_segment_segment ON logged_segment (segment_no)",
            """
            CREATE TABLE campaign_entry (
              entry_no BIGINT NOT NULL PRIMARY KEY,
              campaign_no TEXT NOT NULL,
              description TEXT NOT NULL DEFAULT '',
              date TEXT,
              segment_no TEXT NOT NULL DEFAULT '',
              register_no BIGINT,
              salesperson_code TEXT,
              user_id TEXT NOT NULL,
              \(flag("canceled")))
            """,
            "CREATE INDEX campaign_entry_register ON campaign_entry (register_no)",
            "CREATE INDEX campaign_entry_campaign ON campaign_entry (campaign_no, date)",
            """
            CREATE TABLE interaction_log_entry (
              entry_no BIGINT NOT NULL PRIMARY KEY,
              contact_no TEXT NOT NULL REFERENCES contact (no),
              contact_company_no TEXT,
              date TEXT,
              description TEXT NOT NULL DEFAULT '',
              subject TEXT NOT NULL DEFAULT '',
              \(oneOf("information_flow", ["outbound", "inbound"])),
              \(oneOf("initiated_by", ["us", "them"])),
              cost DOUBLE PRECISION NOT NULL DEFAULT 0,
              duration DOUBLE PRECISION NOT NULL DEFAULT 0,
              user_id TEXT NOT NULL,
              interaction_group_code TEXT,
              interaction_template_code TEXT,
              interaction_language_code TEXT,
              campaign_no TEXT,
              campaign_entry_no BIGINT,
              \(flag("campaign_target")), \(flag("campaign_response")),
              segment_no TEXT NOT NULL DEFAULT '',
              logged_segment_entry_no BIGINT,
              \(oneOf("evaluation", ["veryPositive", "positive", "neutral", "negative", "veryNegative"])),
              salesperson_code TEXT,
              \(oneOf("correspondence_type", ["hardCopy", "email"])),
              \(oneOf("delivery_status", ["pending", "sent", "error"])),
              delivery_error TEXT NOT NULL DEFAULT '',
              \(flag("canceled")),
              \(flag("send_word_doc_as_attachment")),
              \(flag("has_document")))
            """,
            // The keys of BC's table 5065 that logging must maintain (and the baseline's schema has).
            "CREATE INDEX ile_contact ON interaction_log_entry (contact_company_no, contact_no, date)",
            "CREATE INDEX ile_logged_segment ON interaction_log_entry (logged_segment_entry_no)",
            "CREATE INDEX ile_campaign ON interaction_log_entry (campaign_no, campaign_entry_no, date)",
            // Needed by the foreign key: deleting a contact looks up its entries.
            "CREATE INDEX ile_by_contact ON interaction_log_entry (contact_no)",
        ])
}
