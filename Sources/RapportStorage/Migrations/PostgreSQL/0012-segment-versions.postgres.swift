extension PostgresMigrations {
    /// Versions of a segment's membership: frozen on demand and by every Log, kept after the segment is
    /// logged (no foreign key to the header), so a logged run's membership and criteria stay readable.
    static let segmentVersions = Migration(
        name: "0012-segment-versions",
        sql: #"""
            -- statement
            CREATE TABLE segment_version (
              segment_no TEXT COLLATE "C" NOT NULL,
              version BIGINT NOT NULL CHECK (version > 0),
              created_at TEXT COLLATE "C" NOT NULL,
              user_id TEXT COLLATE "C" NOT NULL,
              reason TEXT COLLATE "C" NOT NULL CHECK (reason IN ('manual', 'log')),
              no_of_lines BIGINT NOT NULL,
              PRIMARY KEY (segment_no, version));
            -- statement
            -- Every column of segment_line, as the removed-line journal keeps them, so a version can give the lines
            -- back exactly as they were (a rolled-back Log).
            CREATE TABLE segment_version_line (
              segment_no TEXT COLLATE "C" NOT NULL,
              version BIGINT NOT NULL,
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
              PRIMARY KEY (segment_no, version, line_no),
              FOREIGN KEY (segment_no, version) REFERENCES segment_version (segment_no, version) ON DELETE CASCADE);
            -- statement
            CREATE TABLE segment_version_action (
              segment_no TEXT COLLATE "C" NOT NULL,
              version BIGINT NOT NULL,
              action_no BIGINT NOT NULL,
              action TEXT COLLATE "C" NOT NULL CHECK (action IN ('add', 'reduce', 'refine')),
              allow_existing_contacts BIGINT NOT NULL DEFAULT 0,
              expand_companies BIGINT NOT NULL DEFAULT 0,
              allow_related_companies BIGINT NOT NULL DEFAULT 0,
              ignore_exclusion BIGINT NOT NULL DEFAULT 0,
              entire_companies BIGINT NOT NULL DEFAULT 0,
              filters TEXT COLLATE "C" NOT NULL DEFAULT '{}',
              text TEXT COLLATE "C" NOT NULL DEFAULT '',
              PRIMARY KEY (segment_no, version, action_no),
              FOREIGN KEY (segment_no, version) REFERENCES segment_version (segment_no, version) ON DELETE CASCADE);
            """#)
}
