/// The schema, one migration per area. The invariants live here first: NOT NULL, unique codes,
/// CHECK on enums and booleans, foreign keys.
enum Schema {
    static func codeList(_ table: String, length: Int = 10) -> String {
        """
        CREATE TABLE \(table) (
          code TEXT NOT NULL PRIMARY KEY CHECK (code <> '' AND length(code) <= \(length)),
          description TEXT NOT NULL DEFAULT '')
        """
    }

    static func flag(_ column: String) -> String {
        "\(column) INTEGER NOT NULL DEFAULT 0 CHECK (\(column) IN (0, 1))"
    }

    static func oneOf(_ column: String, _ values: [String]) -> String {
        let list = values.map { "'\($0)'" }.joined(separator: ", ")
        return "\(column) TEXT CHECK (\(column) IS NULL OR \(column) IN (\(list)))"
    }

    static let masterData = Migration(
        name: "0001-master-data",
        statements: [
            """
            CREATE TABLE number_series (
              code TEXT NOT NULL PRIMARY KEY CHECK (code <> '' AND length(code) <= 20),
              description TEXT NOT NULL DEFAULT '',
              starting_no TEXT NOT NULL DEFAULT '',
              last_no_used TEXT NOT NULL DEFAULT '',
              \(flag("allow_manual_nos")))
            """,
            """
            CREATE TABLE salesperson (
              code TEXT NOT NULL PRIMARY KEY CHECK (code <> '' AND length(code) <= 20),
              name TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '', phone_no TEXT NOT NULL DEFAULT '',
              job_title TEXT NOT NULL DEFAULT '', \(flag("blocked")))
            """,
            """
            CREATE TABLE campaign (
              no TEXT NOT NULL PRIMARY KEY CHECK (no <> '' AND length(no) <= 20),
              description TEXT NOT NULL DEFAULT '', starting_date TEXT, ending_date TEXT,
              salesperson_code TEXT REFERENCES salesperson (code),
              CHECK (starting_date IS NULL OR ending_date IS NULL OR starting_date <= ending_date))
            """,
            """
            CREATE TABLE language (
              code TEXT NOT NULL PRIMARY KEY CHECK (code <> '' AND length(code) <= 10),
              name TEXT NOT NULL DEFAULT '')
            """,
            codeList("mailing_group"), codeList("industry_group"), codeList("job_responsibility"),
            codeList("business_relation"), codeList("interaction_group"), codeList("territory", length: 20),
            """
            CREATE TABLE salutation (
              code TEXT NOT NULL PRIMARY KEY CHECK (code <> '' AND length(code) <= 10),
              description TEXT NOT NULL DEFAULT '')
            """,
            """
            CREATE TABLE salutation_formula (
              salutation_code TEXT NOT NULL REFERENCES salutation (code) ON DELETE CASCADE,
              language_code TEXT NOT NULL DEFAULT '',
              formal TEXT NOT NULL DEFAULT '', informal TEXT NOT NULL DEFAULT '',
              PRIMARY KEY (salutation_code, language_code))
            """,
            """
            CREATE TABLE profile_questionnaire (
              code TEXT NOT NULL PRIMARY KEY CHECK (code <> '' AND length(code) <= 10),
              description TEXT NOT NULL DEFAULT '')
            """,
            """
            CREATE TABLE profile_questionnaire_line (
              questionnaire_code TEXT NOT NULL REFERENCES profile_questionnaire (code) ON DELETE CASCADE,
              line_no BIGINT NOT NULL, type TEXT NOT NULL CHECK (type IN ('question', 'answer')),
              description TEXT NOT NULL DEFAULT '',
              PRIMARY KEY (questionnaire_code, line_no))
            """,
            """
            CREATE TABLE interaction_template (
              code TEXT NOT NULL PRIMARY KEY CHECK (code <> '' AND length(code) <= 10),
              interaction_group_code TEXT REFERENCES interaction_group (code),
              description TEXT NOT NULL DEFAULT '',
              unit_cost DOUBLE PRECISION NOT NULL DEFAULT 0, unit_duration DOUBLE PRECISION NOT NULL DEFAULT 0,
              \(oneOf("information_flow", ["outbound", "inbound"])),
              \(oneOf("initiated_by", ["us", "them"])),
              \(oneOf("correspondence_type_default", ["hardCopy", "email"])),
              \(flag("ignore_contact_correspondence_type")),
              language_code_default TEXT REFERENCES language (code),
              campaign_no TEXT REFERENCES campaign (no),
              \(flag("campaign_target")), \(flag("campaign_response")))
            """,
            """
            CREATE TABLE interaction_template_language (
              template_code TEXT NOT NULL REFERENCES interaction_template (code) ON DELETE CASCADE,
              language_code TEXT NOT NULL REFERENCES language (code),
              description TEXT NOT NULL DEFAULT '',
              PRIMARY KEY (template_code, language_code))
            """,
            """
            CREATE TABLE setup (
              id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
              segment_nos TEXT REFERENCES number_series (code),
              contact_nos TEXT REFERENCES number_series (code),
              company_information_name TEXT NOT NULL DEFAULT '',
              company_information_address TEXT NOT NULL DEFAULT '',
              company_information_address2 TEXT NOT NULL DEFAULT '',
              company_information_post_code TEXT NOT NULL DEFAULT '',
              company_information_city TEXT NOT NULL DEFAULT '',
              company_information_phone_no TEXT NOT NULL DEFAULT '',
              company_information_email TEXT NOT NULL DEFAULT '',
              company_information_vat_registration_no TEXT NOT NULL DEFAULT '',
              smtp_host TEXT NOT NULL DEFAULT '', smtp_port BIGINT NOT NULL DEFAULT 25,
              smtp_security TEXT NOT NULL DEFAULT 'none' CHECK (smtp_security IN ('none', 'startTls', 'tls')),
              smtp_username TEXT NOT NULL DEFAULT '', smtp_password TEXT NOT NULL DEFAULT '',
              smtp_from_address TEXT NOT NULL DEFAULT '',
              time_zone TEXT NOT NULL DEFAULT 'UTC')
            """,
            "INSERT INTO setup (id) VALUES (1)",
        ])

