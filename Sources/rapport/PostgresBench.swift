import Foundation
import RapportApp
import RapportCore
import RapportServer

/// `rapport bench --db postgres://…`: the contact import and export on PostgreSQL, next to the same run's
/// SQLite figures (target: at most 1.5 times SQLite's time), and `psql` running the hand-written
/// statements on the same data as PostgreSQL's own baseline.
struct PostgresBench {
    let url: String
    let data: String
    let work: String
    let contacts: Int
    /// The psql baselines read `gen_contacts.py`'s files, which demo-generated data does not have.
    let withBaselines: Bool
    /// Whether to run the segment, Log and hard-copy delivery rows on PostgreSQL too.
    let withSegments: Bool
    let runs: Int
    let report: BenchReport

    /// A schema of its own per run, so the bench never touches an installation's tables.
    var schema: String { Self.schema(contacts: contacts) }
    static func schema(contacts: Int) -> String { "rapport_bench_\(contacts)" }
    var baselineSchema: String { "rapport_bench_psql_\(contacts)" }

    func run() async throws {
        try psql("DROP SCHEMA IF EXISTS \(schema) CASCADE")
        let services = try await DatabaseOpener.open(url + (url.contains("?") ? "&" : "?") + "search_path=" + schema)
        let master = try Data(contentsOf: URL(fileURLWithPath: data + "/rapport_masterdata.json"))
        _ = try await services.masterDataImporter.importDocument(
            try MasterDataFile.read([UInt8](master)), by: .commandLine)
        say("Importing \(contacts) contacts into PostgreSQL...")
        var started = Date()
        let imported = try await ContactImportProgress.run(
            services.contactImporter, file: data + "/rapport_contacts.csv")
        // The VACUUM `rapport import` and the server run once the outcome is recorded, counted in the import.
        let settling = Date()
        await ContactImportProgress.settle(services.contactImporter, imported)
        say(
            String(format: "  of which settling the loaded tables (VACUUM): %.1f s", Date().timeIntervalSince(settling))
        )
        report.add(
            "pg-import", "PostgreSQL: import \(contacts) contacts (CSV, one transaction)",
            seconds: [Date().timeIntervalSince(started)], rows: imported.created,
            target: .ratio(baseline: "SQLite import", atMost: 1.5), backend: "postgres")
        started = Date()
        let exported = try await services.contactExporter.export(filters: [], toFile: work + "/export-postgres.csv")
        report.add(
            "pg-export", "PostgreSQL: export \(contacts) contacts (CSV)", seconds: [Date().timeIntervalSince(started)],
            rows: exported, target: .ratio(baseline: "SQLite export", atMost: 1.5), backend: "postgres")
        say(String(format: "  peak RSS after the PostgreSQL import and export: %.0f MB", peakMegabytes()))
        if withBaselines { try baselines() }
        guard withSegments else { return }
        try await SegmentBench(services: services, runs: runs, report: report, backend: "postgres").run()
        if withBaselines { try reduceBaseline() }
        try await LogBench(services: services, runs: runs, report: report, contacts: contacts, backend: "postgres")
            .run()
        try await DeliveryBench(services: services, report: report, backend: "postgres").run()
    }

    /// `sql/load.sql`'s contact statements (`.import` becomes `\copy`, the same `INSERT … SELECT`) into
    /// `sql/schema.sql`'s contact tables, then the export as one `\copy (SELECT …) TO` (no counterpart in
    /// `sql/`: it writes what Rapport's export writes, lists joined by `;`).
    func baselines() throws {
        say("Running the psql baselines (load, export)...")
        try psql("DROP SCHEMA IF EXISTS \(baselineSchema) CASCADE")
        try psql("CREATE SCHEMA \(baselineSchema)")
        try psql(Self.schemaSQL)
        var started = Date()
        try psql(Self.loadSQL, folder: data)
        report.add(
            "psql-load", "psql: \\copy + INSERT … SELECT of load.sql (contacts and their lists)",
            seconds: [Date().timeIntervalSince(started)], rows: contacts, backend: "postgres")
        started = Date()
        try psql(Self.exportSQL(to: work + "/export-psql.csv"))
        report.add(
            "psql-export", "psql: \\copy (SELECT … string_agg …) TO file", seconds: [Date().timeIntervalSince(started)],
            rows: contacts, backend: "postgres")
    }

    /// `sql/bench_C.sql`'s DELETE (Reduce by PROMO) run by psql on Rapport's own tables of this run, in a
    /// transaction it rolls back, `runs` times: the hand-written statement on the same rows as `pg-reduce`.
    func reduceBaseline() throws {
        var seconds: [Double] = []
        for _ in 0..<max(1, runs) {
            let started = Date()
            try psql(
                """
                SET search_path TO \(schema);
                BEGIN;
                DELETE FROM segment_line WHERE segment_no = 'SEG-C'
                  AND contact_no IN (SELECT contact_no FROM contact_mailing_group WHERE code = 'PROMO');
                ROLLBACK;

                """)
            seconds.append(Date().timeIntervalSince(started))
        }
        report.add(
            "psql-C", "psql: bench_C.sql's DELETE on the same SEG-C (rolled back)", seconds: seconds, rows: 0,
            backend: "postgres")
        report.compare(["psql C": BenchReport.median(seconds)])
    }

    func psql(_ script: String, folder: String? = nil) throws {
        let file = work + "/psql-script.sql"
        let settings = "SET client_min_messages TO warning;\nSET search_path TO \(baselineSchema);\n"
        try (settings + script).write(toFile: file, atomically: true, encoding: .utf8)
        let command = (folder.map { "cd '\($0)' && " } ?? "") + "psql -X -q -v ON_ERROR_STOP=1 -f '\(file)' '\(url)'"
        try BenchData.run("/usr/bin/env", ["bash", "-c", command])
    }

    static let links = [
        "contact_mailing_group", "contact_industry_group", "contact_business_relation", "contact_job_responsibility",
    ]

    static var schemaSQL: String {
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
            }.joined(separator: "\n")
    }

    static var loadSQL: String {
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

    static func exportSQL(to path: String) -> String {
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
