/// `setup_segments.sql`, `bench_A.sql`, `bench_B.sql` and their restore and verify scripts in PostgreSQL's
/// dialect (see `PostgresBaselineSQL+Segments.swift` for what changed and why).
extension PostgresBaselineSQL {
    /// `setup_segments.sql`: SEG-A (1,000 lines), SEG-B and SEG-C (100,000 lines each at 1M contacts), the saved
    /// copies the restores read, and `bench_base`. `crowid` is the contact's row number in number order, where
    /// SQLite reads its rowid.
    public static let setupSegments = """
        INSERT INTO segment_header (no, description, campaign_no, salesperson_code, correspondence_type_default,
          interaction_template_code, unit_cost_lcy, unit_duration_min, date, information_flow, initiated_by,
          language_code_default, interaction_group_code, ignore_contact_corres_type, subject_default, word_template_code)
        SELECT s.no, s.descr, NULL, NULL, 'hardCopy', t.code, t.unit_cost_lcy, t.unit_duration_min, '2025-06-02',
          t.information_flow, t.initiated_by, 'ENU', t.interaction_group_code, 0, s.subj, t.word_template_code
        FROM (SELECT 'SEG-A' AS no, 'Spring newsletter to retail' AS descr, 'Our spring news' AS subj
              UNION ALL SELECT 'SEG-B', 'Price list letter 2025', 'New price list'
              UNION ALL SELECT 'SEG-C', 'Trade fair invitation', 'Meet us at the fair') s
        JOIN interaction_template t ON t.code = 'LETTER';

        INSERT INTO segment_interaction_language (segment_no, segment_line_no, language_code, description,
          attachment_no, subject, word_template_code)
        SELECT h.no, 0, l.code, 'LETTER ' || l.code, l.att, l.subj || ' (' || l.code || ')', h.word_template_code
        FROM segment_header h CROSS JOIN (SELECT 'ENU' AS code, 101 AS att, 'Letter' AS subj
          UNION ALL SELECT 'DEU', 102, 'Brief' UNION ALL SELECT 'FRA', 103, 'Lettre'
          UNION ALL SELECT 'DAN', 104, 'Brev') l;

        CREATE TEMP VIEW line_source AS
        SELECT h.no AS segment_no, c.crowid, c.no AS contact_no, c.type, c.name,
          COALESCE(co.name, '') AS company_name, COALESCE(c.company_no, '') AS company_sort_no,
          h.campaign_no, COALESCE(h.salesperson_code, c.salesperson_code) AS salesperson_code,
          CASE WHEN h.ignore_contact_corres_type = 1 AND COALESCE(h.correspondence_type_default, '') <> ''
                 THEN h.correspondence_type_default
               WHEN t.code IS NOT NULL AND (t.ignore_contact_corres_type = 1 OR c.correspondence_type IS NULL)
                 THEN t.correspondence_type_default
               ELSE c.correspondence_type END AS correspondence_type,
          h.interaction_template_code, h.unit_cost_lcy, h.unit_duration_min,
          COALESCE(sil.attachment_no, sid.attachment_no) AS attachment_no, h.campaign_response, h.information_flow,
          h.initiated_by, h.campaign_target, COALESCE(sil.language_code, h.language_code_default) AS language_code,
          h.description, h.date, c.company_no AS contact_company_no, h.interaction_group_code,
          h.send_word_docs_as_attmt, COALESCE(sil.subject, sid.subject) AS subject,
          COALESCE(sil.word_template_code, sid.word_template_code, h.word_template_code) AS word_template_code
        FROM segment_header h
        CROSS JOIN (SELECT contact.*, ROW_NUMBER() OVER (ORDER BY no) AS crowid FROM contact) c
        LEFT JOIN contact co ON co.no = c.company_no
        LEFT JOIN interaction_template t ON t.code = h.interaction_template_code
        LEFT JOIN segment_interaction_language sil
          ON sil.segment_no = h.no AND sil.segment_line_no = 0 AND sil.language_code = c.language_code
        LEFT JOIN segment_interaction_language sid
          ON sid.segment_no = h.no AND sid.segment_line_no = 0 AND sid.language_code = h.language_code_default;

        INSERT INTO segment_line (segment_no, line_no, contact_no, campaign_no, salesperson_code, correspondence_type,
          interaction_template_code, cost_lcy, duration_min, attachment_no, campaign_response, information_flow,
          initiated_by, campaign_target, language_code, description, date, contact_company_no, interaction_group_code,
          send_word_doc_as_attmt, subject, word_template_code, merged)
        SELECT segment_no, 10000 * ROW_NUMBER() OVER (PARTITION BY segment_no
                 ORDER BY company_name, company_sort_no, type, name, contact_no),
          contact_no, campaign_no, salesperson_code, correspondence_type, interaction_template_code, unit_cost_lcy,
          unit_duration_min, attachment_no, campaign_response, information_flow, initiated_by, campaign_target,
          language_code, description, date, contact_company_no, interaction_group_code, send_word_docs_as_attmt,
          subject, word_template_code, 0
        FROM line_source
        WHERE (segment_no = 'SEG-A' AND crowid % 1000 = 7)
           OR (segment_no = 'SEG-B' AND crowid % 10 = 3)
           OR (segment_no = 'SEG-C' AND crowid % 10 = 6);

        CREATE TABLE bench_saved_header AS SELECT * FROM segment_header;
        CREATE TABLE bench_saved_language AS SELECT * FROM segment_interaction_language;
        CREATE TABLE bench_saved_line AS SELECT * FROM segment_line WHERE segment_no IN ('SEG-B', 'SEG-C');
        CREATE TABLE bench_base AS SELECT (SELECT MAX(entry_no) FROM interaction_log_entry) AS max_ile,
          (SELECT COALESCE(MAX(entry_no), 0) FROM logged_segment) AS max_logged,
          (SELECT COUNT(*) FROM segment_line WHERE segment_no = 'SEG-A') AS a_lines,
          (SELECT COALESCE(MAX(line_no), 0) FROM segment_line WHERE segment_no = 'SEG-A') AS a_max_line,
          (SELECT COUNT(*) FROM segment_line WHERE segment_no = 'SEG-C') AS c_lines;
        ANALYZE;

        """

