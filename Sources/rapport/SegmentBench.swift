import Foundation
import RapportCore
import RapportDemo
import RapportServer
import RapportStorage

/// Add, Reduce, Refine, Preview and Go Back on segments shaped like the baseline's.
struct SegmentBench: BackendFigures {
    let services: RapportServices
    let runs: Int
    let report: BenchReport
    /// `postgres` runs the same rows on PostgreSQL under keys starting `pg-`, Reduce held to psql's C.
    var backend = "sqlite"
    /// Runs before each timed run of a write, untimed (`PostgresCheckpoint` on PostgreSQL).
    var beforeRun: @Sendable () -> Void = {}
    /// Runs once the segments are set up, untimed: on PostgreSQL the `ANALYZE` that psql's set-up ends with too.
    var settle: @Sendable () -> Void = {}

    /// Add Contacts with the baseline's three filters (A): salesperson JO|RB, mailing group NEWS,
    /// company industry group RETAIL.
    static let addFilters = [
        "contact": ["salespersonCode": "JO|RB"], "mailingGroups": ["code": "NEWS"],
        "industryGroups": ["code": "RETAIL"],
    ]
    static let promo = ["mailingGroups": ["code": "PROMO"]]

    func run() async throws {
        say("Setting up SEG-A (1,000 lines) and SEG-C (100,000 lines)...")
        _ = try await BenchmarkFixtures.seedSegment(
            "SEG-A", templateCode: "LETTER", modulo: 1000, remainder: 7, store: services.store)
        let seeded = try await BenchmarkFixtures.seedSegment(
            "SEG-C", templateCode: "LETTER", modulo: 10, remainder: 6, store: services.store)
        say("  SEG-C has \(seeded) lines.")
        settle()
        let add = CriteriaAction(kind: .add, filters: try SegmentFilters.parse(Self.addFilters))
        try await measure(
            add, on: "SEG-A", key: "add", label: "Add Contacts, 3 filters (A)",
            baseline: baseline("A"), limit: 1.5)
        try await measurePreview(add, on: "SEG-A")
        let reduce = CriteriaAction(kind: .reduce, filters: try SegmentFilters.parse(Self.promo))
        try await measure(
            reduce, on: "SEG-C", key: "reduce", label: "Reduce 100,000 lines by PROMO (C)",
            baseline: baseline("C"), limit: 1.5)
        let refine = CriteriaAction(kind: .refine, filters: try SegmentFilters.parse(Self.promo))
        try await measure(
            refine, on: "SEG-C", key: "refine", label: "Refine 100,000 lines by PROMO", baseline: nil,
            limit: nil)
    }

    /// Runs the action and its Go Back, one warm-up then `runs` timed times.
    func measure(
        _ action: CriteriaAction, on segment: String, key: String, label: String, baseline: String?,
        limit: Double?
    ) async throws {
        var actionSeconds: [Double] = []
        var backSeconds: [Double] = []
        var rows = 0
        for run in 0...runs {
            beforeRun()
            let started = Date()
            let outcome = try await services.segmentCriteria.run(action, on: Segment.No(segment), resetCriteria: false)
            let middle = Date()
            _ = try await services.segmentCriteria.goBack(Segment.No(segment))
            let ended = Date()
            rows = outcome.linesAdded + outcome.linesRemoved
            if run > 0 {
                actionSeconds.append(middle.timeIntervalSince(started))
                backSeconds.append(ended.timeIntervalSince(middle))
            }
        }
        let target: BenchReport.Target = baseline.map { .ratio(baseline: $0, atMost: limit ?? 1.5) } ?? .none
        report.add(
            prefix + key, labelPrefix + label, seconds: actionSeconds, rows: rows, target: target, backend: backend)
        report.add(
            prefix + key + "-back", labelPrefix + "Go Back of: \(label)", seconds: backSeconds, rows: rows,
            backend: backend)
    }

    /// The worksheet's live count (counts only), against Add in the same run; then the API's preview with
    /// its sample in line order, which sorts every candidate.
    func measurePreview(_ action: CriteriaAction, on segment: String) async throws {
        for withSample in [false, true] {
            var seconds: [Double] = []
            var rows = 0
            for run in 0...runs {
                let started = Date()
                let preview = try await services.segmentCriteria.preview(
                    action, on: Segment.No(segment), withSample: withSample)
                if run > 0 { seconds.append(Date().timeIntervalSince(started)) }
                rows = Int(preview.count)
            }
            if withSample {
                report.add(
                    prefix + "preview-sample", labelPrefix + "Preview of Add Contacts (A) with its sample",
                    seconds: seconds, rows: rows, backend: backend)
            } else {
                report.add(
                    prefix + "preview", labelPrefix + "Preview of Add Contacts (A): the live count", seconds: seconds,
                    rows: rows, target: .share(of: prefix + "add", atMost: 0.25, under: 0.150), backend: backend)
            }
        }
    }
}

/// Log (B): a 100,000-line segment against the baseline, and a 1,000,000-line one for memory and for the lists
/// read beside a million entries.
struct LogBench: BackendFigures {
    let services: RapportServices
    let runs: Int
    let report: BenchReport
    let contacts: Int
    /// `postgres` runs the same rows on PostgreSQL under keys starting `pg-`, B held to psql's B.
    var backend = "sqlite"
    /// Runs before each timed Log, untimed (`PostgresCheckpoint` on PostgreSQL).
    var beforeRun: @Sendable () -> Void = {}
    /// Runs after a million entries were logged or forgotten, untimed: on PostgreSQL the VACUUM and checkpoint they
    /// call for, which would otherwise run in the background during the next timed rows.
    var settle: @Sendable () -> Void = {}
    /// Runs after each of Rapport's runs of B, the warm-up included, and gives its seconds and rows: on PostgreSQL
    /// one run of psql's B, so that the two take turns and a drift of the machine's speed falls on both alike.
    var turnAbout: (@Sendable () throws -> (seconds: Double, rows: Int))?
    static let user = ActingUser(userId: "BENCH", role: .admin)

