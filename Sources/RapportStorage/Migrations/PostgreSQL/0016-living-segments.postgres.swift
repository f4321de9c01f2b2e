extension PostgresMigrations {
    /// Living segments: a segment's kind and freshness target, when it was last refreshed, and the change
    /// stamps an incremental refresh reads. Every table a segment filter can read carries `change_no`: NULL for
    /// a row inserted or changed since the last refresh (an insert writes nothing extra, so imports and Logs pay
    /// only the index), else the number of the refresh that first saw it. Updates and deletions of related
    /// rows mark their contact, through triggers, since a deleted row leaves nothing to stamp.
    static let livingSegments = Migration(
        name: "0016-living-segments",
        sql: #"""
            -- statement
            ALTER TABLE segment_header ADD COLUMN kind TEXT COLLATE "C" NOT NULL DEFAULT 'static' CHECK (kind IN ('static', 'dynamic'));
            -- statement
            ALTER TABLE segment_header ADD COLUMN freshness_seconds BIGINT CHECK (freshness_seconds IS NULL OR freshness_seconds >= 10);
            -- statement
            ALTER TABLE segment_header ADD COLUMN last_refreshed_at TEXT COLLATE "C";
            -- statement
            ALTER TABLE segment_header ADD COLUMN last_refresh_ms BIGINT;
            -- statement
            ALTER TABLE segment_header ADD COLUMN next_refresh_at TEXT COLLATE "C";
            -- statement
            -- The change number up to which a dynamic segment has seen the data; 0: never refreshed.
            ALTER TABLE segment_header ADD COLUMN refreshed_change_no BIGINT NOT NULL DEFAULT 0;
            -- statement
            -- Log keeps every header column for a rollback to restore, these too.
            ALTER TABLE logged_segment_header ADD COLUMN kind TEXT COLLATE "C" NOT NULL DEFAULT 'static';
            -- statement
            ALTER TABLE logged_segment_header ADD COLUMN freshness_seconds BIGINT;
            -- statement
            ALTER TABLE logged_segment_header ADD COLUMN last_refreshed_at TEXT COLLATE "C";
            -- statement
            ALTER TABLE logged_segment_header ADD COLUMN last_refresh_ms BIGINT;
            -- statement
            ALTER TABLE logged_segment_header ADD COLUMN next_refresh_at TEXT COLLATE "C";
            -- statement
            ALTER TABLE logged_segment_header ADD COLUMN refreshed_change_no BIGINT NOT NULL DEFAULT 0;
            -- statement
            -- The last change number a refresh handed out. Writers never touch it: a row they insert or change
            -- has a NULL change_no, and the next refresh stamps every NULL with a new number.
            CREATE TABLE change_counter (id BIGINT NOT NULL PRIMARY KEY CHECK (id = 1), value BIGINT NOT NULL);
            -- statement
            INSERT INTO change_counter (id, value) VALUES (1, 0);
            -- statement
            -- Scratch space of one refresh, filled and emptied inside its write transaction (writes are serialised):
            -- the contacts it re-evaluates, and those of them that belong, with the action that explains each.
            CREATE TABLE segment_refresh_scope (contact_no TEXT COLLATE "C" NOT NULL PRIMARY KEY);
            -- statement
            CREATE TABLE segment_refresh_member (contact_no TEXT COLLATE "C" NOT NULL PRIMARY KEY, action_no BIGINT NOT NULL);
            -- statement
            ALTER TABLE contact ADD COLUMN change_no BIGINT;
            -- statement
            -- Rows that exist now count as seen: the first refresh of a segment rebuilds it in full anyway.
            UPDATE contact SET change_no = 0;
            -- statement
            CREATE INDEX contact_change ON contact (change_no);
            -- statement
            ALTER TABLE contact_mailing_group ADD COLUMN change_no BIGINT;
            -- statement
            -- Rows that exist now count as seen: the first refresh of a segment rebuilds it in full anyway.
            UPDATE contact_mailing_group SET change_no = 0;
            -- statement
            CREATE INDEX contact_mailing_group_change ON contact_mailing_group (change_no);
            -- statement
            ALTER TABLE contact_industry_group ADD COLUMN change_no BIGINT;
            -- statement
            -- Rows that exist now count as seen: the first refresh of a segment rebuilds it in full anyway.
            UPDATE contact_industry_group SET change_no = 0;
            -- statement
            CREATE INDEX contact_industry_group_change ON contact_industry_group (change_no);
            -- statement
            ALTER TABLE contact_job_responsibility ADD COLUMN change_no BIGINT;
            -- statement
            -- Rows that exist now count as seen: the first refresh of a segment rebuilds it in full anyway.
            UPDATE contact_job_responsibility SET change_no = 0;
            -- statement
            CREATE INDEX contact_job_responsibility_change ON contact_job_responsibility (change_no);
            -- statement
            ALTER TABLE contact_business_relation ADD COLUMN change_no BIGINT;
            -- statement
            -- Rows that exist now count as seen: the first refresh of a segment rebuilds it in full anyway.
            UPDATE contact_business_relation SET change_no = 0;
            -- statement
            CREATE INDEX contact_business_relation_change ON contact_business_relation (change_no);
            -- statement
            ALTER TABLE contact_profile_answer ADD COLUMN change_no BIGINT;
            -- statement
            -- Rows that exist now count as seen: the first refresh of a segment rebuilds it in full anyway.
            UPDATE contact_profile_answer SET change_no = 0;
            -- statement
            CREATE INDEX contact_profile_answer_change ON contact_profile_answer (change_no);
            -- statement
            ALTER TABLE interaction_log_entry ADD COLUMN change_no BIGINT;
            -- statement
            -- Rows that exist now count as seen: the first refresh of a segment rebuilds it in full anyway.
            UPDATE interaction_log_entry SET change_no = 0;
            -- statement
            CREATE INDEX interaction_log_entry_change ON interaction_log_entry (change_no);
            -- statement
            -- A changed contact is marked unseen (NULL).
            CREATE FUNCTION contact_mark_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.change_no IS NOT DISTINCT FROM OLD.change_no THEN
                NEW.change_no := NULL;
              END IF;
              RETURN NEW;
            END $$;
            -- statement
            CREATE TRIGGER contact_changed BEFORE UPDATE ON contact
              FOR EACH ROW EXECUTE FUNCTION contact_mark_changed();
            -- statement
            -- So is the company a person leaves, whose membership may have hung on that person (Expand
            -- Companies, Allow Related Companies): after the row is written, since a BEFORE trigger may not
            -- update a row its own command updates (a company is its own company).
            CREATE FUNCTION contact_company_left() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              UPDATE contact SET change_no = NULL WHERE no = OLD.company_no;
              RETURN NULL;
            END $$;
            -- statement
            CREATE TRIGGER contact_left_company AFTER UPDATE OF company_no ON contact
              FOR EACH ROW WHEN (OLD.company_no IS NOT NULL AND OLD.company_no IS DISTINCT FROM NEW.company_no)
              EXECUTE FUNCTION contact_company_left();
            -- statement
            -- A changed or deleted related row marks its contact unseen; inserted rows are unseen already.
            CREATE FUNCTION contact_related_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'DELETE' THEN
                UPDATE contact SET change_no = NULL WHERE no = OLD.contact_no;
                RETURN OLD;
              END IF;
              IF NEW.change_no IS NOT DISTINCT FROM OLD.change_no THEN
                UPDATE contact SET change_no = NULL WHERE no IN (OLD.contact_no, NEW.contact_no);
              END IF;
              RETURN NEW;
            END $$;
            -- statement
            CREATE TRIGGER contact_mailing_group_changed AFTER UPDATE OR DELETE ON contact_mailing_group
              FOR EACH ROW EXECUTE FUNCTION contact_related_changed();
            -- statement
            CREATE TRIGGER contact_industry_group_changed AFTER UPDATE OR DELETE ON contact_industry_group
              FOR EACH ROW EXECUTE FUNCTION contact_related_changed();
            -- statement
            CREATE TRIGGER contact_job_responsibility_changed AFTER UPDATE OR DELETE ON contact_job_responsibility
              FOR EACH ROW EXECUTE FUNCTION contact_related_changed();
            -- statement
            CREATE TRIGGER contact_business_relation_changed AFTER UPDATE OR DELETE ON contact_business_relation
              FOR EACH ROW EXECUTE FUNCTION contact_related_changed();
            -- statement
            CREATE TRIGGER contact_profile_answer_changed AFTER UPDATE OR DELETE ON contact_profile_answer
              FOR EACH ROW EXECUTE FUNCTION contact_related_changed();
            -- statement
            -- Only the columns the interactions filter reads: delivery updates an entry per e-mail sent.
            CREATE TRIGGER interaction_log_entry_changed
              AFTER UPDATE OF contact_no, date, segment_no, logged_segment_entry_no, campaign_no, evaluation,
                interaction_template_code, salesperson_code, canceled OR DELETE ON interaction_log_entry
              FOR EACH ROW EXECUTE FUNCTION contact_related_changed();
            """#)
}
