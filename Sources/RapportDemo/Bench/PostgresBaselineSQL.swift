/// The hand-written statements of `../shared/bench/sql/` that `rapport bench --db` runs in `psql` as PostgreSQL's
/// own baselines, translated by hand from SQLite's dialect and kept here so a clone on its own has them. This
/// half is the contact tables: `schema.sql`'s, `load.sql`'s load of them (`.import` becomes `\copy`, the same
/// `INSERT … SELECT`), and the export (no counterpart in `sql/`: it writes what Rapport's export writes).
public enum PostgresBaselineSQL {
    static let links = [
        "contact_mailing_group", "contact_industry_group", "contact_business_relation", "contact_job_responsibility",
    ]

    /// `schema.sql`'s contact tables (without `WITHOUT ROWID`) and `load.sql`'s staging table.
    public static var contactSchema: String {
        """
        CREATE TABLE contact (
          no TEXT NOT NULL PRIMARY KEY, type TEXT NOT NULL CHECK (type IN ('company','person')), name TEXT NOT NULL,
          company_no TEXT, first_name TEXT, surname TEXT, job_title TEXT, address TEXT, city TEXT, post_code TEXT,
          country_region_code TEXT, phone_no TEXT, email TEXT, language_code TEXT, salesperson_code TEXT,
          territory_code TEXT, correspondence_type TEXT, exclude_from_segment INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE stg_contact (no TEXT, type TEXT, name TEXT, company_no TEXT, first_name TEXT, surname TEXT,
          job_title TEXT, address TEXT, city TEXT, post_code TEXT, country_region_code TEXT, phone_no TEXT,
          email TEXT, language_code TEXT, salesperson_code TEXT, territory_code TEXT, correspondence_type TEXT,
          exclude_from_segment TEXT);
        CREATE TABLE contact_profile_answer (contact_no TEXT NOT NULL, questionnaire_code TEXT NOT NULL,
          line_no INTEGER NOT NULL, PRIMARY KEY (contact_no, questionnaire_code, line_no));

        """
            + links.map {
                "CREATE TABLE \($0) (contact_no TEXT NOT NULL, code TEXT NOT NULL, PRIMARY KEY (contact_no, code));"
            }.joined(separator: "\n") + "\n"
    }

    /// `load.sql`'s contacts and their lists, in one transaction; run from the data folder.
    public static var loadContacts: String {
        """
        BEGIN;
        \\copy stg_contact FROM 'contacts.csv' CSV HEADER
        INSERT INTO contact SELECT no, type, name, NULLIF(company_no,''), NULLIF(first_name,''), NULLIF(surname,''),
          NULLIF(job_title,''), address, city, post_code, country_region_code, phone_no, NULLIF(email,''),
          NULLIF(language_code,''), NULLIF(salesperson_code,''), NULLIF(territory_code,''),
          NULLIF(correspondence_type,''), CAST(exclude_from_segment AS INTEGER)
        FROM stg_contact;

        """
            + (links + ["contact_profile_answer"]).map { "\\copy \($0) FROM '\($0).csv' CSV HEADER" }
            .joined(separator: "\n") + "\nCOMMIT;\n"
    }

    /// Every contact with its lists joined by `;`, as one `\copy (SELECT …) TO` into `path`.
    public static func export(to path: String) -> String {
        let lists = links.map {
            "(SELECT string_agg(l.code, ';' ORDER BY l.code) FROM \($0) l WHERE l.contact_no = c.no)"
        }
        let answers =
            "(SELECT string_agg(a.questionnaire_code || ':' || a.line_no, ';' ORDER BY a.questionnaire_code, a.line_no) "
            + "FROM contact_profile_answer a WHERE a.contact_no = c.no)"
        return "\\copy (SELECT c.*, (SELECT co.name FROM contact co WHERE co.no = c.company_no), "
            + (lists + [answers]).joined(separator: ", ") + " FROM contact c ORDER BY c.no) TO '\(path)' CSV HEADER\n"
    }
}
