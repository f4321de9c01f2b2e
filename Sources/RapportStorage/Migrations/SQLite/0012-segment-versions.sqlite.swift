extension SQLiteMigrations {
    /// Versions of a segment's membership: frozen on demand and by every Log, kept after the segment is
    /// logged (no foreign key to the header), so a logged run's membership and criteria stay readable.
    static let segmentVersions = Migration(
        name: "0012-segment-versions",
        sql: #"""
            -- statement
            CREATE TABLE segment_version (
              segment_no TEXT NOT NULL,
              version BIGINT NOT NULL CHECK (version > 0),
              created_at TEXT NOT NULL,
              user_id TEXT NOT NULL,
              reason TEXT NOT NULL CHECK (reason IN ('manual', 'log')),
              no_of_lines BIGINT NOT NULL,
              PRIMARY KEY (segment_no, version));
            -- statement
            -- Every column of segment_line, as the removed-line journal keeps them, so a version can give the lines
            -- back exactly as they were (a rolled-back Log).
            CREATE TABLE segment_version_line (
              segment_no TEXT NOT NULL,
              version BIGINT NOT NULL,
              line_no BIGINT NOT NULL,
              contact_no TEXT NOT NULL,
              contact_company_no TEXT,
              salesperson_code TEXT,
              date TEXT,
              description TEXT NOT NULL DEFAULT '',
              subject TEXT NOT NULL DEFAULT '',
              interaction_template_code TEXT,
              interaction_group_code TEXT,
              language_code TEXT,
              correspondence_type TEXT,
              information_flow TEXT,
              initiated_by TEXT,
              cost DOUBLE PRECISION NOT NULL DEFAULT 0,
              duration DOUBLE PRECISION NOT NULL DEFAULT 0,
              evaluation TEXT,
              campaign_no TEXT,
              campaign_target INTEGER NOT NULL DEFAULT 0,
              campaign_response INTEGER NOT NULL DEFAULT 0,
              send_word_doc_as_attachment INTEGER NOT NULL DEFAULT 0,
              document TEXT,
              added_by_action_no BIGINT NOT NULL,
              PRIMARY KEY (segment_no, version, line_no),
              FOREIGN KEY (segment_no, version) REFERENCES segment_version (segment_no, version) ON DELETE CASCADE);
            -- statement
            CREATE TABLE segment_version_action (
              segment_no TEXT NOT NULL,
              version BIGINT NOT NULL,
              action_no BIGINT NOT NULL,
              action TEXT NOT NULL CHECK (action IN ('add', 'reduce', 'refine')),
              allow_existing_contacts INTEGER NOT NULL DEFAULT 0,
              expand_companies INTEGER NOT NULL DEFAULT 0,
              allow_related_companies INTEGER NOT NULL DEFAULT 0,
              ignore_exclusion INTEGER NOT NULL DEFAULT 0,
              entire_companies INTEGER NOT NULL DEFAULT 0,
              filters TEXT NOT NULL DEFAULT '{}',
              text TEXT NOT NULL DEFAULT '',
              PRIMARY KEY (segment_no, version, action_no),
              FOREIGN KEY (segment_no, version) REFERENCES segment_version (segment_no, version) ON DELETE CASCADE);
            """#)
}
