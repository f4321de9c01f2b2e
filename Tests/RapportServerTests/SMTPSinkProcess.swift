import Foundation
import RapportCore
import Testing

@testable import RapportServer

/// Sends through a real SMTP server (Python aiosmtpd, `scripts/smtp_sink.py`) on 127.0.0.1.
///
/// The sink binds port 0 and prints the port it got once it answers SMTP; creating one blocks on that line,
/// so no test connects before the sink is ready (waiting on a guessed port and a ready file for a fixed time
/// gave "connection refused" when the guess was taken or the machine was slow).
final class SMTPSinkProcess: @unchecked Sendable {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let process = Process()
    let folder: String
    let port: Int

    /// Starts a sink off the cooperative pool (its start-up waits for Python to print the port).
    static func start(auth: String? = nil, tls: [String] = [], extra: [String] = []) async throws -> SMTPSinkProcess {
        try await offPool { try SMTPSinkProcess(auth: auth, tls: tls, extra: extra) }
    }

    private init(auth: String?, tls: [String], extra: [String]) throws {
        folder = NSTemporaryDirectory() + "rapport-smtp-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let errors = folder + "/sink.log"
        guard FileManager.default.createFile(atPath: errors, contents: nil) else {
            throw SMTPSinkError(message: "could not create the sink's log \(errors)")
        }
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["python3", Self.packageRoot.appendingPathComponent("scripts/smtp_sink.py").path, folder]
            + (auth.map { ["--auth", $0] } ?? []) + tls + extra
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
        try process.run()
        // The first line is the port; end of file instead means the sink died, and its log says why.
        var line: [UInt8] = []
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let port = Int(text) else {
            let status = process.waitForExit()
            let log = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
            throw SMTPSinkError(message: "the SMTP sink did not start (exit \(status)): \(log)")
        }
        self.port = port
    }

    func messages() throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        return try names.filter { $0.hasSuffix(".eml") }.sorted().map {
            try String(contentsOfFile: folder + "/" + $0, encoding: .utf8)
        }
    }

    /// The Message-ID of each accepted message, in the order received.
    func messageIDs() throws -> [String] {
        let text = (try? String(contentsOfFile: folder + "/receipts.log", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ")
            return parts.count > 1 ? String(parts[1]) : nil
        }
    }

    func stop() {
        kill(process.processIdentifier, SIGKILL)
        _ = process.waitForExit()
        try? FileManager.default.removeItem(atPath: folder)
    }
}

/// The SMTP sink could not be started.
struct SMTPSinkError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
