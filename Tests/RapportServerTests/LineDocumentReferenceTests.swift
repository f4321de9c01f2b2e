import Foundation
import RapportCore
import Testing

@testable import RapportServer
@testable import RapportStorage

/// A segment line's own document is a foreign key on SQLite and statement triggers on PostgreSQL (migration 0028), as
/// an entry's contact is (`EntryContactReferenceTests`). Either way the rule is the same, on every path that could
/// break it.
@Suite("A line's document is kept on both backends")
struct LineDocumentReferenceTests {
    /// Contacts P1 and P2; segment S1 with lines 1 (P1) and 2 (P2), each with its own document.
    static func seed(_ services: RapportServices) async throws {
        try await services.store.write("test set-up") { connection in
            try connection.execute("INSERT INTO contact (no, type) VALUES ('P1', 'person'), ('P2', 'person')", [])
            try connection.execute("INSERT INTO segment_header (no, description) VALUES ('S1', 'Keys')", [])
            try connection.execute(
                "INSERT INTO segment_line (segment_no, line_no, contact_no, added_by_action_no) "
                    + "VALUES ('S1', 1, 'P1', 1), ('S1', 2, 'P2', 1)", [])
            try connection.execute(
                "INSERT INTO segment_line_document (segment_no, line_no, docx) VALUES ('S1', 1, ?), ('S1', 2, ?)",
                [.blob([1]), .blob([2])])
        }
    }

    /// The `v` column of each row `query` answers.
    static func rows(_ store: Store, _ query: String) async throws -> [String] {
        try await store.read { connection in try connection.query(query, []).map { $0.text("v") } }
    }

    @Test func deletedLinesTakeTheirDocumentsWithThem() async throws {
        try await withAPI { _, services in
            try await Self.seed(services)
            let store = services.store
            #expect(
                await writeRefusal(store, "DELETE FROM segment_line WHERE segment_no = 'S1' AND line_no = 2") == nil)
            #expect(
                try await Self.rows(store, "SELECT segment_no || '/' || line_no AS v FROM segment_line_document") == [
                    "S1/1"
                ])
            // Deleting the segment deletes its lines, and their documents go too.
            #expect(await writeRefusal(store, "DELETE FROM segment_header WHERE no = 'S1'") == nil)
            #expect(
                try await Self.rows(store, "SELECT segment_no || '/' || line_no AS v FROM segment_line_document")
                    .isEmpty)
        }
    }

    /// Reduce and Refine delete lines with SQLite's keys off (`SegmentCriteriaService.run`): the documents of the
    /// lines they remove go all the same, and only those.
    @Test func reduceAndRefineTakeTheDocumentsOfTheLinesTheyRemove() async throws {
        try await withAPI { _, services in
            try await Self.seed(services)
            let store = services.store
            try await store.write("test set-up") { connection in
                try connection.execute("INSERT INTO mailing_group (code) VALUES ('PROMO')", [])
                try connection.execute(
                    "INSERT INTO contact_mailing_group (contact_no, code) VALUES ('P1', 'PROMO')", [])
            }
            let promo = try SegmentFilters.parse(["mailingGroups": ["code": "PROMO"]])
            let documents = "SELECT segment_no || '/' || line_no AS v FROM segment_line_document ORDER BY line_no"
            let reduced = try await services.segmentCriteria.run(
                CriteriaAction(kind: .reduce, filters: promo), on: "S1")
            #expect(reduced.linesRemoved == 1)
            #expect(try await Self.rows(store, documents) == ["S1/2"])
            // The keys are on again for the next write: a document for a line that does not exist is refused.
            let orphan = await writeRefusal(
                store,
                "INSERT INTO segment_line_document (segment_no, line_no, docx) SELECT 'S1', 9, docx "
                    + "FROM segment_line_document WHERE line_no = 2")
            #expect(orphan?.kind == .conflict)
            let refined = try await services.segmentCriteria.run(
                CriteriaAction(kind: .refine, filters: promo), on: "S1")
            #expect(refined.linesRemoved == 1)
            #expect(try await Self.rows(store, documents).isEmpty)
        }
    }

    @Test func aDocumentNeedsItsLine() async throws {
        try await withAPI { _, services in
            try await Self.seed(services)
            let store = services.store
            let missing = await writeRefusal(
                store,
                "INSERT INTO segment_line_document (segment_no, line_no, docx) SELECT 'S1', 3, docx "
                    + "FROM segment_line_document WHERE line_no = 1")
            #expect(missing?.kind == .conflict)
            let moved = await writeRefusal(store, "UPDATE segment_line_document SET line_no = 3 WHERE line_no = 2")
            #expect(moved?.kind == .conflict)
            let renumbered = await writeRefusal(store, "UPDATE segment_line SET line_no = 3 WHERE line_no = 2")
            #expect(renumbered?.kind == .conflict)
            #expect(
                try await Self.rows(
                    store, "SELECT segment_no || '/' || line_no AS v FROM segment_line_document ORDER BY line_no")
                    == ["S1/1", "S1/2"])

            // A line without a document can take a new number.
            #expect(await writeRefusal(store, "DELETE FROM segment_line_document WHERE line_no = 2") == nil)
            #expect(await writeRefusal(store, "UPDATE segment_line SET line_no = 3 WHERE line_no = 2") == nil)
            #expect(
                try await Self.rows(store, "SELECT CAST(line_no AS TEXT) AS v FROM segment_line ORDER BY line_no") == [
                    "1", "3",
                ])
        }
    }

    /// Two transactions at once, outside the write lock Rapport's own writes share (as `EntryContactReferenceTests`
    /// does for an entry's contact): whichever reaches the database first, no document outlives its line. A document
    /// written first goes with the line deleted after it; a document written for a line being deleted is refused.
    @Test(arguments: [true, false])
    func aDocumentAndTheDeletionOfItsLineAtOnceLeaveNoDocumentBehind(documentFirst: Bool) async throws {
        try await withAPI { _, services in
            try await Self.seed(services)
            let store = services.store
            try await store.write("test set-up") { connection in
                _ = try connection.execute(
                    "INSERT INTO segment_line (segment_no, line_no, contact_no, added_by_action_no) "
                        + "VALUES ('S1', 3, 'P1', 1)", [])
            }
            let writeDocument =
                "INSERT INTO segment_line_document (segment_no, line_no, docx) SELECT 'S1', 3, docx "
                + "FROM segment_line_document WHERE line_no = 1"
            let deleteLine = "DELETE FROM segment_line WHERE segment_no = 'S1' AND line_no = 3"
            let second = try await raceWrites(
                store, first: documentFirst ? writeDocument : deleteLine,
                second: documentFirst ? deleteLine : writeDocument)
            #expect(second?.kind == (documentFirst ? nil : .conflict))
            #expect(
                try await Self.rows(store, "SELECT CAST(line_no AS TEXT) AS v FROM segment_line ORDER BY line_no") == [
                    "1", "2",
                ])
            #expect(
                try await Self.rows(
                    store, "SELECT segment_no || '/' || line_no AS v FROM segment_line_document ORDER BY line_no")
                    == ["S1/1", "S1/2"])
        }
    }
}
