extension PostgresMigrations {
    /// Two foreign keys that a bulk write paid for row by row become statement triggers that keep the same rule
    /// once per statement, set-based:
    /// - an interaction log entry's contact (`interaction_log_entry.contact_no` → `contact.no`, no action);
    /// - a segment line's own Word document (`segment_line_document` → `segment_line`, on delete cascade).
    ///
    /// PostgreSQL checks a foreign key with one query per row, and locks each referenced row while it does. On the
    /// 1M bench, the 100,000 entries of a Log spent 0.8-1.1 s in the contact key's checks, and deleting the Log's
    /// 100,000 lines 0.35-0.64 s in the document key's cascade, one `DELETE` per line on a table that is nearly
    /// always empty: together more than the rest of Log's statements. Here the entries a statement adds are
    /// checked against the contacts in one query (0.17 s for those 100,000), and the lines a statement deletes take
    /// their documents with them in one `DELETE`. Every other case keeps a row trigger, as cheap as the key was:
    /// a change of the key columns on either side, and a document written for a line.
    ///
    /// A foreign key's check locks each row it finds, so that no other transaction can remove that row before the
    /// check's transaction commits. Here the removing side waits instead, with one table lock a statement: deleting a
    /// contact (or changing its number) locks the entries' table against writes (`SHARE ROW EXCLUSIVE`, which no
    /// read waits for) before it looks for entries, so it waits for every transaction still writing entries and sees
    /// what they committed, and entries written after it wait for its commit and then find the contact gone.
    /// Deleting lines does the same with the documents' table. This holds for transactions outside the write lock
    /// Rapport's own writes take turns on (`EntryContactReferenceTests`, `LineDocumentReferenceTests`). SQLite keeps
    /// its foreign keys, whose checks cost it little.
    static let statementLevelKeys = Migration(
        name: "0028-statement-level-keys",
        sql: #"""
            -- statement
            ALTER TABLE interaction_log_entry DROP CONSTRAINT interaction_log_entry_contact_no_fkey;
            -- statement
            -- Raised as a foreign key violation (SQLSTATE 23503), as the key's own check was.
            CREATE FUNCTION entry_contact_missing(missing text) RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
              RAISE foreign_key_violation USING
                MESSAGE = format('contact %s does not exist: an interaction log entry cannot refer to it', missing);
            END $$;
            -- statement
            CREATE FUNCTION entry_contacts_exist() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE missing text;
            BEGIN
              SELECT n.contact_no INTO missing FROM added_entries n
              WHERE NOT EXISTS (SELECT 1 FROM contact c WHERE c.no = n.contact_no) LIMIT 1;
              IF FOUND THEN PERFORM entry_contact_missing(missing); END IF;
              RETURN NULL;
            END $$;
            -- statement
            CREATE TRIGGER entry_contacts_exist AFTER INSERT ON interaction_log_entry
              REFERENCING NEW TABLE AS added_entries FOR EACH STATEMENT EXECUTE FUNCTION entry_contacts_exist();
            -- statement
            CREATE FUNCTION entry_contact_exists() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NOT EXISTS (SELECT 1 FROM contact WHERE no = NEW.contact_no) THEN
                PERFORM entry_contact_missing(NEW.contact_no);
              END IF;
              RETURN NULL;
            END $$;
            -- statement
            CREATE TRIGGER entry_contact_exists AFTER UPDATE OF contact_no ON interaction_log_entry FOR EACH ROW
              WHEN (NEW.contact_no IS DISTINCT FROM OLD.contact_no) EXECUTE FUNCTION entry_contact_exists();
            -- statement
            CREATE FUNCTION contact_in_use(used text) RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
              RAISE foreign_key_violation USING
                MESSAGE = format('contact %s has interaction log entries and cannot be removed', used);
            END $$;
            -- statement
            CREATE FUNCTION contact_entries_kept() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE used text;
            BEGIN
              LOCK TABLE interaction_log_entry IN SHARE ROW EXCLUSIVE MODE;
              SELECT r.no INTO used FROM removed_contacts r
              WHERE EXISTS (SELECT 1 FROM interaction_log_entry e WHERE e.contact_no = r.no) LIMIT 1;
              IF FOUND THEN PERFORM contact_in_use(used); END IF;
              RETURN NULL;
            END $$;
            -- statement
            CREATE TRIGGER contact_entries_kept AFTER DELETE ON contact
              REFERENCING OLD TABLE AS removed_contacts FOR EACH STATEMENT EXECUTE FUNCTION contact_entries_kept();
            -- statement
            -- A contact's number changed: its entries must not be left behind, unless the statement gave the old
            -- number to another contact (the key's own check at the end of the statement allowed that too).
            CREATE FUNCTION contact_number_kept() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              LOCK TABLE interaction_log_entry IN SHARE ROW EXCLUSIVE MODE;
              IF EXISTS (SELECT 1 FROM interaction_log_entry WHERE contact_no = OLD.no)
                AND NOT EXISTS (SELECT 1 FROM contact WHERE no = OLD.no) THEN
                PERFORM contact_in_use(OLD.no);
              END IF;
              RETURN NULL;
            END $$;
            -- statement
            CREATE TRIGGER contact_number_kept AFTER UPDATE OF no ON contact FOR EACH ROW
              WHEN (NEW.no IS DISTINCT FROM OLD.no) EXECUTE FUNCTION contact_number_kept();
            -- statement
            ALTER TABLE segment_line_document DROP CONSTRAINT segment_line_document_segment_no_line_no_fkey;
            -- statement
            CREATE FUNCTION segment_line_documents_go() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              LOCK TABLE segment_line_document IN SHARE ROW EXCLUSIVE MODE;
              DELETE FROM segment_line_document d USING removed_lines r
              WHERE d.segment_no = r.segment_no AND d.line_no = r.line_no;
              RETURN NULL;
            END $$;
            -- statement
            CREATE TRIGGER segment_line_documents_go AFTER DELETE ON segment_line
              REFERENCING OLD TABLE AS removed_lines FOR EACH STATEMENT EXECUTE FUNCTION segment_line_documents_go();
            -- statement
            CREATE FUNCTION segment_line_missing(segment text, line bigint) RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
              RAISE foreign_key_violation USING
                MESSAGE = format('segment %s has no line %s: a line''s document needs its line', segment, line);
            END $$;
            -- statement
            CREATE FUNCTION segment_line_document_has_line() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NOT EXISTS (SELECT 1 FROM segment_line WHERE segment_no = NEW.segment_no AND line_no = NEW.line_no) THEN
                PERFORM segment_line_missing(NEW.segment_no, NEW.line_no);
              END IF;
              RETURN NULL;
            END $$;
            -- statement
            CREATE TRIGGER segment_line_document_has_line AFTER INSERT OR UPDATE OF segment_no, line_no
              ON segment_line_document FOR EACH ROW EXECUTE FUNCTION segment_line_document_has_line();
            -- statement
            -- A line's key changed: its document must not be left behind, unless the statement gave the old key to
            -- another line.
            CREATE FUNCTION segment_line_key_kept() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              LOCK TABLE segment_line_document IN SHARE ROW EXCLUSIVE MODE;
              IF EXISTS (SELECT 1 FROM segment_line_document WHERE segment_no = OLD.segment_no AND line_no = OLD.line_no)
                AND NOT EXISTS (SELECT 1 FROM segment_line WHERE segment_no = OLD.segment_no AND line_no = OLD.line_no)
              THEN
                RAISE foreign_key_violation USING
                  MESSAGE = format('line %s of segment %s has a document and cannot be renumbered', OLD.line_no,
                    OLD.segment_no);
              END IF;
              RETURN NULL;
            END $$;
            -- statement
            CREATE TRIGGER segment_line_key_kept AFTER UPDATE OF segment_no, line_no ON segment_line FOR EACH ROW
              WHEN (NEW.segment_no IS DISTINCT FROM OLD.segment_no OR NEW.line_no IS DISTINCT FROM OLD.line_no)
              EXECUTE FUNCTION segment_line_key_kept();
            """#)
}
