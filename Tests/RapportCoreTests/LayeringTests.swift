import Foundation
import Testing

/// The package's layers, held by reading its sources: what each target may import, where SQL and JSON
/// may appear, and how long a file may grow. See docs/architecture.md.
@Suite("Layering")
struct LayeringTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// Every Swift file of a target, with its text.
    static func files(of target: String) throws -> [(name: String, text: String)] {
        let root = sources.appendingPathComponent(target)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            return []
        }
        return try walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }.map {
            (
                $0.path.replacingOccurrences(of: sources.path + "/", with: ""),
                try String(contentsOf: $0, encoding: .utf8)
            )
        }
    }

    static func imports(_ text: String) -> Set<String> {
        Set(
            text.split(separator: "\n").compactMap { line in
                let words = line.split(separator: " ")
                guard let index = words.firstIndex(of: "import"), index + 1 < words.count else { return nil }
                return words[..<index].allSatisfy { $0.hasPrefix("@") } ? String(words[index + 1]) : nil
            })
    }

    @Test func theSourcesAreWhereThisTestLooks() throws {
        #expect(try Self.files(of: "RapportCore").count > 40)
        #expect(try Self.files(of: "RapportServer").count > 40)
    }

    @Test func theDomainImportsNoStorageNoNetworkAndNoJSON() throws {
        let allowed: Set<String> = ["Foundation", "Glibc", "Musl", "Darwin"]
        for file in try Self.files(of: "RapportCore") {
            #expect(Self.imports(file.text).subtracting(allowed).isEmpty, "\(file.name) imports too much")
        }
    }

    @Test func theDomainHoldsNoSQL() throws {
        let statements = ["SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM", "CREATE TABLE", "CASE WHEN", " JOIN "]
        for file in try Self.files(of: "RapportCore") {
            let code = file.text.split(separator: "\n").filter {
                !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//")
            }
            .joined(separator: "\n")
            for statement in statements {
                #expect(!code.contains(statement), "\(file.name) holds SQL (\(statement))")
            }
        }
    }

    /// JSON is read and written in the server only: every other target, the command line and the demo included,
    /// deals in domain values, and the server's JSON types are internal (no public signature carries them).
    @Test func onlyTheServerSpeaksJSON() throws {
        let targets = try FileManager.default.contentsOfDirectory(atPath: Self.sources.path)
        for target in targets where target != "RapportServer" {
            for file in try Self.files(of: target) {
                #expect(!file.text.contains("JSONValue"), "\(file.name) speaks JSON")
                #expect(!file.text.contains("JSONSerialization"), "\(file.name) speaks JSON")
            }
        }
        for file in try Self.files(of: "RapportServer") {
            for line in file.text.split(separator: "\n") where line.contains("public ") {
                #expect(!line.contains("JSONValue") && !line.contains("JSONObject"), "\(file.name): \(line)")
            }
        }
    }

    @Test func theServerLinksNoDatabaseDriverAndNoDemo() throws {
        let forbidden: Set<String> = [
            "GRDB", "PostgresNIO", "RapportSQLite", "RapportPostgres", "RapportDemo", "RapportApp",
        ]
        for file in try Self.files(of: "RapportServer") {
            #expect(Self.imports(file.text).isDisjoint(with: forbidden), "\(file.name) reaches around the store")
        }
    }

    /// A route handler decodes, calls one use case and encodes: a long one mixes concerns again.
    @Test func noAPIHandlerIsLongerThan30Lines() throws {
        var handlers = 0
        for file in try Self.files(of: "RapportServer") where file.name.hasPrefix("RapportServer/API/") {
            let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false)
            for (start, line) in lines.enumerated() where line.hasPrefix("    @Sendable func") {
                let end = lines[start...].firstIndex { $0 == "    }" } ?? lines.count
                handlers += 1
                #expect(end - start + 1 <= 30, "\(file.name): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(handlers > 40, "the handlers were found")
    }

    /// Nothing, in the sources or the tests, hands work to a global dispatch queue: on Linux their threads are the
    /// cooperative pool's, so a wait there (a semaphore, a blocking call) holds one of the few threads every task
    /// shares. In a test waiting for a write to start, two such waits took both threads of a two-core machine
    /// before either write had one, and the whole test process stopped. Blocking work goes to `BlockingWork`'s
    /// serial queues (threads of their own), and a test waits with an `AsyncStream` or through `offPool`.
    @Test func nothingRunsOnAGlobalDispatchQueue() throws {
        let root = Self.sources.deletingLastPathComponent()
        let global = "DispatchQueue" + ".global("
        var files = 0
        for folder in ["Sources", "Tests"] {
            let walker = try #require(
                FileManager.default.enumerator(at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil)
            )
            for case let url as URL in walker where url.pathExtension == "swift" {
                files += 1
                let text = try String(contentsOf: url, encoding: .utf8)
                #expect(!text.contains(global), "\(url.lastPathComponent) uses a global dispatch queue")
            }
        }
        #expect(files > 300, "the sources and tests were found")
    }

    @Test func noSourceFileIsLongerThan300Lines() throws {
        let targets = try FileManager.default.contentsOfDirectory(atPath: Self.sources.path)
        for target in targets {
            for file in try Self.files(of: target) {
                let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false).count
                #expect(lines <= 301, "\(file.name) has \(lines) lines")
            }
        }
    }
}
