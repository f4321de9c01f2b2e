extension PostgresMigrations {
    /// The segment lists read a segment's number of lines, cost and duration from its header instead of
    /// counting and summing its lines on every read. Under 64 clients on the 1M bench, the lists were the
    /// database's largest cost: 26 ms each, most of it counting and summing one segment's 100,000 lines
    /// every time any list was shown. Statement triggers keep the counters in the transaction that writes the
    /// lines, one `UPDATE` per segment a statement touched however many lines it wrote (Add Contacts of 100,000
    /// lines updates its header once). The totals are rounded to nine decimals as they move, so that adding and
    /// removing the same lines brings them back to what they were, and a segment without lines totals exactly 0.
    static let segmentLineCounters = Migration(
        name: "0026-segment-line-counters",
        sql: #"""
            -- statement
            ALTER TABLE segment_header ADD COLUMN no_of_lines BIGINT NOT NULL DEFAULT 0,
              ADD COLUMN cost_total DOUBLE PRECISION NOT NULL DEFAULT 0,
              ADD COLUMN duration_total DOUBLE PRECISION NOT NULL DEFAULT 0;
            -- statement
            UPDATE segment_header h SET no_of_lines = t.lines,
              cost_total = round(t.cost::numeric, 9)::double precision,
              duration_total = round(t.duration::numeric, 9)::double precision
            FROM (SELECT segment_no, COUNT(*) AS lines, SUM(cost) AS cost, SUM(duration) AS duration
                  FROM segment_line GROUP BY segment_no) t
            WHERE h.no = t.segment_no;
            -- statement
            -- Moves one segment's header by the lines a statement added and removed there.
            CREATE FUNCTION segment_line_count(moved_segment text, moved_lines bigint, moved_cost float8,
              moved_duration float8) RETURNS void LANGUAGE sql AS $$
              UPDATE segment_header SET no_of_lines = no_of_lines + moved_lines,
                cost_total = CASE WHEN no_of_lines + moved_lines = 0 THEN 0
                  ELSE round((cost_total + moved_cost)::numeric, 9)::double precision END,
                duration_total = CASE WHEN no_of_lines + moved_lines = 0 THEN 0
                  ELSE round((duration_total + moved_duration)::numeric, 9)::double precision END
              WHERE no = moved_segment AND (moved_lines <> 0 OR moved_cost <> 0 OR moved_duration <> 0)
            $$;
            -- statement
            -- One call per segment the statement touched, in segment order so that two statements touching the
            -- same headers lock them in the same order.
            CREATE FUNCTION segment_line_counted() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'INSERT' THEN
                PERFORM segment_line_count(segment_no, COUNT(*), SUM(cost), SUM(duration))
                FROM added_lines GROUP BY segment_no ORDER BY segment_no;
              ELSIF TG_OP = 'DELETE' THEN
                PERFORM segment_line_count(segment_no, -COUNT(*), -SUM(cost), -SUM(duration))
                FROM removed_lines GROUP BY segment_no ORDER BY segment_no;
              ELSE
                PERFORM segment_line_count(segment_no, SUM(n), SUM(cost), SUM(duration))
                FROM (SELECT segment_no, 1 AS n, cost, duration FROM added_lines
                      UNION ALL SELECT segment_no, -1, -cost, -duration FROM removed_lines) moved
                GROUP BY segment_no ORDER BY segment_no;
              END IF;
              RETURN NULL;
            END $$;
            -- statement
            CREATE TRIGGER segment_line_counted AFTER INSERT ON segment_line REFERENCING NEW TABLE AS added_lines
              FOR EACH STATEMENT EXECUTE FUNCTION segment_line_counted();
            -- statement
            CREATE TRIGGER segment_line_uncounted AFTER DELETE ON segment_line REFERENCING OLD TABLE AS removed_lines
              FOR EACH STATEMENT EXECUTE FUNCTION segment_line_counted();
            -- statement
            CREATE TRIGGER segment_line_recounted AFTER UPDATE ON segment_line
              REFERENCING OLD TABLE AS removed_lines NEW TABLE AS added_lines
              FOR EACH STATEMENT EXECUTE FUNCTION segment_line_counted();
            """#)
}
