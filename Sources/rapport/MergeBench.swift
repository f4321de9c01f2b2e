import Foundation
import RapportCore
import RapportDemo
import RapportDocuments

/// Merging letters against the Python docx-mailmerge peer, on its own template and data, in the same run.
struct MergeBench {
    let benchDirectory: String
    /// Whether the peer (`mailmerge_baseline.py` of `../shared/bench`) is there to run.
    let hasPeer: Bool
    let data: String
    /// Where the template and its data are: written by the peer, or by `BenchDemoData`.
    let folder: String
    let work: String
    let letters: Int
    let archiveLetters: Int
    let report: BenchReport

    func run() throws {
        var baseline: Double?
        if !hasPeer {
            say("  the docx-mailmerge peer of \(benchDirectory) is not here: Rapport's figures only")
        } else {
            runPeer(&baseline)
        }
        try runRapport(baseline: baseline)
    }

    private func runPeer(_ baseline: inout Double?) {
        do {
            say("Running docx-mailmerge on \(letters) letters (the peer)...")
            try BenchData.run(
                "/usr/bin/env",
                ["python3", "\(benchDirectory)/mailmerge_baseline.py", "--count", String(letters), "--skip-single"],
                environment: ["RAPPORT_BENCH_WORK": work, "RAPPORT_BENCH_DATA": data])
            baseline = try Self.lettersPerSecond(folder + "/mailmerge_results.tsv")
        } catch {
            say("  the peer did not run (pip install docx-mailmerge python-docx): \(error)")
        }
    }

    private func runRapport(baseline: Double?) throws {
        let template = folder + "/letter_template.docx"
        let csv = folder + "/merge_data.csv"
        guard FileManager.default.fileExists(atPath: template) else {
            say("  no template at \(template); skipping the merge benchmark")
            return
        }
        let output = work + "/rapport-letters"
        try? FileManager.default.removeItem(atPath: output)
        let files = try MergeBenchmark.run(template: template, csv: csv, count: letters, outputFolder: output)
        try? FileManager.default.removeItem(atPath: output)
        let rate = Double(files.letters) / files.seconds
        report.add(
            "merge", "Merge \(files.letters) letters, one .docx file each", seconds: [files.seconds],
            rows: files.letters,
            target: baseline.map { .throughput(peerPerSecond: $0, atLeast: 10, perSecond: rate) } ?? .none)
        let archivePath = work + "/rapport-letters.zip"
        let archive = try MergeBenchmark.runArchive(
            template: template, csv: csv, count: archiveLetters, outputPath: archivePath)
        try? FileManager.default.removeItem(atPath: archivePath)
        report.add(
            "merge-archive", "Merge \(archive.letters) letters into one streamed ZIP", seconds: [archive.seconds],
            rows: archive.letters)
        say(
            String(
                format: "  peak RSS after merging: %.0f MB (target < 300 MB: %@)", peakMegabytes(),
                peakMegabytes() < 300 ? "met" : "MISSED"))
    }

    static func lettersPerSecond(_ path: String) throws -> Double? {
        let tsv = try String(contentsOfFile: path, encoding: .utf8)
        for line in tsv.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: "\t")
            if cells.count > 5, cells[0] == "per-contact" { return Double(cells[5]) }
        }
        return nil
    }
}
