extension PostgresMigrations {
    /// The interaction log as a record, continued: an e-mail entry's body is pinned at Log like its document,
    /// stored once by content (`email_body_blob`, keyed by the SHA-256 of the text). The indexes over pinned
    /// hashes and delivery states cover only the entries that have one, so logging plain records (no
    /// document, no delivery) maintains none of them. The version every Log freezes is read from its entries,
    /// which keep the line's own fields they do not already have (its number, the criteria action that added
    /// it, its document marker and its correspondence type where the entry's differs); the version names its
    /// range of entries. Versions frozen on demand keep their lines in `segment_version_line`.
    static let logRecord = Migration(
        name: "0014-log-record",
        sql: #"""
            -- statement
            CREATE TABLE email_body_blob (
              sha256 TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (length(sha256) = 64),
              html TEXT COLLATE "C" NOT NULL);
            -- statement
            -- Checked at commit: Log writes its entries first, then the bodies they name.
            ALTER TABLE interaction_log_entry ADD COLUMN email_body_sha256 TEXT COLLATE "C"
              REFERENCES email_body_blob (sha256) DEFERRABLE INITIALLY DEFERRED;
            -- statement
            CREATE INDEX ile_email_body ON interaction_log_entry (email_body_sha256) WHERE email_body_sha256 IS NOT NULL;
            -- statement
            DROP INDEX ile_document;
            -- statement
            CREATE INDEX ile_document ON interaction_log_entry (document_sha256) WHERE document_sha256 IS NOT NULL;
            -- statement
            DROP INDEX ile_delivery;
            -- statement
            CREATE INDEX ile_delivery ON interaction_log_entry (delivery_status, delivery_next_at)
              WHERE delivery_status IS NOT NULL;
            -- statement
            ALTER TABLE interaction_log_entry ADD COLUMN line_no BIGINT;
            -- statement
            ALTER TABLE interaction_log_entry ADD COLUMN added_by_action_no BIGINT;
            -- statement
            ALTER TABLE interaction_log_entry ADD COLUMN line_document TEXT COLLATE "C";
            -- statement
            ALTER TABLE interaction_log_entry ADD COLUMN line_correspondence_type TEXT COLLATE "C";
            -- statement
            ALTER TABLE segment_version ADD COLUMN first_entry_no BIGINT;
            -- statement
            ALTER TABLE segment_version ADD COLUMN last_entry_no BIGINT;
            -- statement
            -- Finds the version an entry belongs to: the one with the greatest first entry at or before it.
            CREATE INDEX segment_version_entries ON segment_version (first_entry_no) WHERE first_entry_no IS NOT NULL;
            """#)
}
