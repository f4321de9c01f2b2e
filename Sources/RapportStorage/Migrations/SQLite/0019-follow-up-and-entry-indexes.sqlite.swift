extension SQLiteMigrations {
    /// The follow-up segment a Log created (`createFollowUpSegment`), so that a rollback of the run takes it away
    /// too: it was made by the run, from the run's entries. And two indexes that spare reading all the entries of a
    /// big logged segment: its skipped deliveries (the logged segments list counts them per row), and its entries
    /// in number order (its page lists the first hundred, which had to sort all of them).
    static let followUpAndEntryIndexes = Migration(
        name: "0019-follow-up-and-entry-indexes",
        sql: #"""
            -- statement
            ALTER TABLE logged_segment ADD COLUMN follow_up_segment_no TEXT;
            -- statement
            CREATE INDEX ile_skipped ON interaction_log_entry (logged_segment_entry_no, delivery_skip_reason)
              WHERE delivery_skip_reason IS NOT NULL;
            -- statement
            DROP INDEX ile_logged_segment;
            -- statement
            CREATE INDEX ile_logged_segment ON interaction_log_entry (logged_segment_entry_no, entry_no);
            """#)
}