    /// `bench_A.sql`: Add Contacts with the three filters, one `INSERT … SELECT`.
    public static let addContacts = """
        WITH hdr AS (SELECT * FROM segment_header WHERE no = 'SEG-A'),
             base AS (SELECT COALESCE(MAX(line_no), 0) AS max_line FROM segment_line WHERE segment_no = 'SEG-A')
        INSERT INTO segment_line (segment_no, line_no, contact_no, campaign_no, salesperson_code, correspondence_type,
          interaction_template_code, cost_lcy, duration_min, attachment_no, campaign_response, information_flow,
          initiated_by, campaign_target, language_code, description, date, contact_company_no, interaction_group_code,
          send_word_doc_as_attmt, subject, word_template_code, merged)
        SELECT h.no,
          base.max_line + 10000 * ROW_NUMBER() OVER (ORDER BY COALESCE(co.name, ''), COALESCE(c.company_no, ''),
                                                     c.type, c.name, c.no),
          c.no, h.campaign_no, COALESCE(h.salesperson_code, c.salesperson_code),
          CASE WHEN h.ignore_contact_corres_type = 1 AND COALESCE(h.correspondence_type_default, '') <> ''
                 THEN h.correspondence_type_default
               WHEN t.code IS NOT NULL AND (t.ignore_contact_corres_type = 1 OR c.correspondence_type IS NULL)
                 THEN t.correspondence_type_default
               ELSE c.correspondence_type END,
          h.interaction_template_code, h.unit_cost_lcy, h.unit_duration_min,
          COALESCE(sil.attachment_no, sid.attachment_no), h.campaign_response, h.information_flow, h.initiated_by,
          h.campaign_target, COALESCE(sil.language_code, h.language_code_default), h.description, h.date, c.company_no,
          h.interaction_group_code, h.send_word_docs_as_attmt, COALESCE(sil.subject, sid.subject),
          COALESCE(sil.word_template_code, sid.word_template_code, h.word_template_code), 0
        FROM hdr h CROSS JOIN base
        CROSS JOIN contact c
        LEFT JOIN contact co ON co.no = c.company_no
        LEFT JOIN interaction_template t ON t.code = h.interaction_template_code
        LEFT JOIN segment_interaction_language sil
          ON sil.segment_no = h.no AND sil.segment_line_no = 0 AND sil.language_code = c.language_code
        LEFT JOIN segment_interaction_language sid
          ON sid.segment_no = h.no AND sid.segment_line_no = 0 AND sid.language_code = h.language_code_default
        WHERE c.salesperson_code IN ('JO', 'RB')
          AND c.exclude_from_segment = 0
          AND EXISTS (SELECT 1 FROM contact_mailing_group m WHERE m.contact_no = c.no AND m.code = 'NEWS')
          AND EXISTS (SELECT 1 FROM contact_industry_group g WHERE g.contact_no = c.company_no AND g.code = 'RETAIL')
          AND NOT EXISTS (SELECT 1 FROM segment_line s WHERE s.contact_no = c.no AND s.segment_no = h.no);

        """

