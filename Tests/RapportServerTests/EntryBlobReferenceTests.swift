import Foundation
import RapportCore
import Testing

@testable import RapportServer
@testable import RapportStorage

/// An interaction log entry's pins (its document in `document_blob`, its e-mail body in `email_body_blob`) always
/// name stored blobs, also when an entry and the deletion of the blob it pins run at once. SQLite checks them with
/// foreign keys, PostgreSQL with statement triggers (migration 0030). Runs on SQLite and, with
/// `RAPPORT_TEST_BACKEND=postgres`, on PostgreSQL: whatever checks the pins, these hold.
@Suite("Entries pin stored documents and e-mail bodies")
struct EntryBlobReferenceTests {
    static let document = String(repeating: "d", count: 64)
    static let otherDocument = String(repeating: "c", count: 64)
    static let body = String(repeating: "b", count: 64)
    static let ghost = String(repeating: "0", count: 64)

    static func insertEntry(_ entryNo: Int64, document: String?, body: String?) -> String {
        "INSERT INTO interaction_log_entry (entry_no, contact_no, user_id, document_sha256, email_body_sha256) "
            + "VALUES (\(entryNo), 'P1', 'T', \(literal(document)), \(literal(body)))"
    }

    static func literal(_ text: String?) -> String { text.map { "'\($0)'" } ?? "NULL" }

    /// The entries' pins and the stored blobs, as stored.
    static func state(_ store: Store) async throws -> (entries: [String], documents: [String], bodies: [String]) {
        try await store.read { connection in
            (
                try connection.query(
                    "SELECT entry_no, document_sha256, email_body_sha256 FROM interaction_log_entry ORDER BY entry_no",
                    []
                ).map {
                    "\($0.int("entry_no")) \($0["document_sha256"].textValue?.prefix(1) ?? "-")"
                        + " \($0["email_body_sha256"].textValue?.prefix(1) ?? "-")"
                },
                try connection.query("SELECT sha256 FROM document_blob ORDER BY sha256", []).map {
                    String($0.text("sha256").prefix(1))
                },
                try connection.query("SELECT sha256 FROM email_body_blob ORDER BY sha256", []).map {
                    String($0.text("sha256").prefix(1))
                }
            )
        }
    }

    /// Contact P1, documents `document` and `otherDocument`, e-mail body `body`.
    static func withStore(_ test: @escaping @Sendable (Store) async throws -> Void) async throws {
        try await withAPI { _, services in
            try await services.store.write("test set-up") { connection in
                try connection.execute("INSERT INTO contact (no, type) VALUES ('P1', 'person')", [])
                for sha256 in [document, otherDocument] {
                    try connection.execute(
                        "INSERT INTO document_blob (sha256, docx) VALUES (?, ?)", [.text(sha256), .blob([80, 75])])
                }
                try connection.execute(
                    "INSERT INTO email_body_blob (sha256, html) VALUES (?, ?)", [.text(body), .text("<p>Hi</p>")])
            }
            try await test(services.store)
        }
    }

    @Test func anEntryPinningWhatIsNotStoredIsRefusedAndNothingOfItsStatementStays() async throws {
        try await Self.withStore { store in
            #expect(await writeRefusal(store, Self.insertEntry(1, document: Self.document, body: Self.body)) == nil)
            #expect(await writeRefusal(store, Self.insertEntry(2, document: Self.ghost, body: nil))?.kind == .conflict)
            #expect(await writeRefusal(store, Self.insertEntry(2, document: nil, body: Self.ghost))?.kind == .conflict)
            // One entry pinning what is not stored among others refuses the whole statement.
            let among =
                "INSERT INTO interaction_log_entry (entry_no, contact_no, user_id, document_sha256) "
                + "VALUES (3, 'P1', 'T', '\(Self.document)'), (4, 'P1', 'T', '\(Self.ghost)'), (5, 'P1', 'T', NULL)"
            #expect(await writeRefusal(store, among)?.kind == .conflict)
            let repin = "UPDATE interaction_log_entry SET document_sha256 = '\(Self.ghost)' WHERE entry_no = 1"
            #expect(await writeRefusal(store, repin)?.kind == .conflict)
            let rebody = "UPDATE interaction_log_entry SET email_body_sha256 = '\(Self.ghost)' WHERE entry_no = 1"
            #expect(await writeRefusal(store, rebody)?.kind == .conflict)
            let refusedState = try await Self.state(store)
            #expect(refusedState.entries == ["1 d b"])

            // Pins to what is stored, or none, are written, and may move to another stored blob.
            let stored =
                "INSERT INTO interaction_log_entry (entry_no, contact_no, user_id, document_sha256) "
                + "VALUES (6, 'P1', 'T', '\(Self.otherDocument)'), (7, 'P1', 'T', NULL)"
            #expect(await writeRefusal(store, stored) == nil)
            let moved = "UPDATE interaction_log_entry SET document_sha256 = '\(Self.otherDocument)' WHERE entry_no = 1"
            #expect(await writeRefusal(store, moved) == nil)
            #expect(await writeRefusal(store, "UPDATE interaction_log_entry SET email_body_sha256 = NULL") == nil)
            let written = try await Self.state(store)
            #expect(written.entries == ["1 c -", "6 c -", "7 - -"])
        }
    }

    @Test func aPinnedBlobCanBeNeitherDeletedNorGivenAnotherHash() async throws {
        try await Self.withStore { store in
            #expect(await writeRefusal(store, Self.insertEntry(1, document: Self.document, body: Self.body)) == nil)
            let refused = [
                "DELETE FROM document_blob WHERE sha256 = '\(Self.document)'",
                "DELETE FROM email_body_blob",
                "UPDATE document_blob SET sha256 = '\(Self.ghost)' WHERE sha256 = '\(Self.document)'",
                "UPDATE email_body_blob SET sha256 = '\(Self.ghost)'",
                // Deleting it with one that no entry pins, in one statement, is refused as a whole.
                "DELETE FROM document_blob",
            ]
            for sql in refused {
                #expect(await writeRefusal(store, sql)?.kind == .conflict, "\(sql)")
            }
            let state = try await Self.state(store)
            #expect(state.documents == ["c", "d"])
            #expect(state.bodies == ["b"])
            // A blob no entry pins goes as before.
            #expect(
                await writeRefusal(store, "DELETE FROM document_blob WHERE sha256 = '\(Self.otherDocument)'") == nil)
            let after = try await Self.state(store)
            #expect(after.documents == ["d"])
        }
    }

    /// Two transactions at once, outside the write lock Rapport's own writes share: whichever order they reach the
    /// database in, the entry and the deletion of the document it pins do not both commit.
    @Test(arguments: [true, false])
    func anEntryAndTheDeletionOfTheDocumentItPinsAtOnceNeverBothCommit(entryFirst: Bool) async throws {
        try await Self.withStore { store in
            let entry = Self.insertEntry(1, document: Self.document, body: nil)
            let deletion = "DELETE FROM document_blob WHERE sha256 = '\(Self.document)'"
            let second = try await raceWrites(
                store, first: entryFirst ? entry : deletion, second: entryFirst ? deletion : entry)
            #expect(second?.kind == .conflict)
            let state = try await Self.state(store)
            #expect(state.documents == (entryFirst ? ["c", "d"] : ["c"]))
            #expect(state.entries == (entryFirst ? ["1 d -"] : []))
        }
    }
}
