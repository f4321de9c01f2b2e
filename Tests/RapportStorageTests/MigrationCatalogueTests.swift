import RapportCore
import RapportSQLite
import Testing

@testable import RapportStorage

/// The SQLite and PostgreSQL migrations build the same schema: a column, key, index or CHECK added to
/// one dialect only fails here.
@Suite("Migrations build the same schema on both backends")
struct MigrationCatalogueTests {
    static func sqliteCatalogue() async throws -> SchemaCatalogue {
        let database = try SQLiteDatabase(path: ":memory:")
        try await Migrator.migrate(database)
        return try await database.read { try SchemaCatalogue.sqlite($0) }
    }

    @Test func theSQLiteCatalogueIsReadInFull() async throws {
        let catalogue = try await Self.sqliteCatalogue()
        #expect(catalogue.tables.count == 63)
        let token = try #require(catalogue.tables["api_token"])
        #expect(
            token.columns.map(\.description) == [
                "token_id text NOT NULL", "user_id text NOT NULL", "token_hash text NOT NULL",
                "created_at text NOT NULL", "last_used_at text",
            ])
        #expect(token.primaryKey == ["token_id"])
        #expect(
            token.foreignKeys.map(\.description) == [
                "(user_id) → app_user (user_id) ON DELETE CASCADE ON UPDATE NO ACTION"
            ])
        #expect(token.indexes.map(\.description) == ["UNIQUE (constraint) (token_hash)", "api_token_user (user_id)"])
        let user = try #require(catalogue.tables["app_user"])
        #expect(
            user.checks.map(\.description) == [
                "CHECK on (active) with [0, 1]", "CHECK on (role) with ['admin', 'marketer', 'viewer']",
                "CHECK on (user_id) with ['', 50]",
            ])
    }

    @Test(.enabled(if: TestPostgres.isConfigured, TestPostgres.skipReason))
    func postgreSQLAndSQLiteHaveTheSameTablesColumnsKeysIndexesAndChecks() async throws {
        let sqlite = try await Self.sqliteCatalogue()
        let database = try await TestPostgres.database()
        try await Migrator.migrate(database)
        var postgres = try await database.read { try SchemaCatalogue.postgres($0) }
        let triggers = try await database.read { connection in
            try connection.query(
                "SELECT tgname::text AS name FROM pg_trigger WHERE NOT tgisinternal AND tgrelid = ANY (ARRAY["
                    + "'interaction_log_entry', 'contact', 'segment_line', 'segment_line_document', 'document_blob', "
                    + "'email_body_blob']::regclass[])", []
            ).map { $0.text("name") }
        }
        try await database.close()
        // PostgreSQL keeps four of SQLite's foreign keys with triggers instead (migrations 0028 and 0030), every one
        // of them there; `EntryContactReferenceTests`, `LineDocumentReferenceTests` and `EntryBlobReferenceTests`
        // hold that they keep the same rules.
        let keyTriggers = [
            "entry_contacts_exist", "entry_contact_exists", "contact_entries_kept", "contact_number_kept",
            "segment_line_documents_go", "segment_line_document_has_line", "segment_line_key_kept",
            "entry_blobs_exist", "entry_blob_exists", "document_blobs_kept", "email_body_blobs_kept",
            "document_blob_key_kept", "email_body_blob_key_kept",
        ]
        #expect(Set(keyTriggers).subtracting(triggers).isEmpty, "PostgreSQL's triggers: \(triggers.sorted())")
        postgres.tables["interaction_log_entry"]?.foreignKeys += [
            .init(
                columns: ["contact_no"], table: "contact", referencedColumns: ["no"], onDelete: "NO ACTION",
                onUpdate: "NO ACTION"),
            .init(
                columns: ["document_sha256"], table: "document_blob", referencedColumns: ["sha256"],
                onDelete: "NO ACTION", onUpdate: "NO ACTION"),
            .init(
                columns: ["email_body_sha256"], table: "email_body_blob", referencedColumns: ["sha256"],
                onDelete: "NO ACTION", onUpdate: "NO ACTION"),
        ]
        postgres.tables["interaction_log_entry"]?.foreignKeys.sort()
        postgres.tables["segment_line_document"]?.foreignKeys.append(
            .init(
                columns: ["segment_no", "line_no"], table: "segment_line",
                referencedColumns: ["segment_no", "line_no"],
                onDelete: "CASCADE", onUpdate: "NO ACTION"))
        postgres.tables["segment_line_document"]?.foreignKeys.sort()
        // PostgreSQL's alone, on purpose: a segment's counters of its lines (migration 0026), which SQLite
        // computes from the lines instead. They are the last columns of the header.
        let header = postgres.tables["segment_header"]?.columns ?? []
        #expect(header.suffix(3).map(\.name) == LogRollbackSQL.headerCounters)
        postgres.tables["segment_header"]?.columns.removeAll { LogRollbackSQL.headerCounters.contains($0.name) }
        let differences = sqlite.differences(from: postgres)
        #expect(differences.isEmpty, "SQLite first, PostgreSQL second:\n\(differences.joined(separator: "\n"))")
        #expect(postgres.tables.count == sqlite.tables.count)
    }
}
