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
            CREATE TABLE segment_version_line (
              segment_no TEXT COLLATE "C" NOT NULL,
              version BIGINT NOT NULL,
              line_no BIGINT NOT NULL,
              contact_no TEXT COLLATE "C" NOT NULL,
              salesperson_code TEXT COLLATE "C",
              date TEXT COLLATE "C",
              description TEXT COLLATE "C" NOT NULL DEFAULT '',
              subject TEXT COLLATE "C" NOT NULL DEFAULT '',
              interaction_template_code TEXT COLLATE "C",
              language_code TEXT COLLATE "C",
              correspondence_type TEXT COLLATE "C",
              evaluation TEXT COLLATE "C",
              campaign_no TEXT COLLATE "C",
              cost DOUBLE PRECISION NOT NULL DEFAULT 0,
              duration DOUBLE PRECISION NOT NULL DEFAULT 0,
              added_by_action_no BIGINT NOT NULL,
              PRIMARY KEY (segment_no, version, line_no),
              FOREIGN KEY (segment_no, version) REFERENCES segment_version (segment_no, version) ON DELETE CASCADE);
            -- statement
            CREATE TABLE segment_version_action (
              segment_no TEXT COLLATE "C" NOT NULL,
              version BIGINT NOT NULL,
              action_no BIGINT NOT NULL,
              action TEXT COLLATE "C" NOT NULL CHECK (action IN ('add', 'reduce', 'refine')),
              text TEXT COLLATE "C" NOT NULL DEFAULT '',
              PRIMARY KEY (segment_no, version, action_no),
              FOREIGN KEY (segment_no, version) REFERENCES segment_version (segment_no, version) ON DELETE CASCADE);
            """#)
}
