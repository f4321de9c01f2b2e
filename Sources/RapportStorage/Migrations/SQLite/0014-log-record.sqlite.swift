extension SQLiteMigrations {
    /// The interaction log as a record, continued: an e-mail entry's body is pinned at Log like its document,
    /// stored once by content (`email_body_blob`, keyed by the SHA-256 of the text). The indexes over pinned
    /// hashes and delivery states cover only the entries that have one, so logging plain records (no
    /// document, no delivery) maintains none of them.
    static let logRecord = Migration(
        name: "0014-log-record",
        sql: #"""
            -- statement
            CREATE TABLE email_body_blob (
              sha256 TEXT NOT NULL PRIMARY KEY CHECK (length(sha256) = 64),
              html TEXT NOT NULL);
            -- statement
            -- Checked at commit: Log writes its entries first, then the bodies they name.
            ALTER TABLE interaction_log_entry ADD COLUMN email_body_sha256 TEXT
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
            """#)
}
