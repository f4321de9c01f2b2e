extension PostgresMigrations {
    /// The lines that name a campaign, for Log to learn whether a segment has any before it writes the entries
    /// (`SegmentLogger.hasCampaigns`) without reading all of them: on PostgreSQL it asks beside the check, which
    /// reads them on another connection (0.2-0.5 s for the 1M bench's 100,000-line segment; the index answers in
    /// well under a millisecond). Only lines with a campaign are in it, so a segment without one costs nothing to
    /// keep it.
    static let linesWithACampaign = Migration(
        name: "0029-lines-with-a-campaign",
        sql: #"""
            -- statement
            CREATE INDEX segment_line_campaign ON segment_line (segment_no, campaign_no) WHERE campaign_no IS NOT NULL;
            """#)
}
