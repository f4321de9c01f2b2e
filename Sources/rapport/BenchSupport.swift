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
        guard process.waitForExit() == 0 else {
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
