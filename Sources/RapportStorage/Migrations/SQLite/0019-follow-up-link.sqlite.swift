extension SQLiteMigrations {
    /// The follow-up segment a Log created (`createFollowUpSegment`), so that a rollback of the run takes it away
    /// too: it was made by the run, from the run's entries.
    static let followUpLink = Migration(
        name: "0019-follow-up-link",
        sql: #"""
            -- statement
            ALTER TABLE logged_segment ADD COLUMN follow_up_segment_no TEXT;
            """#)
}
