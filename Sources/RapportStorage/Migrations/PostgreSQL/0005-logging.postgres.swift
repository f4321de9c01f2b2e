extension PostgresMigrations {
    /// Logging: logged segments, campaign entries and interaction log entries.
    static let logging = Migration(
        name: "0005-logging",
        sql: #"""
            -- statement
            -- Entry numbers come from counters, so a number is never issued twice, even after deletions.
            CREATE TABLE entry_sequence (name TEXT COLLATE "C" NOT NULL PRIMARY KEY, last_value BIGINT NOT NULL DEFAULT 0);
            -- statement
            INSERT INTO entry_sequence (name, last_value) VALUES
              ('logged_segment', 0), ('interaction_log_entry', 0), ('campaign_entry', 0);
            -- statement
            CREATE TABLE logged_segment (
              entry_no BIGINT NOT NULL PRIMARY KEY,
              segment_no TEXT COLLATE "C" NOT NULL,
              description TEXT COLLATE "C" NOT NULL DEFAULT '',
              creation_date TEXT COLLATE "C" NOT NULL,
              user_id TEXT COLLATE "C" NOT NULL,
              canceled BIGINT NOT NULL DEFAULT 0 CHECK (canceled IN (0, 1)),
              interaction_template_code TEXT COLLATE "C",
              language_code_default TEXT COLLATE "C",
              subject_default TEXT COLLATE "C" NOT NULL DEFAULT '',
              correspondence_type_default TEXT COLLATE "C" CHECK (correspondence_type_default IS NULL OR correspondence_type_default IN ('hardCopy', 'email')),
              ignore_contact_correspondence_type BIGINT NOT NULL DEFAULT 0 CHECK (ignore_contact_correspondence_type IN (0, 1)),
              information_flow TEXT COLLATE "C" CHECK (information_flow IS NULL OR information_flow IN ('outbound', 'inbound')),
              initiated_by TEXT COLLATE "C" CHECK (initiated_by IS NULL OR initiated_by IN ('us', 'them')),
              unit_cost DOUBLE PRECISION NOT NULL DEFAULT 0,
              unit_duration DOUBLE PRECISION NOT NULL DEFAULT 0,
              send_word_docs_as_attachment BIGINT NOT NULL DEFAULT 0 CHECK (send_word_docs_as_attachment IN (0, 1)),
              campaign_no TEXT COLLATE "C",
              campaign_target BIGINT NOT NULL DEFAULT 0 CHECK (campaign_target IN (0, 1)), campaign_response BIGINT NOT NULL DEFAULT 0 CHECK (campaign_response IN (0, 1)));
            -- statement
            -- A segment number is logged once: the unique index is also what makes two racing Logs
            -- have one winner.
            CREATE UNIQUE INDEX logged_segment_segment ON logged_segment (segment_no);
            -- statement
            CREATE TABLE campaign_entry (
              entry_no BIGINT NOT NULL PRIMARY KEY,
              campaign_no TEXT COLLATE "C" NOT NULL,
              description TEXT COLLATE "C" NOT NULL DEFAULT '',
              date TEXT COLLATE "C",
              segment_no TEXT COLLATE "C" NOT NULL DEFAULT '',
              register_no BIGINT,
              salesperson_code TEXT COLLATE "C",
              user_id TEXT COLLATE "C" NOT NULL,
              canceled BIGINT NOT NULL DEFAULT 0 CHECK (canceled IN (0, 1)));
            -- statement
            CREATE INDEX campaign_entry_register ON campaign_entry (register_no);
            -- statement
            CREATE INDEX campaign_entry_campaign ON campaign_entry (campaign_no, date);
            -- statement
            CREATE TABLE interaction_log_entry (
              entry_no BIGINT NOT NULL PRIMARY KEY,
              contact_no TEXT COLLATE "C" NOT NULL REFERENCES contact (no),
              contact_company_no TEXT COLLATE "C",
              date TEXT COLLATE "C",
              description TEXT COLLATE "C" NOT NULL DEFAULT '',
              subject TEXT COLLATE "C" NOT NULL DEFAULT '',
              information_flow TEXT COLLATE "C" CHECK (information_flow IS NULL OR information_flow IN ('outbound', 'inbound')),
              initiated_by TEXT COLLATE "C" CHECK (initiated_by IS NULL OR initiated_by IN ('us', 'them')),
              cost DOUBLE PRECISION NOT NULL DEFAULT 0,
              duration DOUBLE PRECISION NOT NULL DEFAULT 0,
              user_id TEXT COLLATE "C" NOT NULL,
              interaction_group_code TEXT COLLATE "C",
              interaction_template_code TEXT COLLATE "C",
              interaction_language_code TEXT COLLATE "C",
              campaign_no TEXT COLLATE "C",
              campaign_entry_no BIGINT,
              campaign_target BIGINT NOT NULL DEFAULT 0 CHECK (campaign_target IN (0, 1)), campaign_response BIGINT NOT NULL DEFAULT 0 CHECK (campaign_response IN (0, 1)),
              segment_no TEXT COLLATE "C" NOT NULL DEFAULT '',
              logged_segment_entry_no BIGINT,
              evaluation TEXT COLLATE "C" CHECK (evaluation IS NULL OR evaluation IN ('veryPositive', 'positive', 'neutral', 'negative', 'veryNegative')),
              salesperson_code TEXT COLLATE "C",
              correspondence_type TEXT COLLATE "C" CHECK (correspondence_type IS NULL OR correspondence_type IN ('hardCopy', 'email')),
              delivery_status TEXT COLLATE "C" CHECK (delivery_status IS NULL OR delivery_status IN ('pending', 'sent', 'error')),
              delivery_error TEXT COLLATE "C" NOT NULL DEFAULT '',
              canceled BIGINT NOT NULL DEFAULT 0 CHECK (canceled IN (0, 1)),
              send_word_doc_as_attachment BIGINT NOT NULL DEFAULT 0 CHECK (send_word_doc_as_attachment IN (0, 1)),
              has_document BIGINT NOT NULL DEFAULT 0 CHECK (has_document IN (0, 1)));
            -- statement
            -- The keys of BC's table 5065 that logging must maintain (and the baseline's schema has).
            CREATE INDEX ile_contact ON interaction_log_entry (contact_company_no, contact_no, date);
            -- statement
            CREATE INDEX ile_logged_segment ON interaction_log_entry (logged_segment_entry_no);
            -- statement
            CREATE INDEX ile_campaign ON interaction_log_entry (campaign_no, campaign_entry_no, date);
            -- statement
            -- Needed by the foreign key: deleting a contact looks up its entries.
            CREATE INDEX ile_by_contact ON interaction_log_entry (contact_no);
            """#)
}
