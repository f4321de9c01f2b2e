extension PostgresMigrations {
    /// A segment's lines are planned as a few, not as a share of every line. The segment lists count each
    /// segment's lines and sum their cost and duration in subqueries correlated with the segment (`ComputedColumns`),
    /// which PostgreSQL plans once for any segment, from the number of distinct segments ANALYZE last saw. With one
    /// large segment and a few small ones (the 1M bench: two segments when analyzed, 50,500 lines each as far as
    /// the planner knew) it read the whole `segment_line` table for every segment of the page instead of its
    /// index: 3.3 s for one list once 64 users had made segments of their own, and 64 clients waited seconds for
    /// a connection behind those lists. Telling ANALYZE that a segment has about a thousandth of the lines keeps
    /// the index-only scans (`segment_line_pkey`, `segment_line_totals`), which cost a small segment next to
    /// nothing and a large one about what the whole-table read cost. Statements that name their segment are still
    /// planned from the most common values, as before.
    static let segmentLineEstimates = Migration(
        name: "0025-segment-line-estimates",
        sql: #"""
            -- statement
            ALTER TABLE segment_line ALTER COLUMN segment_no SET (n_distinct = -0.001);
            -- statement
            ANALYZE segment_line;
            """#)
}
