extension PostgresMigrations {
    /// Frozen documents: the Word documents entries were merged from, stored once by content
    /// (`document_blob`, keyed by the SHA-256 of the bytes), and per entry the merge values of its contact
    /// and line at Log. The documents that can become an entry's source carry their SHA-256, computed when
    /// they are stored; rows stored before this migration have none until the store fills it in.
    static let frozenDocuments = Migration(
        name: "0010-frozen-documents",
        sql: #"""
            -- statement
            CREATE TABLE document_blob (
              sha256 TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (length(sha256) = 64),
              docx BYTEA NOT NULL);
            -- statement
            ALTER TABLE template_document ADD COLUMN sha256 TEXT COLLATE "C" CHECK (sha256 IS NULL OR length(sha256) = 64);
            -- statement
            ALTER TABLE segment_document ADD COLUMN sha256 TEXT COLLATE "C" CHECK (sha256 IS NULL OR length(sha256) = 64);
            -- statement
            ALTER TABLE segment_line_document ADD COLUMN sha256 TEXT COLLATE "C" CHECK (sha256 IS NULL OR length(sha256) = 64);
            -- statement
            ALTER TABLE logged_segment_document ADD COLUMN sha256 TEXT COLLATE "C" CHECK (sha256 IS NULL OR length(sha256) = 64);
            -- statement
            -- Checked at commit: Log writes its entries first, then the documents they name.
            ALTER TABLE interaction_log_entry ADD COLUMN document_sha256 TEXT COLLATE "C"
              REFERENCES document_blob (sha256) DEFERRABLE INITIALLY DEFERRED;
            -- statement
            ALTER TABLE interaction_log_entry ADD COLUMN merge_snapshot TEXT COLLATE "C";
            -- statement
            CREATE INDEX ile_document ON interaction_log_entry (document_sha256);
            """#)
}
