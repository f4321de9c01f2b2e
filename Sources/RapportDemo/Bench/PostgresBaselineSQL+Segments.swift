/// The segment and log half of the psql baselines: `../shared/bench/sql/`'s `schema.sql` (the segment and log
/// tables), `load.sql` (the interaction history, the templates and the secondary indexes), `setup_segments.sql`,
/// `bench_A.sql`, `bench_B.sql` and their `restore_`/`verify_` scripts, translated by hand from SQLite's dialect
/// to PostgreSQL's and kept here, so a clone needs no `../shared` to read them (the data they run on still comes
/// from `gen_contacts.py`). The same statements doing the same work; only the spellings change:
/// - `WITHOUT ROWID` goes (PostgreSQL tables are heaps either way); `INTEGER PRIMARY KEY` (SQLite's 64-bit rowid)
///   and the 64-bit numbers become `BIGINT`, `REAL` (SQLite's 8-byte float) `DOUBLE PRECISION`;
/// - `rowid` (the contact's import order) becomes `ROW_NUMBER() OVER (ORDER BY no)`, the same order, since
///   `contacts.csv` is sorted by number (Rapport's own bench segments pick their contacts the same way);
/// - `JOIN` without `ON` becomes `CROSS JOIN`, `BEGIN IMMEDIATE` `BEGIN`, `.import` `\copy`;
/// - `PRAGMA wal_checkpoint` after a restore has no counterpart and goes; the verify scripts return the count
///   alone instead of a sentence.
extension PostgresBaselineSQL {
    /// `schema.sql`'s tables besides the contact tables (`contactSchema`), and `load.sql`'s history staging table.
    public static let segmentSchema = """
        CREATE TABLE interaction_template (
          code TEXT NOT NULL PRIMARY KEY, interaction_group_code TEXT NOT NULL, description TEXT,
          unit_cost_lcy DOUBLE PRECISION NOT NULL DEFAULT 0, unit_duration_min DOUBLE PRECISION NOT NULL DEFAULT 0,
          information_flow TEXT, initiated_by TEXT, correspondence_type_default TEXT,
          language_code_default TEXT, ignore_contact_corres_type INTEGER NOT NULL DEFAULT 0, word_template_code TEXT);
        CREATE TABLE segment_header (
          no TEXT NOT NULL PRIMARY KEY, description TEXT, campaign_no TEXT, salesperson_code TEXT,
          correspondence_type_default TEXT, interaction_template_code TEXT, unit_cost_lcy DOUBLE PRECISION,
          unit_duration_min DOUBLE PRECISION, date TEXT, campaign_target INTEGER NOT NULL DEFAULT 0,
          information_flow TEXT, initiated_by TEXT, campaign_response INTEGER NOT NULL DEFAULT 0,
          language_code_default TEXT, interaction_group_code TEXT, send_word_docs_as_attmt INTEGER NOT NULL DEFAULT 0,
          ignore_contact_corres_type INTEGER NOT NULL DEFAULT 0, subject_default TEXT, word_template_code TEXT);
        CREATE TABLE segment_interaction_language (
          segment_no TEXT NOT NULL, segment_line_no BIGINT NOT NULL, language_code TEXT NOT NULL,
          description TEXT, attachment_no BIGINT, subject TEXT, word_template_code TEXT,
          PRIMARY KEY (segment_no, segment_line_no, language_code));
        CREATE TABLE segment_line (
          segment_no TEXT NOT NULL, line_no BIGINT NOT NULL, contact_no TEXT, campaign_no TEXT,
          salesperson_code TEXT, correspondence_type TEXT, interaction_template_code TEXT,
          cost_lcy DOUBLE PRECISION NOT NULL DEFAULT 0, duration_min DOUBLE PRECISION NOT NULL DEFAULT 0,
          attachment_no BIGINT, campaign_response INTEGER NOT NULL DEFAULT 0, information_flow TEXT, initiated_by TEXT,
          contact_alt_address_code TEXT, evaluation TEXT, campaign_target INTEGER NOT NULL DEFAULT 0,
          language_code TEXT, description TEXT, date TEXT, time_of_interaction TEXT,
          attempt_failed INTEGER NOT NULL DEFAULT 0, todo_no TEXT, contact_company_no TEXT, campaign_entry_no BIGINT,
          interaction_group_code TEXT, send_word_doc_as_attmt INTEGER NOT NULL DEFAULT 0, contact_via TEXT,
          subject TEXT, opportunity_no TEXT, word_template_code TEXT, merged INTEGER NOT NULL DEFAULT 0,
          PRIMARY KEY (segment_no, line_no));
        CREATE INDEX segment_line_contact ON segment_line (contact_no, segment_no);
        CREATE TABLE logged_segment (
          entry_no BIGINT PRIMARY KEY, segment_no TEXT NOT NULL, description TEXT, creation_date TEXT,
          user_id TEXT, canceled INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX logged_segment_segment ON logged_segment (segment_no);
        CREATE TABLE interaction_log_entry (
          entry_no BIGINT PRIMARY KEY, contact_no TEXT, contact_company_no TEXT, date TEXT, time_of_interaction TEXT,
          description TEXT, subject TEXT, information_flow TEXT, initiated_by TEXT, attachment_no BIGINT,
          cost_lcy DOUBLE PRECISION NOT NULL DEFAULT 0, duration_min DOUBLE PRECISION NOT NULL DEFAULT 0, user_id TEXT,
          interaction_group_code TEXT, interaction_template_code TEXT, interaction_language_code TEXT,
          campaign_no TEXT, campaign_entry_no BIGINT, campaign_response INTEGER NOT NULL DEFAULT 0,
          campaign_target INTEGER NOT NULL DEFAULT 0, segment_no TEXT, logged_segment_entry_no BIGINT,
          evaluation TEXT, attempt_failed INTEGER NOT NULL DEFAULT 0, todo_no TEXT, salesperson_code TEXT,
          delivery_status TEXT, canceled INTEGER NOT NULL DEFAULT 0, correspondence_type TEXT,
          contact_alt_address_code TEXT, contact_via TEXT, send_word_docs_as_attmt INTEGER NOT NULL DEFAULT 0,
          opportunity_no TEXT, postponed INTEGER NOT NULL DEFAULT 0, word_template_code TEXT,
          merged INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE stg_ile (entry_no TEXT, contact_no TEXT, contact_company_no TEXT, date TEXT, template_code TEXT,
          campaign_no TEXT, evaluation TEXT, salesperson_code TEXT);

        """

