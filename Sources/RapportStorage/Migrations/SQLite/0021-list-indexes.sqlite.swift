extension SQLiteMigrations {
    /// The segments list and every worksheet show each segment's number of lines, cost total and duration total,
    /// computed from its lines on every read. Through the primary key the sums read every line's row (a
    /// 100,000-line segment took 55 ms of CPU per list, three scans); with the two summed columns in an index
    /// of their own the three aggregates read the index alone (16 ms), at the price of one more index entry per
    /// line written.
    ///
    /// And the contacts listed by city or post code come in number order, the first page at a time: the indexes
    /// on the value alone found all of a city's 44,000 contacts and sorted them for the first 50 (20 ms of CPU
    /// per page); with the number in the index the page is read in order and stops after 50.
    static let listIndexes = Migration(
        name: "0021-list-indexes",
        sql: #"""
            -- statement
            CREATE INDEX segment_line_totals ON segment_line (segment_no, cost, duration);
            -- statement
            DROP INDEX contact_city;
            -- statement
            CREATE INDEX contact_city ON contact (city, no);
            -- statement
            DROP INDEX contact_post_code;
            -- statement
            CREATE INDEX contact_post_code ON contact (post_code, no);
            """#)
}
