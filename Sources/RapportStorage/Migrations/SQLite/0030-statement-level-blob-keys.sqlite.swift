extension SQLiteMigrations {
    /// PostgreSQL's migration of the same name keeps an entry's pins (its document, its e-mail body) with statement
    /// triggers instead of foreign keys, whose checks it queued for every entry a Log wrote, NULL or not. SQLite
    /// keeps them as keys: it skips a NULL key at once. The migration keeps the two lists in step.
    static let statementLevelBlobKeys = Migration(
        name: "0030-statement-level-blob-keys",
        sql: #"""
            -- statement
            SELECT 1;
            """#)
}
