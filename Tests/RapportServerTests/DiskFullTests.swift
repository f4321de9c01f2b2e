import Foundation
import RapportCore
import RapportDocuments
import Testing

@testable import RapportServer

/// A 1 MiB tmpfs mounted on a folder of its own (it needs root), to fill up: the server's temporary directory
/// for one test.
struct TinyDisk {
    let folder: String
    static let filler = "filler"

    /// Whether this machine lets the tests mount a tmpfs (root, in a container allowed to mount).
    static let canMount: Bool = {
        guard let disk = try? TinyDisk() else { return false }
        disk.unmount()
        return true
    }()

    init(megabytes: Int = 1) throws {
        folder = NSTemporaryDirectory() + "rapport-disk-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        guard Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", folder]) else {
            try? FileManager.default.removeItem(atPath: folder)
            throw CocoaError(.fileWriteNoPermission)
        }
    }

    static func run(_ program: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        return process.waitForExit() == 0
    }

    /// Writes a filler file until the disk refuses more: afterwards every write there fails.
    func fill() throws {
        let path = folder + "/" + Self.filler
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        defer { try? handle.close() }
        let chunk = Data(count: 64 * 1024)
        var full = false
        for _ in 0..<1024 where !full {
            do {
                try handle.write(contentsOf: chunk)
            } catch {
                full = true
            }
        }
        #expect(full, "the disk did not fill up")
    }

    /// Removes the filler: the disk has room again.
    func free() {
        try? FileManager.default.removeItem(atPath: folder + "/" + Self.filler)
    }

    /// The files on the disk besides the filler (and a database kept there).
    var strayFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter {
            $0 != Self.filler && !$0.hasPrefix("rapport.sqlite")
        }.sorted()
    }

    func unmount() {
        _ = Self.run("/bin/umount", [folder])
        try? FileManager.default.removeItem(atPath: folder)
    }
}

@Suite("A full disk", .enabled(if: TinyDisk.canMount, "mounting a 1 MiB tmpfs needs root"))
struct DiskFullTests {
    @Test func aSegmentZipOnAFullDiskIs507AndLeavesNothingBehind() async throws {
        let disk = try TinyDisk()
        defer { disk.unmount() }
        try await withAPI(configuration: ServicesConfiguration(temporaryDirectory: disk.folder)) { api, _ in
            try await seedLoggableSegment(api)
            let uploaded = try await api.uploadBytes(
                "/api/v1/segments/S1/document", try letterDocx(fields: ["ContactName"]))
            #expect(uploaded.status == 201, "\(uploaded.text)")
            try disk.fill()

            let full = try await api.get("/api/v1/segments/S1/documents")
            #expect(full.status == 507)
            #expect(full.errorCode == "insufficient_storage")
            #expect(full.json["error"]?["message"]?.string == "The disk is full: the ZIP archive could not be written.")
            #expect(disk.strayFiles == [])

            // The server stays up, and with room again the same download works.
            #expect(try await api.get("/health").status == 200)
            disk.free()
            let archive = try await api.binary("/api/v1/segments/S1/documents")
            #expect(archive.status == 200)
            #expect(try ZIPReader(bytes: archive.bytes).entries.count == 3)
        }
    }

    @Test func aContactImportOnAFullDiskIs507AndImportsNothing() async throws {
        let disk = try TinyDisk()
        defer { disk.unmount() }
        try await withAPI(configuration: ServicesConfiguration(temporaryDirectory: disk.folder)) { api, _ in
            try await seedSegmentWorld(api)
            let before = try await api.get("/api/v1/contacts?limit=1000").json["items"]?.array?.count
            #expect(before == 8)
            try disk.fill()

            let csv = "no,type,name\nN1,company,Nova Ltd\nN2,company,Nadir Ltd\n"
            let full = try await api.call(.post, "/api/v1/contacts/import", csv, contentType: "text/csv")
            #expect(full.status == 507)
            #expect(full.errorCode == "insufficient_storage")
            #expect(full.json["error"]?["message"]?.string == "The disk is full: the CSV import could not be written.")
            #expect(disk.strayFiles == [])
            let export = try await api.get("/api/v1/contacts/export")
            #expect(export.status == 507)
            #expect(disk.strayFiles == [])

            // Nothing was imported, the server answers, and with room again the import goes through.
            #expect(try await api.get("/api/v1/contacts?limit=1000").json["items"]?.array?.count == before)
            disk.free()
            let imported = try await api.call(.post, "/api/v1/contacts/import", csv, contentType: "text/csv")
            #expect(imported.status == 200, "\(imported.text)")
            #expect(imported.json["created"]?.number == 2)
        }
    }

    /// The SQLite database itself on the full disk: the import's transaction fails and is rolled back.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["RAPPORT_TEST_BACKEND"] != "postgres", "a SQLite file"))
    func aContactImportIntoADatabaseOnAFullDiskIs507AndImportsNothing() async throws {
        let disk = try TinyDisk(megabytes: 8)
        defer { disk.unmount() }
        try await withAPI(location: disk.folder + "/rapport.sqlite") { api, _ in
            try await seedSegmentWorld(api)
            try disk.fill()

            let rows = (1...200).map { "N\($0),company,Company number \($0) \(String(repeating: "x", count: 200))" }
            let csv = "no,type,name\n" + rows.joined(separator: "\n") + "\n"
            let full = try await api.call(.post, "/api/v1/contacts/import", csv, contentType: "text/csv")
            #expect(full.status == 507)
            #expect(full.errorCode == "insufficient_storage")
            #expect(full.json["error"]?["message"]?.string == "The database's disk is full: nothing was written.")
            #expect(try await api.get("/api/v1/contacts?limit=1000").json["items"]?.array?.count == 8)

            disk.free()
            let imported = try await api.call(.post, "/api/v1/contacts/import", csv, contentType: "text/csv")
            #expect(imported.status == 200, "\(imported.text)")
            #expect(imported.json["created"]?.number == 200)
        }
    }
}
