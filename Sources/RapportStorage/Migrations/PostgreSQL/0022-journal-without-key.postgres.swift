extension PostgresMigrations {
    /// The undo journal's lines are no longer checked against `segment_header` one by one: Reduce and Refine copy
    /// every line they remove into it, and the foreign key's check (a lookup of the same segment for each line)
    /// was a tenth of a Reduce of 100,000 lines. Every line the journal receives comes from a line of the segment,
    /// or from a logged segment's journal once its header is back, so the check could never fail. Deleting a
    /// segment still deletes its journal: a trigger now does what the key's `ON DELETE CASCADE` did.
    static let journalWithoutKey = Migration(
        name: "0022-journal-without-key",
        sql: #"""
            -- statement
            ALTER TABLE segment_removed_line DROP CONSTRAINT segment_removed_line_segment_no_fkey;
            -- statement
            CREATE FUNCTION segment_journal_forget() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              DELETE FROM segment_removed_line WHERE segment_no = OLD.no;
              RETURN NULL;
            END $$;
            -- statement
            CREATE TRIGGER segment_header_deleted AFTER DELETE ON segment_header
              FOR EACH ROW EXECUTE FUNCTION segment_journal_forget();
            """#)
}
