extension SQLiteMigrations {
    /// PostgreSQL's migration of the same name keeps two foreign keys (an entry's contact, a line's document) with
    /// statement triggers instead of its row-by-row checks, which cost its Log more than a second on the 1M bench.
    /// SQLite keeps them as keys: its checks are look-ups in the same process, and its Log already meets the
    /// baseline. The migration keeps the two lists in step.
    static let statementLevelKeys = Migration(
        name: "0028-statement-level-keys",
        sql: #"""
            -- statement
            SELECT 1;
            """#)
}
