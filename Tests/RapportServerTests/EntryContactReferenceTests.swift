import Foundation
import RapportCore
import Testing

@testable import RapportServer
@testable import RapportStorage

/// An interaction log entry always names a contact that exists, also when the entry and the deletion of its contact
/// run at once. SQLite checks it with a foreign key, PostgreSQL with statement triggers (migration 0028). Runs on
/// SQLite and, with `RAPPORT_TEST_BACKEND=postgres`, on PostgreSQL: whatever checks the reference, these hold.
@Suite("Entries name existing contacts")
struct EntryContactReferenceTests {
    static func insertEntry(_ entryNo: Int64, contact: String) -> String {
        "INSERT INTO interaction_log_entry (entry_no, contact_no, user_id) VALUES (\(entryNo), '\(contact)', 'T')"
    }

    /// The contacts and the entries' contacts, as stored.
    static func state(_ store: Store) async throws -> (contacts: [String], entries: [String]) {
        try await store.read { connection in
            (
                try connection.query("SELECT no FROM contact ORDER BY no", []).map { $0.text("no") },
                try connection.query("SELECT contact_no FROM interaction_log_entry ORDER BY entry_no", []).map {
                    $0.text("contact_no")
                }
            )
        }
    }

    static func withStore(_ test: @escaping @Sendable (Store) async throws -> Void) async throws {
        try await withStore { store, _ in try await test(store) }
    }

    static func withStore(_ test: @escaping @Sendable (Store, API) async throws -> Void) async throws {
        try await withAPI { api, services in
            try await services.store.write("test set-up") { connection in
                try connection.execute("INSERT INTO contact (no, type) VALUES ('P1', 'person')", [])
                try connection.execute("INSERT INTO contact (no, type) VALUES ('P2', 'person')", [])
            }
            try await test(services.store, api)
        }
    }

    @Test func anEntryNamingNoContactIsRefusedAndNothingOfItsStatementStays() async throws {
        try await Self.withStore { store in
            try await store.write("test") { connection in
                try connection.execute(Self.insertEntry(3, contact: "P2"), [])
            }
            let alone = await #expect(throws: RapportError.self) {
                try await store.write("test") { connection in
                    try connection.execute(Self.insertEntry(4, contact: "GHOST"), [])
                }
            }
            #expect(alone?.kind == .conflict)
            // One missing contact among others refuses the whole statement.
            let among = await #expect(throws: RapportError.self) {
                try await store.write("test") { connection in
                    try connection.execute(
                        "INSERT INTO interaction_log_entry (entry_no, contact_no, user_id) "
                            + "VALUES (1, 'P1', 'T'), (2, 'GHOST', 'T')", [])
                }
            }
            #expect(among?.kind == .conflict)
            let refused = await #expect(throws: RapportError.self) {
                try await store.write("test") { connection in
                    try connection.execute("UPDATE interaction_log_entry SET contact_no = 'GHOST'", [])
                }
            }
            #expect(refused?.kind == .conflict)
            #expect(try await Self.state(store).entries == ["P2"])

            // Entries naming contacts that exist are written, and may move to another such contact.
            try await store.write("test") { connection in
                try connection.execute(
                    "INSERT INTO interaction_log_entry (entry_no, contact_no, user_id) "
                        + "VALUES (5, 'P1', 'T'), (6, 'P2', 'T')", [])
                try connection.execute("UPDATE interaction_log_entry SET contact_no = 'P1' WHERE entry_no = 6", [])
            }
            #expect(try await Self.state(store).entries == ["P2", "P1", "P1"])
        }
    }

    @Test func aContactNamedByAnEntryCanBeNeitherDeletedNorRenumbered() async throws {
        try await Self.withStore { store, api in
            try await store.write("test") { connection in
                try connection.execute(Self.insertEntry(1, contact: "P1"), [])
            }
            let deleted = await #expect(throws: RapportError.self) {
                try await store.write("test") { connection in
                    try connection.execute("DELETE FROM contact WHERE no = 'P1'", [])
                }
            }
            #expect(deleted?.kind == .conflict)
            let throughAPI = try await api.delete("/api/v1/contacts/P1")
            #expect(throughAPI.status == 409)
            #expect(throughAPI.errorCode == "conflict")
            #expect(
                throughAPI.json["error"]?["message"]?.string == "Contact P1 is still in use and cannot be deleted.")
            let renumbered = await #expect(throws: RapportError.self) {
                try await store.write("test") { connection in
                    try connection.execute("UPDATE contact SET no = 'P9' WHERE no = 'P1'", [])
                }
            }
            #expect(renumbered?.kind == .conflict)
            // Deleting it with one that no entry names, in one statement, is refused as a whole.
            let both = await #expect(throws: RapportError.self) {
                try await store.write("test") { connection in
                    try connection.execute("DELETE FROM contact WHERE no IN ('P1', 'P2')", [])
                }
            }
            #expect(both?.kind == .conflict)
            #expect(try await Self.state(store).contacts == ["P1", "P2"])
            // A contact no entry names goes as before.
            #expect(try await api.delete("/api/v1/contacts/P2").status == 204)
            let state = try await Self.state(store)
            #expect(state.contacts == ["P1"])
            #expect(state.entries == ["P1"])
        }
    }

    /// Two transactions at once, outside the write lock Rapport's own writes share: whichever order they reach the
    /// database in, the entry and the deletion of its contact do not both commit.
    @Test(arguments: [true, false])
    func anEntryAndTheDeletionOfItsContactAtOnceNeverBothCommit(entryFirst: Bool) async throws {
        try await Self.withStore { store in
            let entry = Self.insertEntry(1, contact: "P1")
            let deletion = "DELETE FROM contact WHERE no = 'P1'"
            let second = try await raceWrites(
                store, first: entryFirst ? entry : deletion, second: entryFirst ? deletion : entry)
            #expect(second?.kind == .conflict)
            let state = try await Self.state(store)
            #expect(state.contacts == (entryFirst ? ["P1", "P2"] : ["P2"]))
            #expect(state.entries == (entryFirst ? ["P1"] : []))
        }
    }
}
