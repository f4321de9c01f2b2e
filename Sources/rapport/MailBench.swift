import Foundation
import RapportCore

/// The e-mail figure: `scripts/mail_bench.py` logs `count` e-mails with send on a fresh database and times this
/// binary's `rapport serve` delivering them, unpaced, to a local aiosmtpd sink offering PIPELINING, counting each
/// Message-ID at the sink (issue 13: ≥ 1,000/s, every one exactly once).
struct MailBench {
    var count: Int
    var report: BenchReport
    /// A postgres:// URL: the run uses a fresh schema of that server instead of a SQLite file.
    var db: String? = nil

    func run() throws {
        let script = "scripts/mail_bench.py"
        guard FileManager.default.fileExists(atPath: script) else {
            say("\(script) is not here (run the bench from the repository): no e-mail figure.")
            return
        }
        say("Sending \(count) e-mails to a local SMTP sink...")
        let process = Process()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, String(count)] + (db.map { ["--db", $0] } ?? [])
        var environment = ProcessInfo.processInfo.environment
        environment["RAPPORT_BINARY"] = Bundle.main.executablePath ?? CommandLine.arguments[0]
        process.environment = environment
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let status = process.waitForExit()
        let line = text.split(separator: "\n").last { $0.hasPrefix("mail:") }.map(String.init) ?? text
        say("  " + line)
        // "mail: Q queued, N e-mails in S s = R/s, ..."
        guard let seconds = Self.number(before: " s =", in: line),
            let sent = Self.number(before: " e-mails in", in: line)
        else { return }
        let exactly = status == 0 ? "each once" : "NOT each once"
        report.add(
            db == nil ? "mail" : "mail-postgres",
            String(
                format: "Send %d e-mails to a local SMTP sink (%.0f/s, %@; target ≥ 1,000/s: %@)", Int(sent),
                sent / seconds, exactly, sent / seconds >= 1000 ? "met" : "MISSED"),
            seconds: [seconds], rows: Int(sent), backend: db == nil ? "sqlite" : "postgres")
    }

    /// The number just before `marker` in `line`.
    static func number(before marker: String, in line: String) -> Double? {
        guard let range = line.range(of: marker) else { return nil }
        let head = line[..<range.lowerBound]
        return Double(head.split(separator: " ").last.map(String.init) ?? "")
    }
}
