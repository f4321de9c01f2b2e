extension SQLiteMigrations {
    /// Word documents and e-mail bodies. Stored in the database so a backup, a transaction and two
    /// server instances all see the same documents.
    static let documents = Migration(
        name: "0006-documents",
        sql: #"""
            -- statement
            CREATE TABLE template_document (
              template_code TEXT NOT NULL,
              language_code TEXT NOT NULL,
              docx BLOB NOT NULL,
              PRIMARY KEY (template_code, language_code),
              FOREIGN KEY (template_code, language_code)
                REFERENCES interaction_template_language (template_code, language_code) ON DELETE CASCADE);
            -- statement
            CREATE TABLE template_email_body (
              template_code TEXT NOT NULL,
              language_code TEXT NOT NULL,
              html TEXT NOT NULL,
              PRIMARY KEY (template_code, language_code),
              FOREIGN KEY (template_code, language_code)
                REFERENCES interaction_template_language (template_code, language_code) ON DELETE CASCADE);
            -- statement
            CREATE TABLE segment_document (
              segment_no TEXT NOT NULL PRIMARY KEY REFERENCES segment_header (no) ON DELETE CASCADE,
              docx BLOB NOT NULL);
            -- statement
            CREATE TABLE segment_line_document (
              segment_no TEXT NOT NULL,
              line_no BIGINT NOT NULL,
              docx BLOB NOT NULL,
              PRIMARY KEY (segment_no, line_no),
              FOREIGN KEY (segment_no, line_no) REFERENCES segment_line (segment_no, line_no) ON DELETE CASCADE);
            -- statement
            CREATE TABLE logged_segment_document (
              entry_no BIGINT NOT NULL PRIMARY KEY REFERENCES logged_segment (entry_no) ON DELETE CASCADE,
              docx BLOB NOT NULL);
            -- statement
            CREATE TABLE entry_document (
              entry_no BIGINT NOT NULL PRIMARY KEY REFERENCES interaction_log_entry (entry_no),
              docx BLOB NOT NULL,
              pdf BLOB);
            """#)
}