    static let contacts = Migration(
        name: "0002-contacts",
        statements: [
            """
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
              \(oneOf("correspondence_type", ["hardCopy", "email"])),
              \(flag("exclude_from_segment")),
              CHECK (type = 'person' OR (company_no IS NOT NULL AND company_no = no)))
            """,
            "CREATE INDEX contact_company ON contact (company_no)",
            "CREATE INDEX contact_salesperson ON contact (salesperson_code)",
            "CREATE INDEX contact_post_code ON contact (post_code)",
            "CREATE INDEX contact_territory ON contact (territory_code)",
            "CREATE INDEX contact_city ON contact (city)",
            "CREATE INDEX contact_name_fold ON contact (name_fold)",
            relation("contact_mailing_group", target: "mailing_group"),
            relation("contact_industry_group", target: "industry_group"),
            relation("contact_business_relation", target: "business_relation"),
            relation("contact_job_responsibility", target: "job_responsibility"),
            "CREATE INDEX contact_mailing_group_code ON contact_mailing_group (code, contact_no)",
            "CREATE INDEX contact_industry_group_code ON contact_industry_group (code, contact_no)",
            "CREATE INDEX contact_business_relation_code ON contact_business_relation (code, contact_no)",
            "CREATE INDEX contact_job_responsibility_code ON contact_job_responsibility (code, contact_no)",
            """
            CREATE TABLE contact_profile_answer (
              contact_no TEXT NOT NULL REFERENCES contact (no) ON DELETE CASCADE,
              questionnaire_code TEXT NOT NULL, line_no BIGINT NOT NULL,
              PRIMARY KEY (contact_no, questionnaire_code, line_no),
              FOREIGN KEY (questionnaire_code, line_no)
                REFERENCES profile_questionnaire_line (questionnaire_code, line_no))
            """,
            "CREATE INDEX contact_profile_answer_q ON contact_profile_answer (questionnaire_code, line_no, contact_no)",
        ])

    static func relation(_ table: String, target: String) -> String {
        """
        CREATE TABLE \(table) (
          contact_no TEXT NOT NULL REFERENCES contact (no) ON DELETE CASCADE,
          code TEXT NOT NULL REFERENCES \(target) (code),
          PRIMARY KEY (contact_no, code))
        """
    }

    static let users = Migration(
        name: "0003-users",
        statements: [
            """
            CREATE TABLE app_user (
              user_id TEXT NOT NULL PRIMARY KEY CHECK (user_id <> '' AND length(user_id) <= 50),
              role TEXT NOT NULL CHECK (role IN ('admin', 'marketer', 'viewer')),
              salesperson_code TEXT REFERENCES salesperson (code),
              password_hash TEXT NOT NULL DEFAULT '',
              \(flag("active")))
            """,
            "INSERT INTO app_user (user_id, role, active) VALUES ('ADMIN', 'admin', 1)",
            """
            CREATE TABLE api_token (
              token_id TEXT NOT NULL PRIMARY KEY,
              user_id TEXT NOT NULL REFERENCES app_user (user_id) ON DELETE CASCADE,
              token_hash TEXT NOT NULL UNIQUE,
              created_at TEXT NOT NULL, last_used_at TEXT)
            """,
            "CREATE INDEX api_token_user ON api_token (user_id)",
        ])
}
