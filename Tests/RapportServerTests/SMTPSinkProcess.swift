import Foundation

/// Sends through a real SMTP server (Python aiosmtpd) on 127.0.0.1.
final class SMTPSinkProcess: @unchecked Sendable {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let process = Process()
    let folder: String
    let port: Int

    init(auth: String? = nil, tls: [String] = []) throws {
        port = Int.random(in: 30_000...50_000)
        folder = NSTemporaryDirectory() + "rapport-smtp-\(UUID().uuidString)"
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            [
                "python3", Self.packageRoot.appendingPathComponent("scripts/smtp_sink.py").path,
                String(port), folder,
            ] + (auth.map { ["--auth", $0] } ?? []) + tls
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: folder + "/ready") {
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    func messages() throws -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return try names.filter { $0.hasSuffix(".eml") }.sorted().map {
            try String(contentsOfFile: folder + "/" + $0, encoding: .utf8)
        }
    }

    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: folder)
    }
}
