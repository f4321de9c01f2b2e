import Foundation
import RapportServer

/// Collects the figures, prints them with their baselines and targets, and writes them as JSON (`--json`).
final class BenchReport: @unchecked Sendable {
    enum Target {
        case absolute(seconds: Double)
        case ratio(baseline: String, atMost: Double)
        /// Letters per second against a peer's: at least `atLeast` times as many.
        case throughput(peerPerSecond: Double, atLeast: Double, perSecond: Double)
        /// At least `atLeast` rows per second, beside a rate measured in the same run (`reference`, named
        /// `referenceLabel`): the ratio is this figure's rate over the reference's.
        case rate(atLeast: Double, reference: Double?, referenceLabel: String)
        /// At most `atMost` times the row `of` (same backend, same run) and under `under` seconds.
        case share(of: String, atMost: Double, under: Double)
        case none
    }

    struct Figure {
        var key: String
        var label: String
        var seconds: [Double]
        var rows: Int
        var target: Target
        var backend: String
    }

    private(set) var figures: [Figure] = []
    private var baseline: [String: Double] = [:]

    func add(
        _ key: String, _ label: String, seconds: [Double], rows: Int, target: Target = .none,
        backend: String = "sqlite"
    ) {
        figures.append(
            Figure(key: key, label: label, seconds: seconds, rows: rows, target: target, backend: backend))
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

    /// One figure judged against its target, as the table and the JSON file show it.
    func result(_ figure: Figure) -> BenchResultsFile.Row {
        let seconds = Self.median(figure.seconds)
        var row = BenchResultsFile.Row(
            key: figure.key, label: figure.label, backend: figure.backend, rows: figure.rows, seconds: seconds,
            runs: figure.seconds.count)
        row.samples = figure.seconds
        switch figure.target {
        case .absolute(let limit):
            row.target = String(format: "< %g s", limit)
            row.met = seconds < limit
        case .ratio(let key, let limit):
            row.target = String(format: "≤ %.1fx %@", limit, key)
            guard let base = baseline[key] else {
                row.target += " (baseline not run)"
                break
            }
            row.reference = String(format: "%@ %.3f s", key, base)
            row.referenceValue = base
            row.ratio = seconds / base
            row.met = seconds / base <= limit
        case .throughput(let peer, let factor, let rate):
            row.reference = String(format: "peer %.1f letters/s", peer)
            row.referenceValue = peer
            row.ratio = rate / peer
            row.target = String(format: "≥ %.0fx the peer", factor)
            row.met = rate / peer >= factor
        case .rate(let atLeast, let reference, let label):
            let rate = seconds > 0 ? Double(figure.rows) / seconds : 0
            row.target = String(format: "≥ %.0f/s", atLeast)
            row.met = rate >= atLeast
            if let reference {
                row.reference = String(format: "%@ %.0f/s", label, reference)
                row.referenceValue = reference
                row.ratio = rate / reference
            }
        case .share(let key, let limit, let under):
            row.target = String(format: "≤ %.2fx %@, < %.0f ms", limit, key, under * 1000)
            guard let other = figures.first(where: { $0.key == key && $0.backend == figure.backend }) else {
                row.target += " (reference not run)"
                break
            }
            let base = Self.median(other.seconds)
            row.reference = String(format: "%@ %.3f s", key, base)
            row.referenceValue = base
            row.ratio = base > 0 ? seconds / base : nil
            row.met = base > 0 && seconds / base <= limit && seconds < under
        case .none: break
        }
        return row
    }

    func print(peakMegabytes: Double) {
        say(
            "\nRapport benchmark (medians; ratios against the sqlite3-shell baseline of ../shared/bench, same data, same run,"
                + " when it ran, or against the reference named)"
        )
        say("| operation | rows | seconds | rows/s | reference | ratio | target | backend |")
        say("|---|---|---|---|---|---|---|---|")
        for row in figures.map(result) {
            let rate = row.seconds > 0 ? Double(row.rows) / row.seconds : 0
            let met = row.met.map { $0 ? ": met" : ": MISSED" } ?? ""
            say(
                String(
                    format: "| %@ | %d | %.3f | %.0f | %@ | %@ | %@ | %@ |", row.label, row.rows, row.seconds, rate,
                    row.reference, row.ratio.map { String(format: "%.2fx", $0) } ?? "",
                    row.target.isEmpty ? "" : row.target + met, row.backend))
        }
        say(String(format: "Peak RSS of the whole run: %.0f MB", peakMegabytes))
    }

    /// Writes every row to `path` as JSON.
    func writeJSON(to path: String, peakMegabytes: Double) throws {
        let bytes = BenchResultsFile.write(figures.map(result), peakMegabytes: peakMegabytes)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        say("Results written to \(path)")
    }
}