    /// The rest of `load.sql` after the contacts (`loadSQL`): the templates, the interaction history and the
    /// secondary indexes. Run from the data folder (`interaction_log_entry.csv`).
    public static let history = """
        \\copy stg_ile FROM 'interaction_log_entry.csv' CSV HEADER
        INSERT INTO interaction_template VALUES
         ('LETTER','LETTERS','Letter',1.5,5,'outbound','us','hardCopy','ENU',0,'LETTER-WT'),
         ('EMAIL','EMAILS','E-mail',0.1,2,'outbound','us','email','ENU',0,'EMAIL-WT'),
         ('PHONE','CALLS','Phone call',2,10,'outbound','us','','ENU',0,NULL),
         ('MEETING','MEETINGS','Meeting',25,60,'inbound','them','','ENU',0,NULL),
         ('NEWSLETTER','EMAILS','Newsletter',0.05,1,'outbound','us','email','ENU',1,'NEWS-WT'),
         ('COVERSH','LETTERS','Cover sheet',0.5,2,'outbound','us','hardCopy','ENU',0,NULL);
        INSERT INTO interaction_log_entry (entry_no, contact_no, contact_company_no, date, description, information_flow,
          initiated_by, cost_lcy, duration_min, user_id, interaction_group_code, interaction_template_code,
          interaction_language_code, campaign_no, evaluation, salesperson_code, correspondence_type)
        SELECT CAST(s.entry_no AS BIGINT), s.contact_no, NULLIF(s.contact_company_no,''), s.date, t.description,
          t.information_flow, t.initiated_by, t.unit_cost_lcy, t.unit_duration_min, 'IMPORT', t.interaction_group_code,
          s.template_code, 'ENU', NULLIF(s.campaign_no,''), NULLIF(s.evaluation,''), s.salesperson_code,
          NULLIF(t.correspondence_type_default,'')
        FROM stg_ile s JOIN interaction_template t ON t.code = s.template_code
        ORDER BY CAST(s.entry_no AS BIGINT);
        DROP TABLE stg_ile;
        CREATE INDEX contact_company ON contact (company_no);
        CREATE INDEX contact_salesperson ON contact (salesperson_code);
        CREATE INDEX contact_post_code ON contact (post_code);
        CREATE INDEX contact_territory ON contact (territory_code);
        CREATE INDEX contact_mailing_group_code ON contact_mailing_group (code, contact_no);
        CREATE INDEX contact_industry_group_code ON contact_industry_group (code, contact_no);
        CREATE INDEX contact_business_relation_code ON contact_business_relation (code, contact_no);
        CREATE INDEX contact_job_responsibility_code ON contact_job_responsibility (code, contact_no);
        CREATE INDEX contact_profile_answer_q ON contact_profile_answer (questionnaire_code, line_no, contact_no);
        CREATE INDEX ile_contact ON interaction_log_entry (contact_company_no, contact_no, date);
        CREATE INDEX ile_logged_segment ON interaction_log_entry (logged_segment_entry_no);
        CREATE INDEX ile_campaign ON interaction_log_entry (campaign_no, campaign_entry_no, date);

        """
}
