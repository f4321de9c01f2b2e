import ArgumentParser
import Foundation
import RapportCore
import RapportServer

/// `rapport bench`: the performance figures of the product, each next to its baseline where one exists.
/// Run it in release mode (`swift run -c release rapport bench`).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Run the benchmarks (build with -c release).")

    @Option(help: "Number of contacts in the generated data set.") var contacts = 1_000_000
    @Option(name: .customLong("bench-dir"), help: "The folder with gen_contacts.py and the baselines.")
    var benchDirectory = "../shared/bench"
    @Option(help: "Work folder for generated data and databases.")
    var work = ProcessInfo.processInfo.environment["RAPPORT_BENCH_WORK"] ?? "/tmp/rapport-bench"

    func run() async throws {
        try await runReportingErrors {
            let data = work + "/data-\(contacts)"
            try generate(into: data)
            let databasePath = work + "/rapport-bench-\(contacts).sqlite"
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: databasePath + suffix) }
            let services = try await DatabaseOpener.open(databasePath)
            let master = try Data(contentsOf: URL(fileURLWithPath: data + "/rapport_masterdata.json"))
            _ = try await services.masterDataImporter.importDocument(try JSONValue.parse([UInt8](master)))

            say("Import \(contacts) contacts (rapport_contacts.csv, one transaction, set-based):")
            let started = Date()
            let result = try await ContactImportProgress.run(
                services.contactImporter, file: data + "/rapport_contacts.csv")
            let seconds = Date().timeIntervalSince(started)
            let target = 120.0 * Double(contacts) / 1_000_000
            say(
                String(
                    format: "  import: %.1f s, %d created, %.0f contacts/s, peak RSS %.0f MB (target < %.0f s: %@)",
                    seconds, result.created, Double(result.created) / seconds, peakMegabytes(), target,
                    seconds < target ? "met" : "MISSED"))
        }
    }

    /// Generates the data set once per size (the generator is deterministic).
    func generate(into folder: String) throws {
        let csv = folder + "/rapport_contacts.csv"
        if FileManager.default.fileExists(atPath: csv) { return }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        say("Generating \(contacts) contacts into \(folder)...")
        try python(["\(benchDirectory)/gen_contacts.py", "--n", String(contacts), "--out", folder])
        try python(["\(benchDirectory)/to_rapport_import.py", "--data", folder])
    }

    func python(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw RapportError(.unavailable, "python3 \(arguments.joined(separator: " ")) failed.")
        }
    }
}

/// Peak resident memory of this process, from getrusage.
func peakMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}
