extension PostgresMigrations {
    /// A contact already unseen (`change_no` NULL, as every contact is until a dynamic segment's first refresh) is not
    /// written again when one of its relation rows or interaction log entries changes or goes: the triggers of 0016
    /// set NULL over NULL. Rolling back or deleting 100,000 entries rewrote up to 100,000 contacts that way, each
    /// write a dead row for PostgreSQL's autovacuum to clean up, which then competed with delivery on the 1M bench
    /// (297,804 dead contact rows after its Logs and rollbacks). On SQLite the write also counted as an edit of the
    /// contact (`contact_changed`), marking its company unseen too, which a seen contact's change never did; now
    /// neither does, as on PostgreSQL.
    static let unseenContactsStayUnwritten = Migration(
        name: "0027-unseen-contacts-stay-unwritten",
        sql: #"""
            -- statement
            CREATE OR REPLACE FUNCTION contact_related_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'DELETE' THEN
                UPDATE contact SET change_no = NULL WHERE no = OLD.contact_no AND change_no IS NOT NULL;
                RETURN OLD;
              END IF;
              IF NEW.change_no IS NOT DISTINCT FROM OLD.change_no THEN
                UPDATE contact SET change_no = NULL
                WHERE no IN (OLD.contact_no, NEW.contact_no) AND change_no IS NOT NULL;
              END IF;
              RETURN NEW;
            END $$;
            """#)
}
