extension SQLiteMigrations {
    /// The segment lists read a segment's number of lines, cost and duration from its header instead of
    /// counting and summing its lines on every read (see PostgreSQL's migration of the same name for why).
    /// SQLite has no statement triggers, so each line written moves its header's counters by itself, about a
    /// microsecond a line. The totals are rounded to nine decimals as they move, so that adding and removing the
    /// same lines brings them back to what they were, and a segment without lines totals exactly 0.
    static let segmentLineCounters = Migration(
        name: "0026-segment-line-counters",
        sql: #"""
            -- statement
            ALTER TABLE segment_header ADD COLUMN no_of_lines INTEGER NOT NULL DEFAULT 0;
            -- statement
            ALTER TABLE segment_header ADD COLUMN cost_total REAL NOT NULL DEFAULT 0;
            -- statement
            ALTER TABLE segment_header ADD COLUMN duration_total REAL NOT NULL DEFAULT 0;
            -- statement
            UPDATE segment_header SET
              no_of_lines = (SELECT COUNT(*) FROM segment_line l WHERE l.segment_no = segment_header.no),
              cost_total = (SELECT round(COALESCE(SUM(l.cost), 0), 9) FROM segment_line l
                WHERE l.segment_no = segment_header.no),
              duration_total = (SELECT round(COALESCE(SUM(l.duration), 0), 9) FROM segment_line l
                WHERE l.segment_no = segment_header.no);
            -- statement
            CREATE TRIGGER segment_line_counted AFTER INSERT ON segment_line
            BEGIN
              UPDATE segment_header SET no_of_lines = no_of_lines + 1,
                cost_total = round(cost_total + NEW.cost, 9), duration_total = round(duration_total + NEW.duration, 9)
              WHERE no = NEW.segment_no;
            END;
            -- statement
            CREATE TRIGGER segment_line_uncounted AFTER DELETE ON segment_line
            BEGIN
              UPDATE segment_header SET no_of_lines = no_of_lines - 1,
                cost_total = CASE WHEN no_of_lines = 1 THEN 0 ELSE round(cost_total - OLD.cost, 9) END,
                duration_total = CASE WHEN no_of_lines = 1 THEN 0 ELSE round(duration_total - OLD.duration, 9) END
              WHERE no = OLD.segment_no;
            END;
            -- statement
            CREATE TRIGGER segment_line_recounted AFTER UPDATE OF segment_no, cost, duration ON segment_line
            WHEN NEW.segment_no IS NOT OLD.segment_no OR NEW.cost IS NOT OLD.cost OR NEW.duration IS NOT OLD.duration
            BEGIN
              UPDATE segment_header SET no_of_lines = no_of_lines - 1,
                cost_total = CASE WHEN no_of_lines = 1 THEN 0 ELSE round(cost_total - OLD.cost, 9) END,
                duration_total = CASE WHEN no_of_lines = 1 THEN 0 ELSE round(duration_total - OLD.duration, 9) END
              WHERE no = OLD.segment_no;
              UPDATE segment_header SET no_of_lines = no_of_lines + 1,
                cost_total = round(cost_total + NEW.cost, 9), duration_total = round(duration_total + NEW.duration, 9)
              WHERE no = NEW.segment_no;
            END;
            """#)
}
