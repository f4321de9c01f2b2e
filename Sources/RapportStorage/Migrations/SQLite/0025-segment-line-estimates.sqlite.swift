extension SQLiteMigrations {
    /// PostgreSQL's migration of the same name tells its planner that a segment has few of the lines. SQLite
    /// needs no such hint: it reads `segment_no = ?` through an index whatever it knows of the table, and the
    /// segment lists already read the index (`segment_line_totals`). The migration keeps the two lists in step.
    static let segmentLineEstimates = Migration(
        name: "0025-segment-line-estimates",
        sql: #"""
            -- statement
            SELECT 1;
            """#)
}
