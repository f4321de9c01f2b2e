extension PostgresMigrations {
    /// The interaction log as a record: an entry's time, attempt and channel, comment lines, and who changed
    /// an entry or a campaign entry after logging, and when; the phone-call template of setup.
    static let interactionLog = Migration(
        name: "0008-interaction-log",
        sql: #"""
            -- statement
            ALTER TABLE interaction_log_entry ADD COLUMN time_of_interaction TEXT COLLATE "C" NOT NULL DEFAULT '';
            -- statement
            ALTER TABLE interaction_log_entry ADD COLUMN attempt_failed BIGINT NOT NULL DEFAULT 0
              CHECK (attempt_failed IN (0, 1));
            -- statement
            ALTER TABLE interaction_log_entry ADD COLUMN contact_via TEXT COLLATE "C" NOT NULL DEFAULT '';
            -- statement
            ALTER TABLE interaction_log_entry ADD COLUMN modified_by TEXT COLLATE "C";
            -- statement
            ALTER TABLE interaction_log_entry ADD COLUMN modified_at TEXT COLLATE "C";
            -- statement
            ALTER TABLE campaign_entry ADD COLUMN modified_by TEXT COLLATE "C";
            -- statement
            ALTER TABLE campaign_entry ADD COLUMN modified_at TEXT COLLATE "C";
            -- statement
            CREATE TABLE interaction_comment (
              entry_no BIGINT NOT NULL REFERENCES interaction_log_entry (entry_no) ON DELETE CASCADE,
              line_no BIGINT NOT NULL,
              text TEXT COLLATE "C" NOT NULL DEFAULT '',
              user_id TEXT COLLATE "C" NOT NULL DEFAULT '',
              date TEXT COLLATE "C" NOT NULL DEFAULT '',
              PRIMARY KEY (entry_no, line_no));
            -- statement
            ALTER TABLE setup ADD COLUMN phone_call_template_code TEXT COLLATE "C" REFERENCES interaction_template (code);
            """#)
}
