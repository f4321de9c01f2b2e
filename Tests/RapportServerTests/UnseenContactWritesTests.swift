import RapportCore
import Testing

@testable import RapportServer
@testable import RapportStorage

/// A contact's `change_no` is NULL while no dynamic segment has seen it since it changed. Deleting or changing its
/// interaction log entries and relation rows marks a seen contact unseen, and leaves an unseen one unwritten
/// (migration 0027): no new row version on PostgreSQL, no further change on SQLite, and its company untouched.
@Suite("Unseen contacts stay unwritten")
struct UnseenContactWritesTests {
    /// C1 seen (5) with two persons: P1 unseen, P2 seen (6); each has an entry (1 and 2) and the mailing group NEWS.
    static func seed(_ services: RapportServices) async throws {
        try await services.store.write("test set-up") { connection in
            try connection.execute("INSERT INTO mailing_group (code) VALUES ('NEWS')", [])
            try connection.execute("INSERT INTO contact (no, type, company_no) VALUES ('C1', 'company', 'C1')", [])
            for person in ["P1", "P2"] {
                try connection.execute(
                    "INSERT INTO contact (no, type, company_no) VALUES (?, 'person', 'C1')", [.text(person)])
                try connection.execute(
                    "INSERT INTO contact_mailing_group (contact_no, code) VALUES (?, 'NEWS')", [.text(person)])
            }
            try connection.execute(
                "INSERT INTO interaction_log_entry (entry_no, contact_no, user_id) VALUES (1, 'P1', 'T'), (2, 'P2', 'T')",
                [])
            // P1 stays as inserted: on SQLite, setting NULL over NULL counts as an edit and marks its company too.
            try connection.execute("UPDATE contact SET change_no = 5 WHERE no = 'C1'", [])
            try connection.execute("UPDATE contact SET change_no = 6 WHERE no = 'P2'", [])
        }
    }

    static func changeNumbers(_ store: Store) async throws -> [String] {
        try await store.read { connection in
            try connection.query("SELECT no, change_no FROM contact ORDER BY no", []).map {
                "\($0.text("no"))=\($0["change_no"].intValue.map(String.init) ?? "unseen")"
            }
        }
    }

    /// Runs `statement` and answers how many rows it wrote beyond its own on SQLite (its triggers' writes), and on
    /// PostgreSQL whether each contact got a new row version.
    static func writes(_ store: Store, _ statement: String) async throws -> [String] {
        let versions = "SELECT no, xmin::text AS version FROM contact ORDER BY no"
        let before = try await store.read { connection in
            connection.dialect == .postgres ? try connection.query(versions, []).map { $0.text("version") } : []
        }
        let triggered = try await store.write("test") { connection in
            guard connection.dialect == .sqlite else {
                _ = try connection.execute(statement, [])
                return 0
            }
            let start = try connection.scalar("SELECT total_changes()")?.intValue ?? 0
            let own = try connection.execute(statement, [])
            return Int((try connection.scalar("SELECT total_changes()")?.intValue ?? 0) - start) - own
        }
        guard store.dialect == .postgres else { return ["\(triggered) written by triggers"] }
        let after = try await store.read { connection in
            try connection.query(versions, []).map { $0.text("version") }
        }
        return zip(["C1", "P1", "P2"], zip(before, after)).filter { $1.0 != $1.1 }.map { "\($0.0) rewritten" }
    }

    @Test func deletingAnUnseenContactsEntryWritesNoContact() async throws {
        try await withAPI { _, services in
            try await Self.seed(services)
            let unseen = try await Self.writes(services.store, "DELETE FROM interaction_log_entry WHERE entry_no = 1")
            #expect(unseen == (services.store.dialect == .sqlite ? ["0 written by triggers"] : []))
            #expect(try await Self.changeNumbers(services.store) == ["C1=5", "P1=unseen", "P2=6"])

            let seen = try await Self.writes(services.store, "DELETE FROM interaction_log_entry WHERE entry_no = 2")
            #expect(seen == (services.store.dialect == .sqlite ? ["1 written by triggers"] : ["P2 rewritten"]))
            #expect(try await Self.changeNumbers(services.store) == ["C1=5", "P1=unseen", "P2=unseen"])
        }
    }

    @Test func changingAnUnseenContactsRelationsWritesNoContact() async throws {
        try await withAPI { _, services in
            try await Self.seed(services)
            let changed = try await Self.writes(
                services.store, "UPDATE interaction_log_entry SET date = '2026-01-02' WHERE entry_no = 1")
            #expect(changed == (services.store.dialect == .sqlite ? ["0 written by triggers"] : []))
            let deleted = try await Self.writes(
                services.store, "DELETE FROM contact_mailing_group WHERE contact_no = 'P1'")
            #expect(deleted == (services.store.dialect == .sqlite ? ["0 written by triggers"] : []))
            #expect(try await Self.changeNumbers(services.store) == ["C1=5", "P1=unseen", "P2=6"])

            let seen = try await Self.writes(
                services.store, "DELETE FROM contact_mailing_group WHERE contact_no = 'P2'")
            #expect(seen == (services.store.dialect == .sqlite ? ["1 written by triggers"] : ["P2 rewritten"]))
            #expect(try await Self.changeNumbers(services.store) == ["C1=5", "P1=unseen", "P2=unseen"])
        }
    }
}
