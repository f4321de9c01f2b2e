import Foundation
import Testing

@testable import RapportServer

/// `rapport bench` from a clone alone: without `../shared/bench` it generates its own data and reports its figures.
@Suite("Benchmark command")
struct BenchCommandTests {
    @Test func withoutTheSharedBenchFolderTheBenchmarkMakesItsOwnData() async throws {
        let folder = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try await CLITests.rapport([
            "bench", "--bench-dir", folder + "/no-shared-bench", "--work", folder, "--contacts", "400", "--runs", "1",
            "--letters", "20", "--archive-letters", "30", "--json", folder + "/results.json",
        ])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.contains("is not here: generating the data from the demo company; no baselines."))
        #expect(run.output.contains("| Merge 20 letters, one .docx file each | 20 |"))
        #expect(run.output.contains("| Merge 30 letters into one streamed ZIP | 30 |"))
        #expect(run.output.contains("| Import 400 contacts (CSV, one transaction) | 400 |"))
        #expect(run.output.contains("| Log a 400-line segment | 400 |"))
        #expect(run.output.contains("| Deliver 40 hard copies (claim, merge, store) | 40 |"))
        #expect(run.output.contains("| Merge 40 letters in memory (the merge engine alone, same letter) | 40 |"))
        // Every row of the table is in the JSON file, with its backend and target.
        let results = try JSONValue.parse(Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/results.json"))))
        let rows = results["rows"]?.array ?? []
        #expect(
            rows.count
                == run.output.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| operation") }.count
        )
        let delivery = try #require(rows.first { $0["key"]?.string == "deliver-hard-copies" })
        #expect(delivery["rows"]?.number == 40)
        #expect(delivery["backend"]?.string == "sqlite")
        #expect(delivery["target"]?.string == "≥ 5000/s")
        #expect(delivery["reference"]?.string?.hasPrefix("merge engine alone ") == true)
        #expect(delivery["ratio"]?.number != nil)
        #expect(rows.allSatisfy { $0["backend"]?.string == "sqlite" && $0["seconds"]?.number != nil })
        // Each timed run's seconds (one here, after the warm-up), their median the row's figure.
        let log = try #require(rows.first { $0["key"]?.string == "log" })
        #expect(log["samples"]?.array?.compactMap(\.number) == [try #require(log["seconds"]?.number)])
        let csv = try String(contentsOfFile: folder + "/data-demo-400/rapport_contacts.csv", encoding: .utf8)
        #expect(csv.split(separator: "\r\n").count == 401)
    }
}

/// `rapport bench --db postgres://…`: the import and export also on PostgreSQL, each held to SQLite's time.
@Suite(
    "Benchmark command on PostgreSQL",
    .enabled(if: ProcessInfo.processInfo.environment["RAPPORT_TEST_POSTGRES"] != nil, "needs RAPPORT_TEST_POSTGRES"))
struct PostgresBenchCommandTests {
    @Test func withADatabaseURLTheImportAndExportRunOnPostgreSQLToo() async throws {
        let server = try #require(ProcessInfo.processInfo.environment["RAPPORT_TEST_POSTGRES"])
        let folder = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try await CLITests.rapport([
            "bench", "--bench-dir", folder + "/no-shared-bench", "--work", folder, "--contacts", "300", "--runs", "1",
            "--contacts-only", "--db", server,
        ])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.contains("| Import 300 contacts (CSV, one transaction) | 300 |"))
        #expect(run.output.contains("| Export 300 contacts (CSV) | 300 |"))
        #expect(run.output.contains("| PostgreSQL: import 300 contacts (CSV, one transaction) | 300 |"))
        #expect(run.output.contains("| PostgreSQL: export 300 contacts (CSV) | 300 |"))
        #expect(!run.output.contains("Merge"))
        let sqlite = try String(contentsOfFile: folder + "/export-sqlite.csv", encoding: .utf8)
        let postgres = try String(contentsOfFile: folder + "/export-postgres.csv", encoding: .utf8)
        #expect(sqlite.split(separator: "\r\n").count == 301)
        #expect(postgres == sqlite)
    }

    @Test func withADatabaseURLHardCopiesAreDeliveredOnPostgreSQLToo() async throws {
        let server = try #require(ProcessInfo.processInfo.environment["RAPPORT_TEST_POSTGRES"])
        let folder = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // 200 contacts: a schema of its own (the other test's is for 300).
        let run = try await CLITests.rapport([
            "bench", "--bench-dir", folder + "/no-shared-bench", "--work", folder, "--contacts", "200", "--runs", "1",
            "--letters", "10", "--archive-letters", "10", "--db", server, "--json", folder + "/results.json",
        ])
        #expect(run.status == 0, "\(run.error)")
        let deliveries = run.output.split(separator: "\n").filter {
            $0.hasPrefix("| Deliver 20 hard copies (claim, merge, store) | 20 |")
        }
        #expect(deliveries.map { $0.hasSuffix("| sqlite |") } == [false, true])
        #expect(deliveries.first?.hasSuffix("| postgres |") == true)
        let results = try JSONValue.parse(Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/results.json"))))
        let rows = results["rows"]?.array ?? []
        #expect(
            rows.filter { $0["key"]?.string == "deliver-hard-copies" }.map { $0["backend"]?.string }
                == ["postgres", "sqlite"])
        // The segment and Log rows run on PostgreSQL too, under keys of their own.
        let postgresKeys = Set(rows.filter { $0["backend"]?.string == "postgres" }.compactMap { $0["key"]?.string })
        #expect(
            postgresKeys.isSuperset(of: [
                "pg-import", "pg-export", "pg-add", "pg-add-back", "pg-preview", "pg-reduce", "pg-reduce-back",
                "pg-refine", "pg-log", "pg-log-all", "pg-logged-list", "pg-statistics",
            ]))
        #expect(rows.filter { $0["key"]?.string == "add" }.map { $0["backend"]?.string } == ["sqlite"])
    }
}
