extension SQLiteMigrations {
    /// Delivery bookkeeping: who claimed an entry and when, attempts, and when to try again; and the
    /// personalised documents of lines, kept for their entries once the segment is gone.
    static let delivery = Migration(
        name: "0007-delivery",
        sql: #"""
            -- statement
            ALTER TABLE interaction_log_entry ADD COLUMN delivery_claimed_by TEXT;
            -- statement
            ALTER TABLE interaction_log_entry ADD COLUMN delivery_claimed_at TEXT;
            -- statement
            ALTER TABLE interaction_log_entry ADD COLUMN delivery_attempts BIGINT NOT NULL DEFAULT 0;
            -- statement
            ALTER TABLE interaction_log_entry ADD COLUMN delivery_next_at TEXT NOT NULL DEFAULT '';
            -- statement
            CREATE INDEX ile_delivery ON interaction_log_entry (delivery_status, delivery_next_at);
            -- statement
            CREATE TABLE entry_template_document (
              entry_no BIGINT NOT NULL PRIMARY KEY REFERENCES interaction_log_entry (entry_no),
              docx BLOB NOT NULL);
            """#)
}