    func run() async throws {
        try await runB()
        try await runAll()
    }

    /// B, `runs` times after a warm-up, each Log forgotten before the next. Returns the timed runs of `turnAbout`.
    @discardableResult
    func runB() async throws -> (seconds: [Double], rows: Int) {
        // Every run leaves SEG-M logged with its 1,000,000 entries. A later run on the same database
        // (`--delivery-only --after-log`) forgets them first: B is then logged beside the same entries as in the full
        // run, and SEG-M can be logged again (it failed as already logged before).
        if try await BenchmarkFixtures.forgetLog(of: "SEG-M", store: services.store) > 0 { settle() }
        var seconds: [Double] = []
        var rows = 0
        var turns: (seconds: [Double], rows: Int) = ([], 0)
        for run in 0...runs {
            _ = try await BenchmarkFixtures.seedSegment(
                "SEG-B", templateCode: "LETTER", modulo: 10, remainder: 3, salespersonCode: "JO", store: services.store)
            beforeRun()
            let started = Date()
            let outcome = try await services.logger.log("SEG-B", send: false, createFollowUp: false, by: Self.user)
            if run > 0 { seconds.append(Date().timeIntervalSince(started)) }
            rows = outcome.interactionsLogged
            try await BenchmarkFixtures.forgetLog(of: "SEG-B", store: services.store)
            if let turn = try turnAbout?() {
                if run > 0 { turns.seconds.append(turn.seconds) }
                turns.rows = turn.rows
            }
        }
        // issue 13: ≤ 1.1x B with the frozen documents
        report.add(
            prefix + "log", labelPrefix + "Log a 100,000-line segment (B, whole transaction)", seconds: seconds,
            rows: rows, target: .ratio(baseline: baseline("B"), atMost: 1.1), backend: backend)
        return turns
    }

    /// The whole base in one segment, logged once (left logged), then the lists beside its entries.
    func runAll() async throws {
        say("Setting up a \(contacts)-line segment...")
        _ = try await BenchmarkFixtures.seedSegment(
            "SEG-M", templateCode: "LETTER", modulo: 1, remainder: 0, salespersonCode: "JO", store: services.store)
        beforeRun()
        let memory = PeakMemory()
        let started = Date()
        let outcome = try await services.logger.log("SEG-M", send: false, createFollowUp: false, by: Self.user)
        let elapsed = Date().timeIntervalSince(started)
        report.add(
            prefix + "log-all", labelPrefix + "Log a \(contacts)-line segment", seconds: [elapsed],
            rows: outcome.interactionsLogged, backend: backend)
        if let memory {
            say(
                String(
                    format: "  its peak RSS: %.0f MB above the %.0f MB held before it (target < 300 MB: %@); "
                        + "heap (RssAnon) %.0f MB before, %.0f MB after",
                    memory.grown, memory.residentBefore, memory.grown < 300 ? "met" : "MISSED",
                    memory.anonymousBefore, PeakMemory.status("RssAnon") ?? 0))
        } else {
            say(String(format: "  peak RSS of the process so far: %.0f MB", peakMegabytes()))
        }
        settle()
        try await measureLists()
    }

    /// The logged segments' first page and the statistics of the template every bench segment uses, beside every
    /// entry logged so far (the 1,000,000-line Log's among them): both read counters kept with the rows they count,
    /// never the entries (issue 13: under 20 ms at a million entries).
    func measureLists() async throws {
        let entries = try await BenchmarkFixtures.entryCount(store: services.store)
        var listed: [Double] = []
        var counted: [Double] = []
        for run in 0...runs {
            let started = Date()
            _ = try await services.logged.loggedSegments.list(ListQuery())
            let middle = Date()
            _ = try await services.statistics.statistics(.template, code: "LETTER", dateFilter: nil)
            if run > 0 {
                listed.append(middle.timeIntervalSince(started))
                counted.append(Date().timeIntervalSince(middle))
            }
        }
        report.add(
            prefix + "logged-list", labelPrefix + "Logged segments list (first page) at \(entries) entries",
            seconds: listed, rows: entries, target: .absolute(seconds: 0.020), backend: backend)
        report.add(
            prefix + "statistics", labelPrefix + "Statistics of template LETTER at \(entries) entries",
            seconds: counted, rows: entries, target: .absolute(seconds: 0.020), backend: backend)
    }
}

/// A figure's key and label say which database it was measured on: SQLite's have none, PostgreSQL's start `pg-`
/// and "PostgreSQL: ".
protocol BackendFigures {
    var backend: String { get }
}

extension BackendFigures {
    var prefix: String { backend == "sqlite" ? "" : "pg-" }
    var labelPrefix: String { backend == "sqlite" ? "" : "PostgreSQL: " }
    /// The name a row's hand-written reference is compared under: the sqlite3 shell's, or psql's on PostgreSQL.
    func baseline(_ name: String) -> String { backend == "sqlite" ? name : "psql " + name }
}
