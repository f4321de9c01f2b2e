extension PostgresMigrations {
    /// Master data: number series, salespeople, campaigns, languages, the code lists, salutations, profile
    /// questionnaires, interaction templates and the one setup row. The invariants live in the schema first:
    /// NOT NULL, unique codes, CHECK on enums and booleans, foreign keys.
    static let masterData = Migration(
        name: "0001-master-data",
        sql: #"""
            -- statement
            CREATE TABLE number_series (
              code TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (code <> '' AND length(code) <= 20),
              description TEXT COLLATE "C" NOT NULL DEFAULT '',
              starting_no TEXT COLLATE "C" NOT NULL DEFAULT '',
              last_no_used TEXT COLLATE "C" NOT NULL DEFAULT '',
              allow_manual_nos BIGINT NOT NULL DEFAULT 0 CHECK (allow_manual_nos IN (0, 1)));
            -- statement
            CREATE TABLE salesperson (
              code TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (code <> '' AND length(code) <= 20),
              name TEXT COLLATE "C" NOT NULL DEFAULT '', email TEXT COLLATE "C" NOT NULL DEFAULT '', phone_no TEXT COLLATE "C" NOT NULL DEFAULT '',
              job_title TEXT COLLATE "C" NOT NULL DEFAULT '', blocked BIGINT NOT NULL DEFAULT 0 CHECK (blocked IN (0, 1)));
            -- statement
            CREATE TABLE campaign (
              no TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (no <> '' AND length(no) <= 20),
              description TEXT COLLATE "C" NOT NULL DEFAULT '', starting_date TEXT COLLATE "C", ending_date TEXT COLLATE "C",
              salesperson_code TEXT COLLATE "C" REFERENCES salesperson (code),
              CHECK (starting_date IS NULL OR ending_date IS NULL OR starting_date <= ending_date));
            -- statement
            CREATE TABLE language (
              code TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (code <> '' AND length(code) <= 10),
              name TEXT COLLATE "C" NOT NULL DEFAULT '');
            -- statement
            CREATE TABLE mailing_group (
              code TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (code <> '' AND length(code) <= 10),
              description TEXT COLLATE "C" NOT NULL DEFAULT '');
            -- statement
            CREATE TABLE industry_group (
              code TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (code <> '' AND length(code) <= 10),
              description TEXT COLLATE "C" NOT NULL DEFAULT '');
            -- statement
            CREATE TABLE job_responsibility (
              code TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (code <> '' AND length(code) <= 10),
              description TEXT COLLATE "C" NOT NULL DEFAULT '');
            -- statement
            CREATE TABLE business_relation (
              code TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (code <> '' AND length(code) <= 10),
              description TEXT COLLATE "C" NOT NULL DEFAULT '');
            -- statement
            CREATE TABLE interaction_group (
              code TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (code <> '' AND length(code) <= 10),
              description TEXT COLLATE "C" NOT NULL DEFAULT '');
            -- statement
            CREATE TABLE territory (
              code TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (code <> '' AND length(code) <= 20),
              description TEXT COLLATE "C" NOT NULL DEFAULT '');
            -- statement
            CREATE TABLE salutation (
              code TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (code <> '' AND length(code) <= 10),
              description TEXT COLLATE "C" NOT NULL DEFAULT '');
            -- statement
            CREATE TABLE salutation_formula (
              salutation_code TEXT COLLATE "C" NOT NULL REFERENCES salutation (code) ON DELETE CASCADE,
              language_code TEXT COLLATE "C" NOT NULL DEFAULT '',
              formal TEXT COLLATE "C" NOT NULL DEFAULT '', informal TEXT COLLATE "C" NOT NULL DEFAULT '',
              PRIMARY KEY (salutation_code, language_code));
            -- statement
            CREATE TABLE profile_questionnaire (
              code TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (code <> '' AND length(code) <= 10),
              description TEXT COLLATE "C" NOT NULL DEFAULT '');
            -- statement
            CREATE TABLE profile_questionnaire_line (
              questionnaire_code TEXT COLLATE "C" NOT NULL REFERENCES profile_questionnaire (code) ON DELETE CASCADE,
              line_no BIGINT NOT NULL, type TEXT COLLATE "C" NOT NULL CHECK (type IN ('question', 'answer')),
              description TEXT COLLATE "C" NOT NULL DEFAULT '',
              PRIMARY KEY (questionnaire_code, line_no));
            -- statement
            CREATE TABLE interaction_template (
              code TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (code <> '' AND length(code) <= 10),
              interaction_group_code TEXT COLLATE "C" REFERENCES interaction_group (code),
              description TEXT COLLATE "C" NOT NULL DEFAULT '',
              unit_cost DOUBLE PRECISION NOT NULL DEFAULT 0, unit_duration DOUBLE PRECISION NOT NULL DEFAULT 0,
              information_flow TEXT COLLATE "C" CHECK (information_flow IS NULL OR information_flow IN ('outbound', 'inbound')),
              initiated_by TEXT COLLATE "C" CHECK (initiated_by IS NULL OR initiated_by IN ('us', 'them')),
              correspondence_type_default TEXT COLLATE "C" CHECK (correspondence_type_default IS NULL OR correspondence_type_default IN ('hardCopy', 'email')),
              ignore_contact_correspondence_type BIGINT NOT NULL DEFAULT 0 CHECK (ignore_contact_correspondence_type IN (0, 1)),
              language_code_default TEXT COLLATE "C" REFERENCES language (code),
              campaign_no TEXT COLLATE "C" REFERENCES campaign (no),
              campaign_target BIGINT NOT NULL DEFAULT 0 CHECK (campaign_target IN (0, 1)), campaign_response BIGINT NOT NULL DEFAULT 0 CHECK (campaign_response IN (0, 1)));
            -- statement
            CREATE TABLE interaction_template_language (
              template_code TEXT COLLATE "C" NOT NULL REFERENCES interaction_template (code) ON DELETE CASCADE,
              language_code TEXT COLLATE "C" NOT NULL REFERENCES language (code),
              description TEXT COLLATE "C" NOT NULL DEFAULT '',
              PRIMARY KEY (template_code, language_code));
            -- statement
            CREATE TABLE setup (
              id BIGINT NOT NULL PRIMARY KEY CHECK (id = 1),
              segment_nos TEXT COLLATE "C" REFERENCES number_series (code),
              contact_nos TEXT COLLATE "C" REFERENCES number_series (code),
              company_information_name TEXT COLLATE "C" NOT NULL DEFAULT '',
              company_information_address TEXT COLLATE "C" NOT NULL DEFAULT '',
              company_information_address2 TEXT COLLATE "C" NOT NULL DEFAULT '',
              company_information_post_code TEXT COLLATE "C" NOT NULL DEFAULT '',
              company_information_city TEXT COLLATE "C" NOT NULL DEFAULT '',
              company_information_phone_no TEXT COLLATE "C" NOT NULL DEFAULT '',
              company_information_email TEXT COLLATE "C" NOT NULL DEFAULT '',
              company_information_vat_registration_no TEXT COLLATE "C" NOT NULL DEFAULT '',
              smtp_host TEXT COLLATE "C" NOT NULL DEFAULT '', smtp_port BIGINT NOT NULL DEFAULT 25,
              smtp_security TEXT COLLATE "C" NOT NULL DEFAULT 'none' CHECK (smtp_security IN ('none', 'startTls', 'tls')),
              smtp_username TEXT COLLATE "C" NOT NULL DEFAULT '', smtp_password TEXT COLLATE "C" NOT NULL DEFAULT '',
              smtp_from_address TEXT COLLATE "C" NOT NULL DEFAULT '',
              time_zone TEXT COLLATE "C" NOT NULL DEFAULT 'UTC');
            -- statement
            INSERT INTO setup (id) VALUES (1);
            """#)
}
