import RapportCore
import Testing

@testable import RapportServer
@testable import RapportStorage

/// The contact import tunes the connection it writes on: on SQLite 256 MB page caches for its transaction
/// (`ContactImportStaging.enlargeCaches`) and, for a first load's index builds, two sorting threads and a small cache
/// (`DeferredSchema.restore`); on PostgreSQL more working memory for its transaction alone. Every later write shares
/// that connection, so whatever the import's outcome, it must get back the settings it had.
@Suite("The contact import gives its connection's settings back")
struct ContactImportSettingsTests {
    /// The settings of the connection writes run on, by name.
    func settings(_ store: Store) async throws -> [String] {
        try await store.write("read the settings") { connection in
            let names =
                connection.dialect == .sqlite
                ? ["main.cache_size", "temp.cache_size", "threads"]
                : ["work_mem", "maintenance_work_mem"]
            return try names.map { name in
                let value =
                    connection.dialect == .sqlite
                    ? try connection.scalar("PRAGMA \(name)")?.intValue.map(String.init)
                    : try connection.scalar("SELECT current_setting(?)", [.text(name)])?.textValue
                return "\(name)=\(value ?? "none")"
            }
        }
    }

    @Test func afterARefusedAFirstAndALaterImport() async throws {
        try await withAPI { api, services in
            try await seedContactMasterData(api)
            let before = try await settings(services.store)
            #expect(before.count == (services.store.dialect == .sqlite ? 3 : 2))
            #expect(!before.contains { $0.hasSuffix("=none") }, "\(before)")
            // The import's own values are not the connection's.
            #expect(!before.contains("main.cache_size=-262144") && !before.contains("threads=2"), "\(before)")

            let refused = try await importCSV(api, "no,type,mailingGroups\nC1,company,GHOST\n")
            #expect(refused.status == 422, "\(refused.text)")
            #expect(try await settings(services.store) == before)

            // Into empty tables: the first load, whose indexes are built at the end.
            let first = try await importCSV(api, "no,type,mailingGroups\nC1,company,NEWS\nP1,person,NEWS\n")
            #expect(first.status == 200, "\(first.text)")
            #expect(first.json["created"]?.number == 2)
            #expect(try await settings(services.store) == before)

            let later = try await importCSV(api, "no,type,mailingGroups\nC2,company,NEWS\n")
            #expect(later.status == 200, "\(later.text)")
            #expect(later.json["created"]?.number == 1)
            #expect(try await settings(services.store) == before)
        }
    }
}
