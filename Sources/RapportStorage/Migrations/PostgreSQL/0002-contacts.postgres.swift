extension PostgresMigrations {
    /// Contacts (companies and people), their code-list relations and their profile answers.
    static let contacts = Migration(
        name: "0002-contacts",
        sql: #"""
            -- statement
            CREATE TABLE contact (
              no TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (no <> '' AND length(no) <= 20),
              type TEXT COLLATE "C" NOT NULL CHECK (type IN ('company', 'person')),
              name TEXT COLLATE "C" NOT NULL DEFAULT '', name_fold TEXT COLLATE "C" NOT NULL DEFAULT '',
              company_no TEXT COLLATE "C" REFERENCES contact (no),
              first_name TEXT COLLATE "C" NOT NULL DEFAULT '', middle_name TEXT COLLATE "C" NOT NULL DEFAULT '',
              surname TEXT COLLATE "C" NOT NULL DEFAULT '',
              job_title TEXT COLLATE "C" NOT NULL DEFAULT '', job_title_fold TEXT COLLATE "C" NOT NULL DEFAULT '',
              address TEXT COLLATE "C" NOT NULL DEFAULT '', address2 TEXT COLLATE "C" NOT NULL DEFAULT '',
              city TEXT COLLATE "C" NOT NULL DEFAULT '', city_fold TEXT COLLATE "C" NOT NULL DEFAULT '',
              post_code TEXT COLLATE "C" NOT NULL DEFAULT '', post_code_fold TEXT COLLATE "C" NOT NULL DEFAULT '',
              county TEXT COLLATE "C" NOT NULL DEFAULT '', country_region_code TEXT COLLATE "C" NOT NULL DEFAULT '',
              phone_no TEXT COLLATE "C" NOT NULL DEFAULT '', mobile_phone_no TEXT COLLATE "C" NOT NULL DEFAULT '',
              email TEXT COLLATE "C" NOT NULL DEFAULT '',
              language_code TEXT COLLATE "C" REFERENCES language (code),
              salesperson_code TEXT COLLATE "C" REFERENCES salesperson (code),
              territory_code TEXT COLLATE "C" REFERENCES territory (code),
              salutation_code TEXT COLLATE "C" REFERENCES salutation (code),
              correspondence_type TEXT COLLATE "C" CHECK (correspondence_type IS NULL OR correspondence_type IN ('hardCopy', 'email')),
              exclude_from_segment BIGINT NOT NULL DEFAULT 0 CHECK (exclude_from_segment IN (0, 1)),
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
              contact_no TEXT COLLATE "C" NOT NULL REFERENCES contact (no) ON DELETE CASCADE,
              code TEXT COLLATE "C" NOT NULL REFERENCES mailing_group (code),
              PRIMARY KEY (contact_no, code));
            -- statement
            CREATE TABLE contact_industry_group (
              contact_no TEXT COLLATE "C" NOT NULL REFERENCES contact (no) ON DELETE CASCADE,
              code TEXT COLLATE "C" NOT NULL REFERENCES industry_group (code),
              PRIMARY KEY (contact_no, code));
            -- statement
            CREATE TABLE contact_business_relation (
              contact_no TEXT COLLATE "C" NOT NULL REFERENCES contact (no) ON DELETE CASCADE,
              code TEXT COLLATE "C" NOT NULL REFERENCES business_relation (code),
              PRIMARY KEY (contact_no, code));
            -- statement
            CREATE TABLE contact_job_responsibility (
              contact_no TEXT COLLATE "C" NOT NULL REFERENCES contact (no) ON DELETE CASCADE,
              code TEXT COLLATE "C" NOT NULL REFERENCES job_responsibility (code),
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
              contact_no TEXT COLLATE "C" NOT NULL REFERENCES contact (no) ON DELETE CASCADE,
              questionnaire_code TEXT COLLATE "C" NOT NULL, line_no BIGINT NOT NULL,
              PRIMARY KEY (contact_no, questionnaire_code, line_no),
              FOREIGN KEY (questionnaire_code, line_no)
                REFERENCES profile_questionnaire_line (questionnaire_code, line_no));
            -- statement
            CREATE INDEX contact_profile_answer_q ON contact_profile_answer (questionnaire_code, line_no, contact_no);
            """#)
}
