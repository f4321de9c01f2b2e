extension SQLiteMigrations {
    /// The undo journal's lines are no longer checked against `segment_header` one by one (see the PostgreSQL
    /// migration of the same name, where the check was a tenth of a Reduce of 100,000 lines). SQLite drops a
    /// foreign key by making the table again without it; a trigger now does what the key's `ON DELETE CASCADE`
    /// did.
    static let journalWithoutKey = Migration(
        name: "0022-journal-without-key",
        sql: #"""
            -- statement
            CREATE TABLE segment_removed_line_new (
              segment_no TEXT NOT NULL,
              action_no BIGINT NOT NULL,
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
            correspondence_type TEXT CHECK (correspondence_type IS NULL OR correspondence_type IN ('hardCopy', 'email')),
            information_flow TEXT CHECK (information_flow IS NULL OR information_flow IN ('outbound', 'inbound')),
            initiated_by TEXT CHECK (initiated_by IS NULL OR initiated_by IN ('us', 'them')),
            cost DOUBLE PRECISION NOT NULL DEFAULT 0,
            duration DOUBLE PRECISION NOT NULL DEFAULT 0,
            evaluation TEXT CHECK (evaluation IS NULL OR evaluation IN ('veryPositive', 'positive', 'neutral', 'negative', 'veryNegative')),
            campaign_no TEXT,
            campaign_target INTEGER NOT NULL DEFAULT 0 CHECK (campaign_target IN (0, 1)), campaign_response INTEGER NOT NULL DEFAULT 0 CHECK (campaign_response IN (0, 1)), send_word_doc_as_attachment INTEGER NOT NULL DEFAULT 0 CHECK (send_word_doc_as_attachment IN (0, 1)),
            document TEXT CHECK (document IS NULL OR document IN ('inherited', 'unique')),
            added_by_action_no BIGINT NOT NULL,
              PRIMARY KEY (segment_no, action_no, line_no));
            -- statement
            INSERT INTO segment_removed_line_new SELECT * FROM segment_removed_line;
            -- statement
            DROP TABLE segment_removed_line;
            -- statement
            ALTER TABLE segment_removed_line_new RENAME TO segment_removed_line;
            -- statement
            CREATE TRIGGER segment_header_deleted AFTER DELETE ON segment_header
            BEGIN
              DELETE FROM segment_removed_line WHERE segment_no = OLD.no;
            END;
            """#)
}
