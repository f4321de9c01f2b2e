extension SQLiteMigrations {
    /// The PostgreSQL migration of the same name, for the same question (`SegmentLogger.hasCampaigns`); SQLite's
    /// Log has its check's answer first, but the campaign entries' grouping reads the lines through it too.
    static let linesWithACampaign = Migration(
        name: "0029-lines-with-a-campaign",
        sql: #"""
            -- statement
            CREATE INDEX segment_line_campaign ON segment_line (segment_no, campaign_no) WHERE campaign_no IS NOT NULL;
            """#)
}
