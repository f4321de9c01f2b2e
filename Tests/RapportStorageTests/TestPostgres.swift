import Foundation
import RapportPostgres
import Testing

/// The PostgreSQL server the tests may use: `scripts/test` starts a throwaway cluster and names it in
/// `RAPPORT_TEST_POSTGRES`. Without it, the PostgreSQL tests are skipped and say so.
enum TestPostgres {
    static let url = ProcessInfo.processInfo.environment["RAPPORT_TEST_POSTGRES"]
    static let isConfigured = url != nil
    static let skipReason: Comment = "PostgreSQL is not configured: set RAPPORT_TEST_POSTGRES to a postgres:// URL"

    /// A database in a schema of its own, empty.
    static func database() async throws -> PostgresDatabase {
        let server = url ?? ""
        let schema = "m_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        return try await PostgresDatabase(url: server + (server.contains("?") ? "&" : "?") + "search_path=" + schema)
    }
}
