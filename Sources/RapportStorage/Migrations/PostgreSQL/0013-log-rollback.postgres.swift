extension PostgresMigrations {
    /// What Log deletes and no other table keeps, kept per logged segment so a rollback can put the worksheet
    /// back exactly: the header row (with the number of the version Log froze, which holds the lines and
    /// criteria actions), the undo journal, and the personalised line documents. The segment's own document
    /// is already kept in `logged_segment_document`. All of it goes with its logged segment.
    static let logRollback = Migration(
        name: "0013-log-rollback",
        sql: #"""
            -- statement
            -- Every column of segment_header, without its checks and references: a copy to restore, checked again
            -- when it is restored.
            CREATE TABLE logged_segment_header (
              entry_no BIGINT NOT NULL PRIMARY KEY REFERENCES logged_segment (entry_no) ON DELETE CASCADE,
              version BIGINT NOT NULL,
              no TEXT COLLATE "C" NOT NULL,
              description TEXT COLLATE "C" NOT NULL DEFAULT '',
              salesperson_code TEXT COLLATE "C",
              date TEXT COLLATE "C",
              interaction_template_code TEXT COLLATE "C",
              interaction_group_code TEXT COLLATE "C",
              language_code_default TEXT COLLATE "C",
              subject_default TEXT COLLATE "C" NOT NULL DEFAULT '',
              correspondence_type_default TEXT COLLATE "C",
              ignore_contact_correspondence_type BIGINT NOT NULL DEFAULT 0,
              information_flow TEXT COLLATE "C",
              initiated_by TEXT COLLATE "C",
              unit_cost DOUBLE PRECISION NOT NULL DEFAULT 0,
              unit_duration DOUBLE PRECISION NOT NULL DEFAULT 0,
              send_word_docs_as_attachment BIGINT NOT NULL DEFAULT 0,
              campaign_no TEXT COLLATE "C",
              campaign_target BIGINT NOT NULL DEFAULT 0,
              campaign_response BIGINT NOT NULL DEFAULT 0);
            -- statement
            -- Every column of segment_removed_line: the undo journal as it was at Log.
            CREATE TABLE logged_segment_removed_line (
              entry_no BIGINT NOT NULL REFERENCES logged_segment (entry_no) ON DELETE CASCADE,
              action_no BIGINT NOT NULL,
              line_no BIGINT NOT NULL,
              contact_no TEXT COLLATE "C" NOT NULL,
              contact_company_no TEXT COLLATE "C",
              salesperson_code TEXT COLLATE "C",
              date TEXT COLLATE "C",
              description TEXT COLLATE "C" NOT NULL DEFAULT '',
              subject TEXT COLLATE "C" NOT NULL DEFAULT '',
              interaction_template_code TEXT COLLATE "C",
              interaction_group_code TEXT COLLATE "C",
              language_code TEXT COLLATE "C",
              correspondence_type TEXT COLLATE "C",
              information_flow TEXT COLLATE "C",
              initiated_by TEXT COLLATE "C",
              cost DOUBLE PRECISION NOT NULL DEFAULT 0,
              duration DOUBLE PRECISION NOT NULL DEFAULT 0,
              evaluation TEXT COLLATE "C",
              campaign_no TEXT COLLATE "C",
              campaign_target BIGINT NOT NULL DEFAULT 0,
              campaign_response BIGINT NOT NULL DEFAULT 0,
              send_word_doc_as_attachment BIGINT NOT NULL DEFAULT 0,
              document TEXT COLLATE "C",
              added_by_action_no BIGINT NOT NULL,
              PRIMARY KEY (entry_no, action_no, line_no));
            -- statement
            CREATE TABLE logged_segment_line_document (
              entry_no BIGINT NOT NULL REFERENCES logged_segment (entry_no) ON DELETE CASCADE,
              line_no BIGINT NOT NULL,
              docx BYTEA NOT NULL,
              sha256 TEXT COLLATE "C",
              PRIMARY KEY (entry_no, line_no));
            """#)
}
