extension PostgresMigrations {
    /// An interaction log entry's contact is checked once per statement instead of row by row. The foreign key
    /// checked each entry with a query that also locked its contact (`FOR KEY SHARE`): on the 1M bench's
    /// 100,000-line Log that was 1.3 of the 5.1 seconds of the entries' `INSERT`, and the locks dirtied most of the
    /// contact table's pages. One set-based check taking the same row locks costs as much (measured: the locking
    /// writes every page it locks a row on), so the two sides meet on one advisory lock of the schema instead:
    /// - inserting entries takes it shared, then checks in one query that every contact they name exists;
    /// - deleting a contact (or changing its number) takes it exclusive, then refuses when entries name it.
    ///
    /// Each check runs after its lock, on a snapshot taken then (writes run in READ COMMITTED): a deletion waits for
    /// a Log that holds the lock and then sees its entries; a Log that waits for a deletion then sees the contact
    /// gone. Either way one of them fails with `foreign_key_violation`, as the key did. Entries changing their contact
    /// (nothing in Rapport does) are checked row by row. `ile_by_contact` stays: the deletion's check reads it.
    static let entryContactsCheckedPerStatement = Migration(
        name: "0023-entry-contacts-checked-per-statement",
        sql: #"""
            -- statement
            ALTER TABLE interaction_log_entry DROP CONSTRAINT interaction_log_entry_contact_no_fkey;
            -- statement
            CREATE FUNCTION interaction_log_entry_contacts_exist() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              PERFORM pg_advisory_xact_lock_shared(hashtextextended('contact references ' || current_schema(), 0));
              IF EXISTS (SELECT 1 FROM new_entries n WHERE NOT EXISTS (SELECT 1 FROM contact c WHERE c.no = n.contact_no))
              THEN
                RAISE EXCEPTION 'an interaction log entry names a contact that does not exist'
                  USING ERRCODE = 'foreign_key_violation';
              END IF;
              RETURN NULL;
            END $$;
            -- statement
            CREATE TRIGGER interaction_log_entry_contacts AFTER INSERT ON interaction_log_entry
              REFERENCING NEW TABLE AS new_entries
              FOR EACH STATEMENT EXECUTE FUNCTION interaction_log_entry_contacts_exist();
            -- statement
            CREATE FUNCTION interaction_log_entry_contact_exists() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              PERFORM pg_advisory_xact_lock_shared(hashtextextended('contact references ' || current_schema(), 0));
              IF NOT EXISTS (SELECT 1 FROM contact WHERE no = NEW.contact_no) THEN
                RAISE EXCEPTION 'interaction log entry % names contact %, which does not exist', NEW.entry_no,
                  NEW.contact_no USING ERRCODE = 'foreign_key_violation';
              END IF;
              RETURN NULL;
            END $$;
            -- statement
            CREATE TRIGGER interaction_log_entry_contact_changed AFTER UPDATE OF contact_no ON interaction_log_entry
              FOR EACH ROW WHEN (OLD.contact_no IS DISTINCT FROM NEW.contact_no)
              EXECUTE FUNCTION interaction_log_entry_contact_exists();
            -- statement
            CREATE FUNCTION contact_refuse_if_logged() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              PERFORM pg_advisory_xact_lock(hashtextextended('contact references ' || current_schema(), 0));
              IF EXISTS (SELECT 1 FROM interaction_log_entry WHERE contact_no = OLD.no) THEN
                RAISE EXCEPTION 'contact % is named by interaction log entries', OLD.no
                  USING ERRCODE = 'foreign_key_violation';
              END IF;
              RETURN NULL;
            END $$;
            -- statement
            CREATE TRIGGER contact_deleted_with_entries AFTER DELETE ON contact
              FOR EACH ROW EXECUTE FUNCTION contact_refuse_if_logged();
            -- statement
            CREATE TRIGGER contact_renumbered_with_entries AFTER UPDATE OF no ON contact
              FOR EACH ROW WHEN (OLD.no IS DISTINCT FROM NEW.no) EXECUTE FUNCTION contact_refuse_if_logged();
            """#)
}
