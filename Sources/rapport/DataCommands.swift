import ArgumentParser
import Foundation
import RapportApp
import RapportCore
import RapportServer
import RapportStorage

/// `rapport migrate`: create or update the schema.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Create or update the schema.")
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await runReportingErrors {
            _ = try await DatabaseOpener.open(database.db)
            say("The database \(database.db) is up to date.")
        }
    }
}

/// `rapport import contacts FILE.csv` and `rapport import masterdata FILE.json`.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import contacts (CSV) or master data (JSON).")

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case contacts
        case masterdata
    }

    @Argument(help: "What to import: contacts or masterdata.") var kind: Kind
    @Argument(help: "The file to read.") var file: String
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard FileManager.default.isReadableFile(atPath: file) else {
            throw ValidationError("Cannot read \(file).")
        }
    }

    func run() async throws {
        try await runReportingErrors {
            let services = try await DatabaseOpener.open(database.db)
            switch kind {
            case .contacts:
                let started = Date()
                let result = try await ContactImportProgress.run(services.contactImporter, file: file)
                let seconds = Date().timeIntervalSince(started)
                say(
                    "Imported \(file): \(result.created) created, \(result.updated) updated in \(String(format: "%.1f", seconds)) s."
                )
                await ContactImportProgress.settle(services.contactImporter, result)
            case .masterdata:
                let data = try Data(contentsOf: URL(fileURLWithPath: file))
                let counts = try await services.masterDataImporter.importDocument(
                    try MasterDataFile.read([UInt8](data)), by: .commandLine)
                say("Imported \(file): " + counts.map { "\($0.count) \($0.key)" }.joined(separator: ", ") + ".")
            }
        }
    }
}

/// Shows a progress bar while an import runs.
enum ContactImportProgress {
    static func run(_ importer: ContactImporter, file: String) async throws -> ContactImporter.Result {
        let total = max(0, ((try? countLines(file)) ?? 1) - 1)
        let line = ProgressLine()
        let result = try await importer.importFile(at: file, by: .commandLine) { progress in
            switch progress {
            case .reading(let rows): line.show(bar("Reading", rows, of: total))
            case .checking(let rows): line.show("Checking \(rows) rows...")
            case .writing(let rows): line.show("Writing \(rows) contacts...")
            }
        }
        line.finish()
        return result
    }

    /// Settles what a first load wrote (PostgreSQL's VACUUM), once the import's outcome is shown: the import has
    /// committed, so a failure here (or an interrupted command) loses nothing and is only reported.
    static func settle(_ importer: ContactImporter, _ result: ContactImporter.Result) async {
        guard !result.loadedTables.isEmpty else { return }
        let line = ProgressLine()
        line.show("Settling the \(result.loadedTables.count) tables the import filled (VACUUM, ANALYZE)...")
        do {
            try await importer.settle(result)
            line.finish()
        } catch {
            line.finish()
            say("The imported contacts are kept; settling them did not finish (the first reads will): \(error.message)")
        }
    }

    static func bar(_ label: String, _ done: Int, of total: Int) -> String {
        guard total > 0 else { return "\(label) \(done) rows" }
        let fraction = min(1, Double(done) / Double(total))
        let filled = Int(fraction * 30)
        return "\(label) [" + String(repeating: "#", count: filled) + String(repeating: " ", count: 30 - filled)
            + "] \(Int(fraction * 100))% \(done)/\(total) rows"
    }

    /// Newlines in the file: an upper bound for the rows, cheap to count.
    static func countLines(_ path: String) throws -> Int {
        guard let handle = FileHandle(forReadingAtPath: path) else { return 0 }
        defer { try? handle.close() }
        var count = 0
        while let chunk = try handle.read(upToCount: 4 << 20), !chunk.isEmpty {
            // Over the raw bytes: iterating `Data` byte by byte cost a second on a million-row file.
            count += chunk.withUnsafeBytes { bytes in bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }
        }
        return count
    }
}

/// `rapport export contacts [--output FILE]`.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Export contacts as CSV.")

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case contacts
    }

    @Argument(help: "What to export: contacts.") var kind: Kind
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?
    @Option(name: .long, parsing: .upToNextOption, help: "Filters as field=expression, e.g. city='Leeds|York'.")
    var filter: [String] = []
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        for item in filter where !item.contains("=") {
            throw ValidationError("--filter takes field=expression, not '\(item)'.")
        }
    }

    func run() async throws {
        try await runReportingErrors {
            let services = try await DatabaseOpener.open(database.db)
            let filters = filter.map { item -> (field: String, expression: String) in
                let parts = item.split(separator: "=", maxSplits: 1)
                return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
            }
            if let output {
                let count = try await services.contactExporter.export(filters: filters, toFile: output)
                printError("Exported \(count) contacts to \(output).")
            } else {
                let sink = FileSink(handle: FileHandle.standardOutput)
                _ = try await services.contactExporter.export(filters: filters, to: sink.write)
            }
        }
    }
}
