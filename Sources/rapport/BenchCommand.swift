import ArgumentParser
import Foundation
import RapportApp
import RapportCore
import RapportDemo
import RapportServer
import RapportStorage

/// `rapport bench`: the performance figures of the product, each next to its baseline from
/// `../shared/bench/`, measured in the same run on the same data. Build with `-c release`.
/// Without `../shared/bench` (a clone on its own) it generates equivalent data from the demo company
/// (`BenchDemoData`) and reports its figures without the baselines.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Run the benchmarks (build with -c release).")

    @Option(help: "Number of contacts in the generated data set.") var contacts = 1_000_000
    @Option(help: "Timed runs per operation (after one warm-up).") var runs = 3
    @Option(name: .customLong("bench-dir"), help: "The folder with gen_contacts.py and the baselines.")
    var benchDirectory = "../shared/bench"
    @Option(help: "Work folder for generated data and databases.")
    var work = ProcessInfo.processInfo.environment["RAPPORT_BENCH_WORK"] ?? "/tmp/rapport-bench"
    @Flag(help: "Skip the baseline (sqlite3 shell) runs.") var skipBaseline = false
    @Option(help: "Letters merged against docx-mailmerge (one file each).") var letters = 10_000
    @Option(help: "Letters merged into one ZIP, for memory.") var archiveLetters = 100_000
    @Option(
        help: "A postgres:// URL: also import and export on PostgreSQL (in a schema of its own), with psql baselines.")
    var db: String?
    @Flag(help: "Only the contact import and export (no merge, segment or logging figures).") var contactsOnly = false
    @Option(help: "E-mails sent to a local SMTP sink (scripts/mail_bench.py; 0 skips it).") var mails = 10_000
    @Flag(help: "Only the e-mail figure.") var mailOnly = false
    @Flag(
        help:
            "Only the hard-copy delivery row, on the bench database already there (SQLite, or --db's schema when given)."
    )
    var deliveryOnly = false
    @Flag(
        help:
            "With --delivery-only: log (and forget) the 100,000-line segment B first, as the full run does just before the delivery row."
    )
    var afterLog = false
    @Flag(
        help:
            "Only the segment rows (Add, Preview, Reduce, Refine), on the bench database already there (SQLite, or --db's schema when given: then also the 100,000-line Log, and psql's A, B and C unless --skip-baseline)."
    )
    var segmentsOnly = false
    @Option(help: "Also write every row (figure, reference, ratio, target, backend) to this JSON file.")
    var json: String?

    func validate() throws {
        if let db, !db.hasPrefix("postgres://"), !db.hasPrefix("postgresql://") {
            throw ValidationError("--db takes a postgres:// URL (the SQLite figures always run).")
        }
    }

    func run() async throws {
        try await runReportingErrors {
            if mailOnly {
                let report = BenchReport()
                try MailBench(count: mails, report: report).run()
                if let db { try MailBench(count: mails, report: report, db: db).run() }
                try finish(report)
                return
            }
            if deliveryOnly {
                try await runDeliveryOnly()
                return
            }
            if segmentsOnly {
                try await runSegmentsOnly()
                return
            }
            let hasShared = FileManager.default.fileExists(atPath: benchDirectory + "/gen_contacts.py")
            let data = work + (hasShared ? "/data-\(contacts)" : "/data-demo-\(contacts)")
            let mergeFolder = work + (hasShared ? "/mailmerge" : "/mailmerge-demo-\(contacts)")
            if hasShared {
                try BenchData.generate(contacts: contacts, into: data, benchDirectory: benchDirectory)
            } else {
                say("\(benchDirectory) is not here: generating the data from the demo company; no baselines.")
                try BenchDemoData.generate(
                    contacts: contacts, into: data, mergeFolder: mergeFolder, mergeRows: max(letters, 1),
                    writeMasterData: MasterDataFile.write, say: say)
            }
            let report = BenchReport()
            // Merging first, so its peak memory is its own, before the database work.
            if !contactsOnly {
                try MergeBench(
                    benchDirectory: benchDirectory, hasPeer: hasShared, data: data, folder: mergeFolder, work: work,
                    letters: letters, archiveLetters: archiveLetters, report: report
                ).run()
            }
            let services = try await importContacts(data: data, report: report)
            try await exportContacts(services, report: report)
            say(String(format: "  peak RSS after the SQLite import and export: %.0f MB", peakMegabytes()))
            if let db {
                try await PostgresBench(
                    url: db, data: data, work: work, contacts: contacts, withBaselines: hasShared && !skipBaseline,
                    withSegments: !contactsOnly, runs: runs, report: report
                ).run()
            }
            if contactsOnly {
                try finish(report)
                return
            }
            try await SegmentBench(services: services, runs: runs, report: report).run()
            try await LogBench(services: services, runs: runs, report: report, contacts: contacts).run()
            try await DeliveryBench(services: services, report: report, backend: "sqlite").run()
            if mails > 0 { try MailBench(count: mails, report: report).run() }
            if !skipBaseline && hasShared {
                let baseline = try BenchBaseline.run(
                    benchDirectory: benchDirectory, data: data, work: work + "/baseline-\(contacts)",
                    contacts: contacts,
                    runs: runs)
                report.compare(baseline)
            }
            try finish(report)
        }
    }

    /// Prints the table and, with `--json`, writes the file.
    func finish(_ report: BenchReport) throws {
        report.print(peakMegabytes: peakMegabytes())
        if let json { try report.writeJSON(to: json, peakMegabytes: peakMegabytes()) }
    }

    /// `--delivery-only`: the delivery row on the database an earlier run left (it gains SEG-D's entries).
    func runDeliveryOnly() async throws {
        let report = BenchReport()
        let services: RapportServices
        if let db {
            services = try await DatabaseOpener.open(
                db + (db.contains("?") ? "&" : "?") + "search_path=" + PostgresBench.schema(contacts: contacts))
        } else {
            services = try await DatabaseOpener.open(try existingDatabase())
        }
        var beforeRun: @Sendable () -> Void = {}
        var settle: @Sendable () -> Void = {}
        if let db {
            let checkpoint = PostgresCheckpoint(url: db)
            let schema = PostgresBench.schema(contacts: contacts)
            beforeRun = { checkpoint.beforeRun() }
            settle = { checkpoint.settleLogTables(in: schema) }
        }
        if afterLog {
            try await LogBench(
                services: services, runs: runs, report: report, contacts: contacts,
                backend: db == nil ? "sqlite" : "postgres", beforeRun: beforeRun, settle: settle
            ).run()
        }
        try await DeliveryBench(
            services: services, report: report, backend: db == nil ? "sqlite" : "postgres", forgetsAfterwards: true,
            beforeRun: beforeRun
        ).run()
        try finish(report)
    }

    /// `--segments-only`: the segment rows on the SQLite bench database an earlier run left, or with `--db` on
    /// the PostgreSQL bench schema an earlier `--db` run imported, with the Log and the psql baselines there.
    func runSegmentsOnly() async throws {
        let report = BenchReport()
        if let db {
            let services = try await DatabaseOpener.open(
                db + (db.contains("?") ? "&" : "?") + "search_path=" + PostgresBench.schema(contacts: contacts))
            let hasShared = FileManager.default.fileExists(atPath: benchDirectory + "/gen_contacts.py")
            try await PostgresBench(
                url: db, data: work + "/data-\(contacts)", work: work, contacts: contacts,
                withBaselines: hasShared && !skipBaseline, withSegments: true, runs: runs, report: report
            ).segmentsAndLog(services)
        } else {
            let services = try await DatabaseOpener.open(try existingDatabase())
            try await SegmentBench(services: services, runs: runs, report: report).run()
        }
        try finish(report)
    }

    /// The SQLite bench database an earlier run left in `work`.
    func existingDatabase() throws -> String {
        let path = work + "/rapport-bench-\(contacts).sqlite"
        guard FileManager.default.fileExists(atPath: path) else {
            throw RapportError(.unavailable, "\(path) is not there: run rapport bench once without --delivery-only.")
        }
        return path
    }

    /// A fresh database, its master data, and the contacts through Rapport's own importer (timed).
    func importContacts(data: String, report: BenchReport) async throws -> RapportServices {
        let databasePath = work + "/rapport-bench-\(contacts).sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: databasePath + suffix) }
        let services = try await DatabaseOpener.open(databasePath)
        let master = try Data(contentsOf: URL(fileURLWithPath: data + "/rapport_masterdata.json"))
        _ = try await services.masterDataImporter.importDocument(
            try MasterDataFile.read([UInt8](master)), by: .commandLine)
        say("Importing \(contacts) contacts...")
        let started = Date()
        let result = try await ContactImportProgress.run(services.contactImporter, file: data + "/rapport_contacts.csv")
        // Nothing on SQLite; called as `rapport import` does, so both backends' figures include the same steps.
        await ContactImportProgress.settle(services.contactImporter, result)
        let seconds = Date().timeIntervalSince(started)
        report.add(
            "import", "Import \(contacts) contacts (CSV, one transaction)", seconds: [seconds], rows: result.created,
            target: .absolute(seconds: 45.0 * Double(contacts) / 1_000_000))
        report.compare(["SQLite import": seconds])
        return services
    }

    /// Every contact through Rapport's exporter into a file (timed): the figure PostgreSQL's is held to.
    func exportContacts(_ services: RapportServices, report: BenchReport) async throws {
        let started = Date()
        let count = try await services.contactExporter.export(filters: [], toFile: work + "/export-sqlite.csv")
        let seconds = Date().timeIntervalSince(started)
        report.add("export", "Export \(contacts) contacts (CSV)", seconds: [seconds], rows: count)
        report.compare(["SQLite export": seconds])
    }
}

/// Peak resident memory of this process, from getrusage.
func peakMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// The memory one piece of work adds at its peak, on Linux: the process's peak is reset to what it holds now
/// (`/proc/self/clear_refs`), so an earlier import's peak does not hide the work's own. nil elsewhere.
struct PeakMemory {
    let residentBefore: Double
    /// The heap part of it (the rest is mostly the pages of the SQLite file mapped in, `mmap_size`).
    let anonymousBefore: Double

    init?() {
        guard let clear = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return nil }
        defer { try? clear.close() }
        guard (try? clear.write(contentsOf: Data("5".utf8))) != nil,
            let resident = Self.status("VmRSS")
        else { return nil }
        residentBefore = resident
        anonymousBefore = Self.status("RssAnon") ?? 0
    }

    /// How far above the memory held before the work its peak went, in MB.
    var grown: Double { max(0, (Self.status("VmHWM") ?? residentBefore) - residentBefore) }

    /// A `kB` line of `/proc/self/status`, in MB.
    static func status(_ key: String) -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
            return line.split(separator: " ").dropFirst().first.flatMap { Double($0) }.map { $0 / 1024 }
        }
        return nil
    }
}
