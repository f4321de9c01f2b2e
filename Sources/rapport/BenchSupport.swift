import Foundation
import RapportCore
import RapportDemo

/// The benchmark data set: `gen_contacts.py` and `to_rapport_import.py`, generated once per size.
enum BenchData {
    static let seed = "20240611"

    static func generate(contacts: Int, into folder: String, benchDirectory: String) throws {
        if FileManager.default.fileExists(atPath: folder + "/rapport_contacts.csv") { return }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        say("Generating \(contacts) contacts into \(folder)...")
        try run(
            "/usr/bin/env", ["python3", "\(benchDirectory)/gen_contacts.py", "--n", String(contacts), "--out", folder])
        try run("/usr/bin/env", ["python3", "\(benchDirectory)/to_rapport_import.py", "--data", folder])
        // The baseline script reuses data generated with the same parameters.
        try "n=\(contacts) seed=\(seed)\n".write(toFile: folder + "/.params", atomically: true, encoding: .utf8)
    }

    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw RapportError(.unavailable, "\(arguments.joined(separator: " ")) failed.")
        }
    }
}

/// The hand-written SQL of `../shared/bench/sql/` in the sqlite3 shell, on the same data.
enum BenchBaseline {
    /// Median "shell" seconds per baseline (A, B, C).
    static func run(
        benchDirectory: String, data: String, work: String, contacts: Int, runs: Int
    ) throws
        -> [String: Double]
    {
        say("Running the sqlite3 baselines (A, B, C)...")
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        try BenchData.run(
            "/usr/bin/env",
            ["bash", "\(benchDirectory)/sqlite_baseline.sh", "--n", String(contacts), "--runs", String(runs)],
            environment: ["RAPPORT_BENCH_WORK": work, "RAPPORT_BENCH_DATA": data])
        let tsv = try String(contentsOfFile: work + "/sqlite_runs.tsv", encoding: .utf8)
        var times: [String: [Double]] = [:]
        for line in tsv.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: "\t")
            guard cells.count > 2, let seconds = Double(cells[2]) else { continue }
            times[String(cells[0]), default: []].append(seconds)
        }
        return times.mapValues(BenchReport.median)
    }
}

/// Collects the figures and prints them with their baselines and targets.
final class BenchReport: @unchecked Sendable {
    enum Target {
        case absolute(seconds: Double)
        case ratio(baseline: String, atMost: Double)
        /// Letters per second against a peer's: at least `atLeast` times as many.
        case throughput(peerPerSecond: Double, atLeast: Double, perSecond: Double)
        case none
    }

    struct Figure {
        var key: String
        var label: String
        var seconds: [Double]
        var rows: Int
        var target: Target
    }

    private(set) var figures: [Figure] = []
    private var baseline: [String: Double] = [:]

    func add(_ key: String, _ label: String, seconds: [Double], rows: Int, target: Target = .none) {
        figures.append(Figure(key: key, label: label, seconds: seconds, rows: rows, target: target))
        let median = Self.median(seconds)
        say(String(format: "  %@: %.3f s median of %d (rows %d)", label, median, seconds.count, rows))
    }

    func compare(_ baseline: [String: Double]) {
        self.baseline.merge(baseline) { $1 }
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1
            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    func print(peakMegabytes: Double) {
        say(
            "\nRapport benchmark (medians; ratios against the sqlite3-shell baseline of ../shared/bench, same data, same run,"
                + " when it ran)"
        )
        say("| operation | rows | seconds | baseline | ratio | target |")
        say("|---|---|---|---|---|---|")
        for figure in figures {
            let seconds = Self.median(figure.seconds)
            var baselineText = "", ratioText = "", targetText = ""
            switch figure.target {
            case .absolute(let limit):
                targetText = String(format: "< %.0f s: %@", limit, seconds < limit ? "met" : "MISSED")
            case .ratio(let key, let limit):
                if let base = baseline[key] {
                    let ratio = seconds / base
                    baselineText = String(format: "%@ %.3f s", key, base)
                    ratioText = String(format: "%.2fx", ratio)
                    targetText = String(format: "≤ %.1fx: %@", limit, ratio <= limit ? "met" : "MISSED")
                } else {
                    targetText = String(format: "≤ %.1fx of %@ (baseline not run)", limit, key)
                }
            case .throughput(let peer, let factor, let rate):
                baselineText = String(format: "peer %.1f letters/s", peer)
                ratioText = String(format: "%.1fx (%.0f letters/s)", rate / peer, rate)
                targetText = String(format: "≥ %.0fx: %@", factor, rate / peer >= factor ? "met" : "MISSED")
            case .none: break
            }
            say(
                String(
                    format: "| %@ | %d | %.3f | %@ | %@ | %@ |", figure.label, figure.rows, seconds, baselineText,
                    ratioText, targetText))
        }
        say(String(format: "Peak RSS of the whole run: %.0f MB", peakMegabytes))
    }
}
