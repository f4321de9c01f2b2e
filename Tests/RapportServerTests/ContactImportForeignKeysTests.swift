import RapportCore
import Testing

@testable import RapportServer
@testable import RapportStorage

/// On SQLite the contact import writes with the database's row-by-row foreign-key checks off, because its own checks
/// cover every key of the tables it writes (`ContactImportForeignKeys`). These tests hold the three things that rests
/// on: the keys are exactly the covered ones, a file breaking any of them is refused by the import's checks, and the
/// database checks keys again for every write after an import, accepted or refused.
@Suite("Contacts import foreign keys")
struct ContactImportForeignKeysTests {
    /// Whether a write adding a mailing group that does not exist is refused as breaking its key.
    func brokenKeyIsRefused(_ services: RapportServices) async throws -> Bool {
        do {
            _ = try await services.store.write("break a key") { connection in
                try connection.execute(
                    "INSERT INTO contact_mailing_group (contact_no, code) VALUES ('C1', 'GHOST')")
            }
            return false
        } catch let error as RapportError {
            #expect(error.kind == .conflict, "\(error)")
            return error.kind == .conflict
        }
    }

    @Test func theContactTablesHaveExactlyTheKeysTheImportChecks() async throws {
        try await withAPI { _, services in
            let (catalogue, checked) = try await services.store.read { connection in
                (
                    connection.dialect == .sqlite ? try ContactImportForeignKeys.sqliteKeys(connection) : [],
                    try ContactImportForeignKeys.checkedByImport(connection)
                )
            }
            #expect(ContactImportForeignKeys.covered.count == 15)
            #expect(
                ContactImportForeignKeys.covered.contains(
                    "contact_profile_answer FOREIGN KEY (questionnaire_code, line_no) REFERENCES "
                        + "profile_questionnaire_line (questionnaire_code, line_no)"))
            #expect(
                ContactImportForeignKeys.covered.contains(
                    "contact_mailing_group FOREIGN KEY (contact_no) REFERENCES contact (no) ON DELETE CASCADE"))
            switch services.store.dialect {
            case .sqlite:
                #expect(catalogue == ContactImportForeignKeys.covered)
                #expect(checked)
            case .postgres:
                // PostgreSQL's first load sets its keys aside and adds them back (`DeferredSchema`) instead.
                #expect(!checked)
            }
        }
    }

    /// One row breaking each kind of key, in a file whose other rows are good: every one is listed, nothing is
    /// written.
    @Test func aFileBreakingAnyKeyIsRefusedByTheImportsOwnChecks() async throws {
        try await withAPI { api, services in
            try await seedContactMasterData(api)
            let csv = """
                no,type,companyNo,languageCode,salespersonCode,territoryCode,salutationCode,mailingGroups,\
                industryGroups,jobResponsibilities,businessRelations,profileAnswers
                C1,company,,ENU,JO,NORTH,M,NEWS,RETAIL,IT,CUST,SIZE:20000
                P1,person,C9,,,,,,,,,
                P2,person,C1,XX,,,,,,,,
                P3,person,C1,,XX,,,,,,,
                P4,person,C1,,,XX,,,,,,
                P5,person,C1,,,,XX,,,,,
                P6,person,C1,,,,,GHOST,,,,
                P7,person,C1,,,,,,GHOST,,,
                P8,person,C1,,,,,,,GHOST,,
                P9,person,C1,,,,,,,,GHOST,
                P10,person,C1,,,,,,,,,SIZE:10000
                P11,person,C1,,,,,,,,,SIZE:30000
                """
            let refused = try await importCSV(api, csv)
            #expect(refused.status == 422, "\(refused.text)")
            let problems = refused.details.map {
                "\($0["row"]?.number.map { Int($0) } ?? 0):\($0["field"]?.string ?? "")"
            }
            #expect(
                problems == [
                    "3:companyNo", "4:languageCode", "5:salespersonCode", "6:territoryCode", "7:salutationCode",
                    "8:mailingGroups", "9:industryGroups", "10:jobResponsibilities", "11:businessRelations",
                    "12:profileAnswers", "13:profileAnswers",
                ])
            let counts = try await services.store.read { connection in
                try ["contact", "contact_mailing_group", "contact_profile_answer"].map {
                    try connection.scalar("SELECT COUNT(*) FROM \($0)")?.intValue
                }
            }
            #expect(counts == [0, 0, 0])
            #expect(try await brokenKeyIsRefused(services))
        }
    }

    /// After an import, accepted or refused, the next writes on the same connection check keys and cascade again.
    @Test func theDatabaseChecksKeysAgainAfterAnImport() async throws {
        try await withAPI { api, services in
            try await seedContactMasterData(api)
            let refused = try await importCSV(api, "no,type,mailingGroups\nC1,company,GHOST\n")
            #expect(refused.status == 422, "\(refused.text)")
            #expect(try await brokenKeyIsRefused(services))

            let loaded = try await importCSV(api, "no,type,mailingGroups\nC1,company,NEWS\nP1,person,NEWS\n")
            #expect(loaded.status == 200, "\(loaded.text)")
            #expect(loaded.json["created"]?.number == 2)
            #expect(try await brokenKeyIsRefused(services))
            // Deleting a contact deletes its relations (ON DELETE CASCADE), which SQLite does only with keys on.
            #expect(try await api.delete("/api/v1/contacts/P1").status == 204)
            let left = try await services.store.read { connection in
                try connection.scalar("SELECT COUNT(*) FROM contact_mailing_group")?.intValue
            }
            #expect(left == 1)
            let foreignKeys = try await services.store.write("read the setting") { connection in
                try connection.scalar(connection.dialect == .sqlite ? "PRAGMA foreign_keys" : "SELECT 1")?.intValue
            }
            #expect(foreignKeys == 1)
        }
    }
}
