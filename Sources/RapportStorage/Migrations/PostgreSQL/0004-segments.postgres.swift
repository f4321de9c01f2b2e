extension PostgresMigrations {
    /// Segments: headers, lines, criteria actions with their undo journal, and saved criteria.
    static let segments = Migration(
        name: "0004-segments",
        sql: #"""
            -- statement
            CREATE TABLE segment_header (
              no TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (no <> '' AND length(no) <= 20),
              description TEXT COLLATE "C" NOT NULL DEFAULT '',
              salesperson_code TEXT COLLATE "C" REFERENCES salesperson (code),
              date TEXT COLLATE "C",
              interaction_template_code TEXT COLLATE "C" REFERENCES interaction_template (code),
              interaction_group_code TEXT COLLATE "C" REFERENCES interaction_group (code),
              language_code_default TEXT COLLATE "C" REFERENCES language (code),
              subject_default TEXT COLLATE "C" NOT NULL DEFAULT '',
              correspondence_type_default TEXT COLLATE "C" CHECK (correspondence_type_default IS NULL OR correspondence_type_default IN ('hardCopy', 'email')),
              ignore_contact_correspondence_type BIGINT NOT NULL DEFAULT 0 CHECK (ignore_contact_correspondence_type IN (0, 1)),
              information_flow TEXT COLLATE "C" CHECK (information_flow IS NULL OR information_flow IN ('outbound', 'inbound')),
              initiated_by TEXT COLLATE "C" CHECK (initiated_by IS NULL OR initiated_by IN ('us', 'them')),
              unit_cost DOUBLE PRECISION NOT NULL DEFAULT 0 CHECK (unit_cost >= 0),
              unit_duration DOUBLE PRECISION NOT NULL DEFAULT 0 CHECK (unit_duration >= 0),
              send_word_docs_as_attachment BIGINT NOT NULL DEFAULT 0 CHECK (send_word_docs_as_attachment IN (0, 1)),
              campaign_no TEXT COLLATE "C" REFERENCES campaign (no),
              campaign_target BIGINT NOT NULL DEFAULT 0 CHECK (campaign_target IN (0, 1)), campaign_response BIGINT NOT NULL DEFAULT 0 CHECK (campaign_response IN (0, 1)));
            -- statement
            CREATE INDEX segment_header_salesperson ON segment_header (salesperson_code);
            -- statement
            CREATE INDEX segment_header_campaign ON segment_header (campaign_no);
            -- statement
            CREATE TABLE segment_line (
              segment_no TEXT COLLATE "C" NOT NULL REFERENCES segment_header (no) ON DELETE CASCADE,
              line_no BIGINT NOT NULL,
              contact_no TEXT COLLATE "C" NOT NULL REFERENCES contact (no),
            contact_company_no TEXT COLLATE "C",
            salesperson_code TEXT COLLATE "C" REFERENCES salesperson (code),
            date TEXT COLLATE "C",
            description TEXT COLLATE "C" NOT NULL DEFAULT '',
            subject TEXT COLLATE "C" NOT NULL DEFAULT '',
            interaction_template_code TEXT COLLATE "C" REFERENCES interaction_template (code),
            interaction_group_code TEXT COLLATE "C" REFERENCES interaction_group (code),
            language_code TEXT COLLATE "C" REFERENCES language (code),
            correspondence_type TEXT COLLATE "C" CHECK (correspondence_type IS NULL OR correspondence_type IN ('hardCopy', 'email')),
            information_flow TEXT COLLATE "C" CHECK (information_flow IS NULL OR information_flow IN ('outbound', 'inbound')),
            initiated_by TEXT COLLATE "C" CHECK (initiated_by IS NULL OR initiated_by IN ('us', 'them')),
            cost DOUBLE PRECISION NOT NULL DEFAULT 0,
            duration DOUBLE PRECISION NOT NULL DEFAULT 0,
            evaluation TEXT COLLATE "C" CHECK (evaluation IS NULL OR evaluation IN ('veryPositive', 'positive', 'neutral', 'negative', 'veryNegative')),
            campaign_no TEXT COLLATE "C" REFERENCES campaign (no),
            campaign_target BIGINT NOT NULL DEFAULT 0 CHECK (campaign_target IN (0, 1)), campaign_response BIGINT NOT NULL DEFAULT 0 CHECK (campaign_response IN (0, 1)), send_word_doc_as_attachment BIGINT NOT NULL DEFAULT 0 CHECK (send_word_doc_as_attachment IN (0, 1)),
            document TEXT COLLATE "C" CHECK (document IS NULL OR document IN ('inherited', 'unique')),
            added_by_action_no BIGINT NOT NULL,
              PRIMARY KEY (segment_no, line_no));
            -- statement
            CREATE INDEX segment_line_contact ON segment_line (contact_no, segment_no);
            -- statement
            CREATE TABLE segment_criteria_action (
              segment_no TEXT COLLATE "C" NOT NULL REFERENCES segment_header (no) ON DELETE CASCADE,
              action_no BIGINT NOT NULL,
              action TEXT COLLATE "C" NOT NULL CHECK (action IN ('add', 'reduce', 'refine')),
              allow_existing_contacts BIGINT NOT NULL DEFAULT 0 CHECK (allow_existing_contacts IN (0, 1)), expand_companies BIGINT NOT NULL DEFAULT 0 CHECK (expand_companies IN (0, 1)), allow_related_companies BIGINT NOT NULL DEFAULT 0 CHECK (allow_related_companies IN (0, 1)),
              ignore_exclusion BIGINT NOT NULL DEFAULT 0 CHECK (ignore_exclusion IN (0, 1)), entire_companies BIGINT NOT NULL DEFAULT 0 CHECK (entire_companies IN (0, 1)),
              filters TEXT COLLATE "C" NOT NULL DEFAULT '{}',
              text TEXT COLLATE "C" NOT NULL DEFAULT '',
              PRIMARY KEY (segment_no, action_no));
            -- statement
            -- The undo journal: every line an action removed, exactly as it was, so Go Back restores it.
            -- It shares segment_line's columns, in one order, but not its foreign keys: it is a copy to
            -- restore, and checking six references per removed line would slow every Reduce for nothing.
            CREATE TABLE segment_removed_line (
              segment_no TEXT COLLATE "C" NOT NULL REFERENCES segment_header (no) ON DELETE CASCADE,
              action_no BIGINT NOT NULL,
              line_no BIGINT NOT NULL,
              contact_no TEXT COLLATE "C" NOT NULL,
            contact_company_no TEXT COLLATE "C",
            salesperson_code TEXT COLLATE "C",
            date TEXT COLLATE "C",
            description TEXT COLLATE "C" NOT NULL DEFAULT '',
            subject TEXT COLLATE "C" NOT NULL DEFAULT '',
            interaction_template_code TEXT COLLATE "C",
            interaction_group_code TEXT COLLATE "C",
            language_code TEXT COLLATE "C",
            correspondence_type TEXT COLLATE "C" CHECK (correspondence_type IS NULL OR correspondence_type IN ('hardCopy', 'email')),
            information_flow TEXT COLLATE "C" CHECK (information_flow IS NULL OR information_flow IN ('outbound', 'inbound')),
            initiated_by TEXT COLLATE "C" CHECK (initiated_by IS NULL OR initiated_by IN ('us', 'them')),
            cost DOUBLE PRECISION NOT NULL DEFAULT 0,
            duration DOUBLE PRECISION NOT NULL DEFAULT 0,
            evaluation TEXT COLLATE "C" CHECK (evaluation IS NULL OR evaluation IN ('veryPositive', 'positive', 'neutral', 'negative', 'veryNegative')),
            campaign_no TEXT COLLATE "C",
            campaign_target BIGINT NOT NULL DEFAULT 0 CHECK (campaign_target IN (0, 1)), campaign_response BIGINT NOT NULL DEFAULT 0 CHECK (campaign_response IN (0, 1)), send_word_doc_as_attachment BIGINT NOT NULL DEFAULT 0 CHECK (send_word_doc_as_attachment IN (0, 1)),
            document TEXT COLLATE "C" CHECK (document IS NULL OR document IN ('inherited', 'unique')),
            added_by_action_no BIGINT NOT NULL,
              PRIMARY KEY (segment_no, action_no, line_no));
            -- statement
            CREATE TABLE saved_criteria (
              code TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (code <> '' AND length(code) <= 10),
              description TEXT COLLATE "C" NOT NULL DEFAULT '',
              user_id TEXT COLLATE "C" NOT NULL);
            -- statement
            CREATE TABLE saved_criteria_action (
              code TEXT COLLATE "C" NOT NULL REFERENCES saved_criteria (code) ON DELETE CASCADE,
              action_no BIGINT NOT NULL,
              action TEXT COLLATE "C" NOT NULL CHECK (action IN ('add', 'reduce', 'refine')),
              allow_existing_contacts BIGINT NOT NULL DEFAULT 0 CHECK (allow_existing_contacts IN (0, 1)), expand_companies BIGINT NOT NULL DEFAULT 0 CHECK (expand_companies IN (0, 1)), allow_related_companies BIGINT NOT NULL DEFAULT 0 CHECK (allow_related_companies IN (0, 1)),
              ignore_exclusion BIGINT NOT NULL DEFAULT 0 CHECK (ignore_exclusion IN (0, 1)), entire_companies BIGINT NOT NULL DEFAULT 0 CHECK (entire_companies IN (0, 1)),
              filters TEXT COLLATE "C" NOT NULL DEFAULT '{}',
              text TEXT COLLATE "C" NOT NULL DEFAULT '',
              PRIMARY KEY (code, action_no));
            """#)
}
