import Foundation
import RapportPostgres
import Testing

/// The PostgreSQL server the tests may use: `scripts/test` starts a throwaway cluster and names it in
/// `RAPPORT_TEST_POSTGRES`. Without it the PostgreSQL tests are skipped and say so, except under
/// `RAPPORT_REQUIRE_TOOLS=1` (set by `scripts/test`), where they run and fail for want of a server.
enum TestPostgres {
    static let url = ProcessInfo.processInfo.environment["RAPPORT_TEST_POSTGRES"]
    static let isRequired = ProcessInfo.processInfo.environment["RAPPORT_REQUIRE_TOOLS"] == "1"
    /// Whether the PostgreSQL tests run: a server is named, or one is required.
    static let isConfigured = url != nil || isRequired
    static let skipReason: Comment = "PostgreSQL is not configured: set RAPPORT_TEST_POSTGRES to a postgres:// URL"

    /// A database in a schema of its own, empty.
    static func database() async throws -> PostgresDatabase {
        let server = try #require(url, "RAPPORT_TEST_POSTGRES is not set, and RAPPORT_REQUIRE_TOOLS=1 requires it")
        let schema = "m_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        return try await PostgresDatabase(url: server + (server.contains("?") ? "&" : "?") + "search_path=" + schema)
    }
}
