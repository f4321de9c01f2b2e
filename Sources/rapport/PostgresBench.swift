import Foundation
import RapportApp
import RapportCore
import RapportDemo
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
    /// A `CHECKPOINT` before each timed write, Rapport's and psql's.
    let checkpoint: PostgresCheckpoint

    init(
        url: String, data: String, work: String, contacts: Int, withBaselines: Bool, withSegments: Bool, runs: Int,
        report: BenchReport
    ) {
        (self.url, self.data, self.work, self.contacts) = (url, data, work, contacts)
        (self.withBaselines, self.withSegments, self.runs, self.report) = (withBaselines, withSegments, runs, report)
        checkpoint = PostgresCheckpoint(url: url)
    }

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
            String(
                format: "  of which settling the loaded tables (VACUUM, ANALYZE): %.1f s",
                Date().timeIntervalSince(settling))
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
        try await segmentsAndLog(services)
        try await DeliveryBench(
            services: services, report: report, backend: "postgres", beforeRun: checkpoint.beforeRun
        ).run()
        // What this section wrote would otherwise be vacuumed and checkpointed in the background during the SQLite
        // rows that follow.
        say("Settling PostgreSQL before the SQLite rows (VACUUM ANALYZE, CHECKPOINT; not timed)...")
        checkpoint.settle()
    }

    /// `sql/load.sql`'s contact statements (`.import` becomes `\copy`, the same `INSERT … SELECT`) into
    /// `sql/schema.sql`'s contact tables, then the export as one `\copy (SELECT …) TO` (no counterpart in
    /// `sql/`: it writes what Rapport's export writes, lists joined by `;`).
    func baselines() throws {
        say("Running the psql baselines (load, export)...")
        try psql("DROP SCHEMA IF EXISTS \(baselineSchema) CASCADE")
        try psql("CREATE SCHEMA \(baselineSchema)")
        try psql(PostgresBaselineSQL.contactSchema)
        var started = Date()
        try psql(PostgresBaselineSQL.loadContacts, folder: data)
        report.add(
            "psql-load", "psql: \\copy + INSERT … SELECT of load.sql (contacts and their lists)",
            seconds: [Date().timeIntervalSince(started)], rows: contacts, backend: "postgres")
        started = Date()
        try psql(PostgresBaselineSQL.export(to: work + "/export-psql.csv"))
        report.add(
            "psql-export", "psql: \\copy (SELECT … string_agg …) TO file", seconds: [Date().timeIntervalSince(started)],
            rows: contacts, backend: "postgres")
    }

    /// `sql/bench_C.sql`'s DELETE (Reduce by PROMO) run by psql on Rapport's own tables of this run, in a
    /// transaction it rolls back, `runs` times: the hand-written statement on the same rows as `pg-reduce`.
    func reduceBaseline() throws {
        var seconds: [Double] = []
        for _ in 0..<max(1, runs) {
            checkpoint.beforeRun()
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
}
