import Foundation
import RapportCore
import Testing

@testable import RapportServer

/// Runs the built `rapport` executable as a user would and checks its output and exit codes.
@Suite("Command line")
struct CLITests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    struct Outcome {
        var status: Int32
        var output: String
        var error: String
    }

    static func rapport(_ arguments: [String]) async throws -> Outcome {
        try await offPool { try run(arguments) }
    }

    /// Runs `rapport` and waits for it on the calling thread: only through `offPool`.
    private static func run(_ arguments: [String]) throws -> Outcome {
        let binary = packageRoot.appendingPathComponent(".build/debug/rapport")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        return Outcome(
            status: process.waitForExit(), output: String(decoding: outData, as: UTF8.self),
            error: String(decoding: errData, as: UTF8.self))
    }

    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "rapport-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func importExportAndUsersFromTheCommandLine() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = folder + "/r.sqlite"
        let master = folder + "/master.json"
        try #"{"salespeople": [{"code": "JO", "name": "Jo"}], "mailingGroups": ["NEWS"]}"#
            .write(toFile: master, atomically: true, encoding: .utf8)
        let loaded = try await Self.rapport(["import", "masterdata", master, "--db", db])
        #expect(loaded.status == 0, "\(loaded.error)")
        #expect(loaded.output.contains("1 salespeople, 1 mailingGroups"))

        let csv = folder + "/contacts.csv"
        try "no,type,name,salespersonCode,mailingGroups,phoneNo\nC1,company,\"Ænima & <Co>\",JO,NEWS,+45 1\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let imported = try await Self.rapport(["import", "contacts", csv, "--db", db])
        #expect(imported.status == 0, "\(imported.error)")
        #expect(imported.output.contains("1 created, 0 updated"))

        let exported = try await Self.rapport(["export", "contacts", "--db", db])
        #expect(exported.status == 0)
        #expect(exported.output.contains("C1,company,Ænima & <Co>,C1,Ænima & <Co>"))
        #expect(exported.output.contains("'+45 1"))

        let user = try await Self.rapport([
            "user", "create", "ann", "--role", "marketer", "--password", "long enough", "--db", db,
        ])
        #expect(user.status == 0, "\(user.error)")
        #expect(user.output.contains("Created user ANN (marketer)"))
        #expect(user.output.split(separator: "\n").last?.hasPrefix("rpt_") == true)
    }

    @Test func serveStopsCleanlyOnSIGTERMWithExitZero() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let process = Process()
        process.executableURL = Self.packageRoot.appendingPathComponent(".build/debug/rapport")
        // Port 0: the server binds a free port and prints it; the delivery worker runs, as in production.
        process.arguments = ["serve", "--db", folder + "/r.sqlite", "--port", "0", "--admin-token", "t"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let reader = output.fileHandleForReading
        let printed = try await offPool {
            var printed = ""
            while !printed.contains("Rapport is listening on http://") {
                let chunk = reader.availableData
                if chunk.isEmpty { break }  // The server ended before it listened.
                printed += String(decoding: chunk, as: UTF8.self)
            }
            return printed
        }
        #expect(printed.contains("Rapport is listening on http://127.0.0.1:"), "\(printed)")
        #expect(!printed.contains("127.0.0.1:0\n"))
        process.terminate()  // SIGTERM
        // 0: it exited by itself, not ended by the signal (that would be 128 + 15).
        let stopped = try await offPool { [process] in process.waitForExit() }
        #expect(stopped == 0)
    }

    @Test func misuseGetsAClearMessageAndASysexitsCode() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = folder + "/r.sqlite"
        let bad = folder + "/bad.csv"
        try "no,type,salespersonCode\nC1,company,GHOST\nC2,robot,\n".write(
            toFile: bad, atomically: true, encoding: .utf8)
        let refused = try await Self.rapport(["import", "contacts", bad, "--db", db])
        #expect(refused.status == 65)
        #expect(refused.error.contains("row 2, salespersonCode: Salesperson 'GHOST' does not exist."))
        #expect(refused.error.contains("row 3, type"))

        let badRole = try await Self.rapport(["user", "create", "bob", "--role", "boss", "--db", db])
        #expect(badRole.status == 64)
        #expect(badRole.error.contains("--role must be admin, marketer or viewer"))

        let noFolder = try await Self.rapport(["migrate", "--db", folder + "/missing/r.sqlite"])
        #expect(noFolder.status == 73)
        #expect(noFolder.error.contains("does not exist"))

        let postgres = try await Self.rapport(["migrate", "--db", "postgres://localhost/rapport"])
        #expect(postgres.status == 69)

        let missingFile = try await Self.rapport(["import", "contacts", folder + "/nope.csv", "--db", db])
        #expect(missingFile.status == 64)
    }
}
