import Foundation
import Testing

@testable import RapportServer

#if canImport(FoundationNetworking)
import FoundationNetworking
import RapportCore
#endif

/// Kills the real server process in the middle of logging a 100,000-line segment and checks that a
/// restart finds the segment intact and nothing logged.
@Suite("Crash recovery")
struct CrashRecoveryTests {
    static let token = "crash-test-token"

    final class Server: @unchecked Sendable {
        let process = Process()
        let port: Int

        /// Starts `rapport serve` on port 0 and returns once it listens, with the port it says it got.
        static func start(db: String) async throws -> Server {
            try await offPool { try Server(db: db) }
        }

        private init(db: String) throws {
            process.executableURL = CLITests.packageRoot.appendingPathComponent(".build/debug/rapport")
            process.arguments = [
                "serve", "--db", db, "--port", "0", "--admin-token", CrashRecoveryTests.token, "--no-delivery",
            ]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            port = try Self.listeningPort(output.fileHandleForReading)
            // Keep reading what the server prints, so it never blocks on a full pipe.
            Thread { while !output.fileHandleForReading.availableData.isEmpty {} }.start()
        }

        /// Reads the server's output up to "Rapport is listening on http://host:port"; its end instead means the
        /// server exited.
        static func listeningPort(_ handle: FileHandle) throws -> Int {
            let marker = "Rapport is listening on http://127.0.0.1:"
            var text = ""
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                text += String(decoding: chunk, as: UTF8.self)
                if let start = text.range(of: marker), let end = text[start.upperBound...].firstIndex(of: "\n") {
                    guard let port = Int(text[start.upperBound..<end]) else { break }
                    return port
                }
            }
            throw SMTPSinkError(message: "the server exited before listening: \(text)")
        }

        @discardableResult
        func request(
            _ method: String, _ path: String, _ body: String? = nil, timeout: TimeInterval = 300
        ) async throws
            -> (Int, [String: Any])
        {
            let url = try #require(URL(string: "http://127.0.0.1:\(port)\(path)"))
            var request = URLRequest(url: url, timeoutInterval: timeout)
            request.httpMethod = method
            request.setValue("Bearer \(CrashRecoveryTests.token)", forHTTPHeaderField: "Authorization")
            request.httpBody = body.map { Data($0.utf8) }
            let (data, response) = try await URLSession.shared.data(for: request)
            let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, json)
        }

        func kill() {
            Foundation.kill(process.processIdentifier, SIGKILL)
            _ = process.waitForExit()
        }
    }

    /// Waits, at most 30 s, until another connection writes to the SQLite database at `path`, and then at once
    /// sends SIGKILL to process `pid`; false if none wrote.
    ///
    /// The `sqlite3` shell runs `BEGIN IMMEDIATE; ROLLBACK;` back to back from a file, without waiting, and stops
    /// at the first one refused ("locked"). One shell for thousands of tries: a shell started for every try, 50 ms
    /// apart, missed the Log's write transaction on a loaded machine, and the Log finished before any kill. The
    /// kill is sent from this thread the moment the shell is refused: handing the news back to a test task first
    /// waited for a cooperative thread, and on a loaded machine the Log committed meanwhile (one full run).
    static func killOnceAWriterHolds(_ path: String, pid: Int32) throws -> Bool {
        let script = NSTemporaryDirectory() + "rapport-writer-\(UUID().uuidString).sql"
        try String(repeating: "BEGIN IMMEDIATE; ROLLBACK;\n", count: 20_000).write(
            toFile: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: script) }
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let shell = Process()
            shell.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            shell.arguments = ["sqlite3", "-bail", path]
            shell.standardInput = FileHandle(forReadingAtPath: script)
            let errors = Pipe()
            shell.standardError = errors
            shell.standardOutput = FileHandle.nullDevice
            try shell.run()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            if shell.waitForExit() != 0, message.contains("locked") {
                Foundation.kill(pid, SIGKILL)
                return true
            }
        }
        return false
    }

    @Test func aKillDuringLoggingLeavesTheSegmentIntactAndUnlogged() async throws {
        let folder = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = folder + "/crash.sqlite"
        let count = 100_000
        var csv = "no,type,name,salespersonCode\n"
        for index in 1...count { csv += "K\(String(format: "%06d", index)),company,Company \(index),JO\n" }
        try csv.write(toFile: folder + "/contacts.csv", atomically: true, encoding: .utf8)
        try #"{"salespeople": [{"code": "JO"}], "interactionTemplates": [{"code": "LETTER", "description": "Letter"}]}"#
            .write(toFile: folder + "/master.json", atomically: true, encoding: .utf8)
        #expect(try await CLITests.rapport(["import", "masterdata", folder + "/master.json", "--db", db]).status == 0)
        #expect(try await CLITests.rapport(["import", "contacts", folder + "/contacts.csv", "--db", db]).status == 0)

        let first = try await Server.start(db: db)
        try await first.request(
            "POST", "/api/v1/segments", #"{"no": "BIG", "description": "Big", "interactionTemplateCode": "LETTER"}"#)
        let (added, addAnswer) = try await first.request("POST", "/api/v1/segments/BIG/add-contacts", "{}")
        #expect(added == 200)
        #expect(addAnswer["noOfLines"] as? Int == count)

        let logging = Task { try? await first.request("POST", "/api/v1/segments/BIG/log", "{}").0 }
        // The kill comes once the Log's transaction holds the database (another writer is refused), not after a
        // set time: nothing else writes meanwhile, and Log holds it until its commit.
        let pid = first.process.processIdentifier
        let writing = try await offPool { try Self.killOnceAWriterHolds(db, pid: pid) }
        #expect(writing, "the Log never took the database")
        first.kill()
        let answer = await logging.value
        #expect(answer == nil, "the log finished before the kill; the test did not test a crash")

        let second = try await Server.start(db: db)
        defer { second.kill() }
        let (_, logged) = try await second.request("GET", "/api/v1/logged-segments")
        #expect((logged["items"] as? [Any])?.isEmpty == true)
        let (_, entries) = try await second.request("GET", "/api/v1/interaction-log-entries")
        #expect((entries["items"] as? [Any])?.isEmpty == true)
        let (_, campaignEntries) = try await second.request("GET", "/api/v1/campaign-entries")
        #expect((campaignEntries["items"] as? [Any])?.isEmpty == true)
        let (status, header) = try await second.request("GET", "/api/v1/segments/BIG")
        #expect(status == 200)
        #expect(header["noOfLines"] as? Int == count)
        #expect(header["noOfCriteriaActions"] as? Int == 1)
        let (_, relogged) = try await second.request("POST", "/api/v1/segments/BIG/log", "{}")
        #expect(relogged["interactionsLogged"] as? Int == count)
    }
}
