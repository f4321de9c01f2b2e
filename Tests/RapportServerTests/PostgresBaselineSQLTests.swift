import Foundation
import RapportCore
import RapportDemo
import Testing

/// The PostgreSQL translation of the bench's hand-written SQL (`PostgresBaselineSQL`), run by psql on a small
/// data set in the bench's CSV files: set-up, A and B do the work the SQLite originals do, and the restores
/// put the state back for the next run.
@Suite(
    "psql baselines on PostgreSQL",
    .enabled(if: ProcessInfo.processInfo.environment["RAPPORT_TEST_POSTGRES"] != nil, "needs RAPPORT_TEST_POSTGRES"))
struct PostgresBaselineSQLTests {
    @Test func theTranslatedSetUpAddAndLogDoTheWorkOfTheSQLiteOriginals() async throws {
        let server = try #require(ProcessInfo.processInfo.environment["RAPPORT_TEST_POSTGRES"])
        let folder = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.writeData(into: folder)
        let psql = Psql(url: server, folder: folder, schema: "psql_baseline_\(UInt32.random(in: 0...UInt32.max))")
        defer { _ = try? psql.runNow("DROP SCHEMA \(psql.schema) CASCADE;") }
        _ = try await psql.run("CREATE SCHEMA \(psql.schema);")
        for script in [
            PostgresBaselineSQL.contactSchema, PostgresBaselineSQL.loadContacts, PostgresBaselineSQL.segmentSchema,
            PostgresBaselineSQL.history, PostgresBaselineSQL.setupSegments,
        ] {
            _ = try await psql.run(script)
        }
        // rowid % 1000 = 7, % 10 = 3 and % 10 = 6 in import order: contact 7; 3, 13, 23; 6, 16, 26, in BC's
        // line order (company name first: 23 and 26 have none).
        let lines = "SELECT string_agg(contact_no, ',' ORDER BY line_no) FROM segment_line WHERE segment_no = "
        #expect(try await psql.run(lines + "'SEG-A';") == "CT0000007")
        #expect(try await psql.run(lines + "'SEG-B';") == "CT0000023,CT0000003,CT0000013")
        #expect(try await psql.run(lines + "'SEG-C';") == "CT0000026,CT0000006,CT0000016")
        #expect(try await psql.run("SELECT COUNT(*) FROM interaction_log_entry;") == "2")

        // A: JO or RB, NEWS, company in RETAIL, not excluded, not already in SEG-A; numbered after line 10000
        // in company name, company no, type, name order.
        _ = try await psql.run(PostgresBaselineSQL.addContacts)
        #expect(try await psql.run(PostgresBaselineSQL.verifyA) == "4")
        #expect(
            try await psql.run(
                "SELECT string_agg(line_no || ':' || contact_no || ':' || correspondence_type || ':' || attachment_no, "
                    + "',' ORDER BY line_no) FROM segment_line WHERE segment_no = 'SEG-A';")
                == "10000:CT0000007:hardCopy:101,20000:CT0000001:hardCopy:101,30000:CT0000002:hardCopy:102,"
                + "40000:CT0000003:hardCopy:101,50000:CT0000004:hardCopy:101")
        _ = try await psql.run(PostgresBaselineSQL.restoreA)
        #expect(try await psql.run(PostgresBaselineSQL.verifyA) == "0")

        // B: one logged segment, an entry per line numbered after the history, and SEG-B gone.
        _ = try await psql.run(PostgresBaselineSQL.logSegment)
        #expect(try await psql.run(PostgresBaselineSQL.verifyB) == "3")
        #expect(
            try await psql.run(
                "SELECT string_agg(entry_no || ':' || contact_no || ':' || logged_segment_entry_no || ':' || user_id, "
                    + "',' ORDER BY entry_no) FROM interaction_log_entry WHERE entry_no > 2;")
                == "3:CT0000023:1:BENCH,4:CT0000003:1:BENCH,5:CT0000013:1:BENCH")
        #expect(try await psql.run("SELECT COUNT(*) FROM segment_header WHERE no = 'SEG-B';") == "0")
        #expect(try await psql.run(lines + "'SEG-B';") == "")
        _ = try await psql.run(PostgresBaselineSQL.restoreB)
        #expect(try await psql.run(PostgresBaselineSQL.verifyB) == "0")
        #expect(try await psql.run("SELECT COUNT(*) FROM logged_segment;") == "0")
        #expect(try await psql.run(lines + "'SEG-B';") == "CT0000023,CT0000003,CT0000013")
    }

    /// 30 contacts in `gen_contacts.py`'s files: companies 1 (RETAIL) and 11 with persons 2-10 and 12-20, persons
    /// 21-30 on their own; NEWS for 1-5, 7 and 12; salesperson JO but RB for 3 and XX for 5; 2 speaks German.
    static func writeData(into folder: String) throws {
        var contacts = [
            "no,type,name,companyNo,firstName,surname,jobTitle,address,city,postCode,countryRegionCode,phoneNo,"
                + "email,languageCode,salespersonCode,territoryCode,correspondenceType,excludeFromSegment"
        ]
        for n in 1...30 {
            let no = String(format: "CT%07d", n)
            let company = n <= 10 ? "CT0000001" : n <= 20 ? "CT0000011" : ""
            let isCompany = n == 1 || n == 11
            let name = isCompany ? "Company \(n)" : String(format: "Person %02d", n)
            let salesperson = n == 3 ? "RB" : n == 5 ? "XX" : "JO"
            contacts.append(
                "\(no),\(isCompany ? "company" : "person"),\(name),\(company),,,,Street,Town,1000,GB,,,"
                    + "\(n == 2 ? "DEU" : "ENU"),\(salesperson),,,0")
        }
        let files = [
            "contacts.csv": contacts,
            "contact_mailing_group.csv": ["contactNo,code"]
                + [1, 2, 3, 4, 5, 7, 12].map { String(format: "CT%07d,NEWS", $0) },
            "contact_industry_group.csv": ["contactNo,code", "CT0000001,RETAIL", "CT0000011,WHOLESALE"],
            "contact_business_relation.csv": ["contactNo,code"],
            "contact_job_responsibility.csv": ["contactNo,code"],
            "contact_profile_answer.csv": ["contactNo,questionnaireCode,lineNo", "CT0000001,COMPANY,70000"],
            "interaction_log_entry.csv": [
                "entryNo,contactNo,contactCompanyNo,date,templateCode,campaignNo,evaluation,salespersonCode",
                "1,CT0000001,CT0000001,2021-12-23,EMAIL,,positive,HR", "2,CT0000002,CT0000001,2022-06-05,LETTER,,,JO",
            ],
        ]
        for (name, lines) in files {
            try (lines.joined(separator: "\n") + "\n").write(
                toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        }
    }
}

/// psql on one schema, from the data folder, printing unaligned tuples.
struct Psql: Sendable {
    let url: String
    let folder: String
    let schema: String

    func run(_ script: String) async throws -> String {
        try await offPool { try runNow(script) }
    }

    func runNow(_ script: String) throws -> String {
        let file = folder + "/script.sql"
        try ("SET client_min_messages TO warning;\nSET search_path TO \(schema);\n" + script)
            .write(toFile: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-X", "-q", "-tA", "-v", "ON_ERROR_STOP=1", "-f", file, url]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        try #require(process.waitForExit() == 0, "psql failed on \(script)")
        return String(decoding: printed, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
