import Foundation
import RapportCore
import Testing

@testable import RapportPostgres
@testable import RapportStorage

/// Several instances starting together on one fresh database: the advisory lock lets one migrate while the
/// others wait, and they then find nothing left to run.
@Suite(
    "Migrating from several instances at once",
    .enabled(
        if: ProcessInfo.processInfo.environment["RAPPORT_TEST_POSTGRES"] != nil
            || ProcessInfo.processInfo.environment["RAPPORT_REQUIRE_TOOLS"] == "1",
        "needs RAPPORT_TEST_POSTGRES"))
struct ConcurrentMigrationTests {
    @Test func threeInstancesStartingTogetherMigrateOnce() async throws {
        let server = try #require(
            ProcessInfo.processInfo.environment["RAPPORT_TEST_POSTGRES"],
            "RAPPORT_TEST_POSTGRES is not set, and RAPPORT_REQUIRE_TOOLS=1 requires it")
        let schema = "c_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let url = server + (server.contains("?") ? "&" : "?") + "search_path=" + schema
        let ran = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<3 {
                group.addTask {
                    let database = try await PostgresDatabase(url: url)
                    let names = try await Migrator.migrate(database)
                    try await database.close()
                    return names
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let all = Migrator.migrations(for: .postgres).map(\.name)
        #expect(ran.filter { $0 == all }.count == 1)
        #expect(ran.filter(\.isEmpty).count == 2)
        let database = try await PostgresDatabase(url: url)
        let recorded = try await database.read { connection in
            try connection.query("SELECT name FROM schema_migration", []).map { $0.text("name") }
        }
        try await database.close()
        #expect(recorded.count == all.count)
        #expect(Set(recorded) == Set(all))
    }
}