    /// `bench_B.sql`: Log SEG-B, the logged segment and one entry per line, then the segment goes; one transaction.
    public static let logSegment = """
        BEGIN;
        INSERT INTO logged_segment (entry_no, segment_no, description, creation_date, user_id, canceled)
        SELECT (SELECT COALESCE(MAX(entry_no), 0) + 1 FROM logged_segment), h.no, h.description, '2025-06-02',
          'BENCH', 0
        FROM segment_header h WHERE h.no = 'SEG-B';
        INSERT INTO interaction_log_entry (entry_no, contact_no, contact_company_no, date, time_of_interaction,
          description, subject, information_flow, initiated_by, attachment_no, cost_lcy, duration_min, user_id,
          interaction_group_code, interaction_template_code, interaction_language_code, campaign_no, campaign_entry_no,
          campaign_response, campaign_target, segment_no, logged_segment_entry_no, evaluation, attempt_failed, todo_no,
          salesperson_code, delivery_status, canceled, correspondence_type, contact_alt_address_code, contact_via,
          send_word_docs_as_attmt, opportunity_no, postponed, word_template_code, merged)
        SELECT (SELECT COALESCE(MAX(entry_no), 0) FROM interaction_log_entry) + ROW_NUMBER() OVER (ORDER BY l.line_no),
          l.contact_no, l.contact_company_no, l.date, l.time_of_interaction, l.description, l.subject,
          l.information_flow, l.initiated_by, l.attachment_no, l.cost_lcy, l.duration_min, 'BENCH',
          l.interaction_group_code, l.interaction_template_code, l.language_code, l.campaign_no, l.campaign_entry_no,
          l.campaign_response, l.campaign_target, l.segment_no, (SELECT MAX(entry_no) FROM logged_segment),
          l.evaluation, l.attempt_failed, l.todo_no, l.salesperson_code, NULL, 0, l.correspondence_type,
          l.contact_alt_address_code, l.contact_via, l.send_word_doc_as_attmt, l.opportunity_no, 0,
          l.word_template_code, l.merged
        FROM segment_line l
        WHERE l.segment_no = 'SEG-B' AND l.contact_no IS NOT NULL
        ORDER BY l.line_no;
        DELETE FROM segment_line WHERE segment_no = 'SEG-B';
        DELETE FROM segment_interaction_language WHERE segment_no = 'SEG-B';
        DELETE FROM segment_header WHERE no = 'SEG-B';
        COMMIT;

        """

    /// `restore_A.sql`: SEG-A's added lines go.
    public static let restoreA = """
        DELETE FROM segment_line WHERE segment_no = 'SEG-A' AND line_no > (SELECT a_max_line FROM bench_base);

        """

    /// `restore_B.sql`: the logged entries and segment go, SEG-B comes back from the saved copies.
    public static let restoreB = """
        BEGIN;
        DELETE FROM interaction_log_entry WHERE entry_no > (SELECT max_ile FROM bench_base);
        DELETE FROM logged_segment WHERE entry_no > (SELECT max_logged FROM bench_base);
        INSERT INTO segment_header SELECT * FROM bench_saved_header WHERE no = 'SEG-B';
        INSERT INTO segment_interaction_language SELECT * FROM bench_saved_language WHERE segment_no = 'SEG-B';
        INSERT INTO segment_line SELECT * FROM bench_saved_line WHERE segment_no = 'SEG-B';
        COMMIT;

        """

    /// `verify_A.sql`'s count: the lines A added.
    public static let verifyA =
        "SELECT (SELECT COUNT(*) FROM segment_line WHERE segment_no = 'SEG-A') - a_lines FROM bench_base;\n"

    /// `verify_B.sql`'s first count: the entries B logged (its other counts follow from them in one transaction).
    public static let verifyB =
        "SELECT COUNT(*) FROM interaction_log_entry WHERE entry_no > (SELECT max_ile FROM bench_base);\n"
}
