import RapportCore

/// Whether the database can serve requests: it answers, and every migration this build knows has run.
public enum DatabaseReadiness: Sendable, Equatable {
    case ready
    /// Why not, in a few words for `/health/ready` (no host names or passwords: the endpoint is public).
    case unavailable(reason: String, detail: String)
}

extension Store {
    /// Reads the applied migrations in one read transaction and compares them with this build's list. A
    /// database that does not answer (a stopped server, a closed file) or that an older program left behind
    /// is not ready; the detail, for the log, says what went wrong.
    public func readiness() async -> DatabaseReadiness {
        let expected = Migrator.migrations(for: database.dialect).map(\.name)
        do {
            let applied = try await read { connection in
                Set(try connection.query("SELECT name FROM schema_migration", []).map { $0.text("name") })
            }
            let pending = expected.filter { !applied.contains($0) }
            guard pending.isEmpty else {
                return .unavailable(
                    reason: "migrations pending (\(pending.count))",
                    detail: "not applied: \(pending.joined(separator: ", "))")
            }
            return .ready
        } catch {
            return .unavailable(reason: "unreachable", detail: error.message)
        }
    }
}
