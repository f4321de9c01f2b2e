extension SQLiteMigrations {
    /// Contacts (companies and people), their code-list relations and their profile answers.
    static let contacts = Migration(
        name: "0002-contacts",
        sql: #"""
            -- statement
            CREATE TABLE contact (
              no TEXT NOT NULL PRIMARY KEY CHECK (no <> '' AND length(no) <= 20),
              type TEXT NOT NULL CHECK (type IN ('company', 'person')),
              name TEXT NOT NULL DEFAULT '', name_fold TEXT NOT NULL DEFAULT '',
              company_no TEXT REFERENCES contact (no),
              first_name TEXT NOT NULL DEFAULT '', middle_name TEXT NOT NULL DEFAULT '',
              surname TEXT NOT NULL DEFAULT '',
              job_title TEXT NOT NULL DEFAULT '', job_title_fold TEXT NOT NULL DEFAULT '',
              address TEXT NOT NULL DEFAULT '', address2 TEXT NOT NULL DEFAULT '',
              city TEXT NOT NULL DEFAULT '', city_fold TEXT NOT NULL DEFAULT '',
              post_code TEXT NOT NULL DEFAULT '', post_code_fold TEXT NOT NULL DEFAULT '',
              county TEXT NOT NULL DEFAULT '', country_region_code TEXT NOT NULL DEFAULT '',
              phone_no TEXT NOT NULL DEFAULT '', mobile_phone_no TEXT NOT NULL DEFAULT '',
              email TEXT NOT NULL DEFAULT '',
              language_code TEXT REFERENCES language (code),
              salesperson_code TEXT REFERENCES salesperson (code),
              territory_code TEXT REFERENCES territory (code),
              salutation_code TEXT REFERENCES salutation (code),
              correspondence_type TEXT CHECK (correspondence_type IS NULL OR correspondence_type IN ('hardCopy', 'email')),
              exclude_from_segment INTEGER NOT NULL DEFAULT 0 CHECK (exclude_from_segment IN (0, 1)),
              CHECK (type = 'person' OR (company_no IS NOT NULL AND company_no = no)));
            -- statement
            CREATE INDEX contact_company ON contact (company_no);
            -- statement
            CREATE INDEX contact_salesperson ON contact (salesperson_code);
            -- statement
            CREATE INDEX contact_post_code ON contact (post_code);
            -- statement
            CREATE INDEX contact_territory ON contact (territory_code);
            -- statement
            CREATE INDEX contact_city ON contact (city);
            -- statement
            CREATE INDEX contact_name_fold ON contact (name_fold);
            -- statement
            CREATE TABLE contact_mailing_group (
              contact_no TEXT NOT NULL REFERENCES contact (no) ON DELETE CASCADE,
              code TEXT NOT NULL REFERENCES mailing_group (code),
              PRIMARY KEY (contact_no, code));
            -- statement
            CREATE TABLE contact_industry_group (
              contact_no TEXT NOT NULL REFERENCES contact (no) ON DELETE CASCADE,
              code TEXT NOT NULL REFERENCES industry_group (code),
              PRIMARY KEY (contact_no, code));
            -- statement
            CREATE TABLE contact_business_relation (
              contact_no TEXT NOT NULL REFERENCES contact (no) ON DELETE CASCADE,
              code TEXT NOT NULL REFERENCES business_relation (code),
              PRIMARY KEY (contact_no, code));
            -- statement
            CREATE TABLE contact_job_responsibility (
              contact_no TEXT NOT NULL REFERENCES contact (no) ON DELETE CASCADE,
              code TEXT NOT NULL REFERENCES job_responsibility (code),
              PRIMARY KEY (contact_no, code));
            -- statement
            CREATE INDEX contact_mailing_group_code ON contact_mailing_group (code, contact_no);
            -- statement
            CREATE INDEX contact_industry_group_code ON contact_industry_group (code, contact_no);
            -- statement
            CREATE INDEX contact_business_relation_code ON contact_business_relation (code, contact_no);
            -- statement
            CREATE INDEX contact_job_responsibility_code ON contact_job_responsibility (code, contact_no);
            -- statement
            CREATE TABLE contact_profile_answer (
              contact_no TEXT NOT NULL REFERENCES contact (no) ON DELETE CASCADE,
              questionnaire_code TEXT NOT NULL, line_no BIGINT NOT NULL,
              PRIMARY KEY (contact_no, questionnaire_code, line_no),
              FOREIGN KEY (questionnaire_code, line_no)
                REFERENCES profile_questionnaire_line (questionnaire_code, line_no));
            -- statement
            CREATE INDEX contact_profile_answer_q ON contact_profile_answer (questionnaire_code, line_no, contact_no);
            """#)
}
