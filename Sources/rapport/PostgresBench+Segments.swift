import Foundation
import RapportCore
import RapportDemo
import RapportServer

/// The segment rows and the 100,000-line Log on PostgreSQL, each beside `psql` running the hand-written
/// statement on the same data: A (Add Contacts) and B (Log) in the baseline schema, built from
/// `PostgresBaselineSQL` (the repository's PostgreSQL translation of `../shared/bench/sql/`), C (Reduce) on
/// Rapport's own SEG-C.
extension PostgresBench {
    func segmentsAndLog(_ services: RapportServices) async throws {
        if withBaselines { try prepareSegmentBaselines() }
        let checkpoint = self.checkpoint
        let schema = self.schema
        try await SegmentBench(
            services: services, runs: runs, report: report, backend: "postgres", beforeRun: checkpoint.beforeRun,
            settle: {
                say("Analysing the segment tables, as psql's set-up does (VACUUM ANALYZE, CHECKPOINT; not timed)...")
                checkpoint.settleSegmentTables(in: schema)
            }
        ).run()
        if withBaselines {
            try addBaseline()
            try reduceBaseline()
        }
        var log = LogBench(
            services: services, runs: runs, report: report, contacts: contacts, backend: "postgres",
            beforeRun: checkpoint.beforeRun, settle: { checkpoint.settleLogTables(in: schema) })
        // psql's B takes turns with Rapport's, both before the million-line Log, whose entries autovacuum would be
        // vacuuming during either.
        if withBaselines {
            let bench = self
            log.turnAbout = {
                try bench.baselineRun(
                    PostgresBaselineSQL.logSegment, verify: PostgresBaselineSQL.verifyB,
                    restore: PostgresBaselineSQL.restoreB)
            }
        }
        let psqlB = try await log.runB()
        if withBaselines {
            report.add(
                "psql-B", "psql: bench_B.sql's Log of SEG-B (one transaction), turn about with Rapport's",
                seconds: psqlB.seconds, rows: psqlB.rows, backend: "postgres")
            report.compare(["psql B": BenchReport.median(psqlB.seconds)])
        }
        try await log.runAll()
    }

    /// The baseline schema's segment and log tables, history and segments (not timed), unless an earlier run
    /// left them; the contacts first when this run did not load them (`--segments-only`).
    func prepareSegmentBaselines() throws {
        if try psqlOutput("SELECT to_regclass('bench_base') IS NOT NULL;\n") == "t" {
            say("The psql baseline schema \(baselineSchema) is there from an earlier run: reusing its segments.")
            return
        }
        if try psqlOutput("SELECT to_regclass('contact') IS NOT NULL;\n") != "t" {
            say("Loading the contacts into the psql baseline schema (not timed)...")
            try psql("DROP SCHEMA IF EXISTS \(baselineSchema) CASCADE; CREATE SCHEMA \(baselineSchema);\n")
            try psql(PostgresBaselineSQL.contactSchema)
            try psql(PostgresBaselineSQL.loadContacts, folder: data)
        }
        say("Setting up the psql baselines' history and segments SEG-A, SEG-B, SEG-C (not timed)...")
        try psql(PostgresBaselineSQL.segmentSchema)
        try psql(PostgresBaselineSQL.history, folder: data)
        try psql(PostgresBaselineSQL.setupSegments)
    }

    /// `bench_A.sql` in psql: one warm-up, then `runs` timed runs, each followed by `restore_A.sql`.
    func addBaseline() throws {
        let (seconds, rows) = try timedBaseline(
            PostgresBaselineSQL.addContacts, verify: PostgresBaselineSQL.verifyA,
            restore: PostgresBaselineSQL.restoreA)
        report.add(
            "psql-A", "psql: bench_A.sql's INSERT … SELECT on SEG-A (Add Contacts, 3 filters)", seconds: seconds,
            rows: rows, backend: "postgres")
        report.compare(["psql A": BenchReport.median(seconds)])
    }

    /// Times the psql process running `script` (as C is timed), counts what it did with `verify` and puts the
    /// state back with `restore`, untimed.
    func timedBaseline(_ script: String, verify: String, restore: String) throws -> ([Double], Int) {
        var seconds: [Double] = []
        var rows = 0
        for run in 0...max(1, runs) {
            let (taken, done) = try baselineRun(script, verify: verify, restore: restore)
            if run > 0 { seconds.append(taken) }
            rows = done
        }
        return (seconds, rows)
    }

    /// One run of `timedBaseline`: its seconds and rows.
    func baselineRun(_ script: String, verify: String, restore: String) throws -> (seconds: Double, rows: Int) {
        checkpoint.beforeRun()
        let started = Date()
        try psql(script)
        let seconds = Date().timeIntervalSince(started)
        let rows = Int(try psqlOutput(verify)) ?? 0
        try psql(restore)
        return (seconds, rows)
    }

    func psql(_ script: String, folder: String? = nil) throws {
        _ = try psqlOutput(script, folder: folder)
    }

    /// Runs `script` in psql on the baseline schema and returns what it printed (unaligned, tuples only), trimmed.
    func psqlOutput(_ script: String, folder: String? = nil) throws -> String {
        let file = work + "/psql-script.sql"
        let settings = "SET client_min_messages TO warning;\nSET search_path TO \(baselineSchema);\n"
        try (settings + script).write(toFile: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-X", "-q", "-tA", "-v", "ON_ERROR_STOP=1", "-f", file, url]
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        guard process.waitForExit() == 0 else {
            throw RapportError(.unavailable, "psql failed on \(file).")
        }
        return String(decoding: printed, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
