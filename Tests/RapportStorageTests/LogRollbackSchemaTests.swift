import Testing

@testable import RapportStorage

/// What Log keeps for a rollback must follow the worksheet's schema: a column added to a worksheet table and
/// not to its kept copy would be lost by Log and rollback. These tests fail until the copy has it too.
@Suite("Log rollback keeps every worksheet column")
struct LogRollbackSchemaTests {
    func columns(_ table: String, _ catalogue: SchemaCatalogue) throws -> [SchemaCatalogue.Column] {
        try #require(catalogue.tables[table]).columns
    }

    /// A column as a copy keeps it: name, type and default (the copy drops NOT NULL on nothing it holds).
    func shape(_ columns: [SchemaCatalogue.Column]) -> [String] {
        columns.map { "\($0.name) \($0.type)" }
    }

    @Test func theKeptHeaderHasEverySegmentHeaderColumn() async throws {
        let catalogue = try await MigrationCatalogueTests.sqliteCatalogue()
        let header = try columns("segment_header", catalogue)
        let kept = try columns("logged_segment_header", catalogue)
        #expect(shape(kept) == ["entry_no bigint", "version bigint"] + shape(header))
        #expect(LogRollbackSQL.headerColumns == header.map(\.name))
    }

    @Test func theKeptJournalHasEveryColumnOfTheUndoJournal() async throws {
        let catalogue = try await MigrationCatalogueTests.sqliteCatalogue()
        let journal = try columns("segment_removed_line", catalogue)
        let kept = try columns("logged_segment_removed_line", catalogue)
        #expect(shape(kept) == ["entry_no bigint"] + shape(journal.filter { $0.name != "segment_no" }))
        // The lines come back from the version Log froze, which must hold every line column too.
        let lines = try columns("segment_line", catalogue)
        let version = try columns("segment_version_line", catalogue)
        #expect(
            shape(version) == ["segment_no text", "version bigint"] + shape(lines.filter { $0.name != "segment_no" }))
    }

    @Test func theKeptLineDocumentsHaveEveryColumnOfTheLineDocuments() async throws {
        let catalogue = try await MigrationCatalogueTests.sqliteCatalogue()
        let documents = try columns("segment_line_document", catalogue)
        let kept = try columns("logged_segment_line_document", catalogue)
        #expect(shape(kept) == ["entry_no bigint"] + shape(documents.filter { $0.name != "segment_no" }))
    }
}
