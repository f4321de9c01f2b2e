extension SQLiteMigrations {
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
            DROP TRIGGER contact_mailing_group_changed;
            -- statement
            CREATE TRIGGER contact_mailing_group_changed AFTER UPDATE ON contact_mailing_group WHEN NEW.change_no IS OLD.change_no
            BEGIN
              UPDATE contact SET change_no = NULL WHERE no IN (OLD.contact_no, NEW.contact_no) AND change_no IS NOT NULL;
            END;
            -- statement
            DROP TRIGGER contact_mailing_group_deleted;
            -- statement
            CREATE TRIGGER contact_mailing_group_deleted AFTER DELETE ON contact_mailing_group
            BEGIN
              UPDATE contact SET change_no = NULL WHERE no = OLD.contact_no AND change_no IS NOT NULL;
            END;
            -- statement
            DROP TRIGGER contact_industry_group_changed;
            -- statement
            CREATE TRIGGER contact_industry_group_changed AFTER UPDATE ON contact_industry_group WHEN NEW.change_no IS OLD.change_no
            BEGIN
              UPDATE contact SET change_no = NULL WHERE no IN (OLD.contact_no, NEW.contact_no) AND change_no IS NOT NULL;
            END;
            -- statement
            DROP TRIGGER contact_industry_group_deleted;
            -- statement
            CREATE TRIGGER contact_industry_group_deleted AFTER DELETE ON contact_industry_group
            BEGIN
              UPDATE contact SET change_no = NULL WHERE no = OLD.contact_no AND change_no IS NOT NULL;
            END;
            -- statement
            DROP TRIGGER contact_job_responsibility_changed;
            -- statement
            CREATE TRIGGER contact_job_responsibility_changed AFTER UPDATE ON contact_job_responsibility WHEN NEW.change_no IS OLD.change_no
            BEGIN
              UPDATE contact SET change_no = NULL WHERE no IN (OLD.contact_no, NEW.contact_no) AND change_no IS NOT NULL;
            END;
            -- statement
            DROP TRIGGER contact_job_responsibility_deleted;
            -- statement
            CREATE TRIGGER contact_job_responsibility_deleted AFTER DELETE ON contact_job_responsibility
            BEGIN
              UPDATE contact SET change_no = NULL WHERE no = OLD.contact_no AND change_no IS NOT NULL;
            END;
            -- statement
            DROP TRIGGER contact_business_relation_changed;
            -- statement
            CREATE TRIGGER contact_business_relation_changed AFTER UPDATE ON contact_business_relation WHEN NEW.change_no IS OLD.change_no
            BEGIN
              UPDATE contact SET change_no = NULL WHERE no IN (OLD.contact_no, NEW.contact_no) AND change_no IS NOT NULL;
            END;
            -- statement
            DROP TRIGGER contact_business_relation_deleted;
            -- statement
            CREATE TRIGGER contact_business_relation_deleted AFTER DELETE ON contact_business_relation
            BEGIN
              UPDATE contact SET change_no = NULL WHERE no = OLD.contact_no AND change_no IS NOT NULL;
            END;
            -- statement
            DROP TRIGGER contact_profile_answer_changed;
            -- statement
            CREATE TRIGGER contact_profile_answer_changed AFTER UPDATE ON contact_profile_answer WHEN NEW.change_no IS OLD.change_no
            BEGIN
              UPDATE contact SET change_no = NULL WHERE no IN (OLD.contact_no, NEW.contact_no) AND change_no IS NOT NULL;
            END;
            -- statement
            DROP TRIGGER contact_profile_answer_deleted;
            -- statement
            CREATE TRIGGER contact_profile_answer_deleted AFTER DELETE ON contact_profile_answer
            BEGIN
              UPDATE contact SET change_no = NULL WHERE no = OLD.contact_no AND change_no IS NOT NULL;
            END;
            -- statement
            DROP TRIGGER interaction_log_entry_changed;
            -- statement
            CREATE TRIGGER interaction_log_entry_changed
            AFTER UPDATE OF contact_no, date, segment_no, logged_segment_entry_no, campaign_no, evaluation,
              interaction_template_code, salesperson_code, canceled ON interaction_log_entry
            WHEN NEW.change_no IS OLD.change_no
            BEGIN
              UPDATE contact SET change_no = NULL WHERE no IN (OLD.contact_no, NEW.contact_no) AND change_no IS NOT NULL;
            END;
            -- statement
            DROP TRIGGER interaction_log_entry_deleted;
            -- statement
            CREATE TRIGGER interaction_log_entry_deleted AFTER DELETE ON interaction_log_entry
            BEGIN
              UPDATE contact SET change_no = NULL WHERE no = OLD.contact_no AND change_no IS NOT NULL;
            END;
            """#)
}
