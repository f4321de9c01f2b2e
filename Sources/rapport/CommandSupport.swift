import ArgumentParser
import Foundation
import RapportApp
import RapportCore
import RapportDemo
import RapportServer
import RapportStorage

/// sysexits codes, so scripts can tell misuse from bad data from an unavailable service.
enum ExitStatus {
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let unavailable: Int32 = 69
    static let software: Int32 = 70
    static let cannotCreate: Int32 = 73
    static let ioError: Int32 = 74
}

/// Runs a command body, printing failures as one clear message with the right exit code.
func runReportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as RapportError {
        printError(describe(error))
        throw ExitCode(exitStatus(for: error.kind))
    } catch let error as DatabaseOpener.Failure {
        printError(error.description)
        switch error {
        case .unavailable: throw ExitCode(ExitStatus.unavailable)
        case .cannotCreate: throw ExitCode(ExitStatus.cannotCreate)
        }
    } catch let error as WebAssetError {
        // A web template that does not parse: a fault of this build of the program, not of the data.
        printError("error: \(error)")
        throw ExitCode(ExitStatus.software)
    } catch let error as ExitCode {
        throw error
    } catch let error as CocoaError {
        printError(error.localizedDescription)
        throw ExitCode(ExitStatus.ioError)
    }
}

func exitStatus(for kind: ErrorKind) -> Int32 {
    switch kind {
    case .malformedRequest, .validationFailed, .logRefused, .alreadyExists, .alreadyLogged, .conflict,
        .confirmationRequired, .notFound, .payloadTooLarge:
        ExitStatus.dataError
    case .unauthenticated, .forbidden, .methodNotAllowed: ExitStatus.usage
    case .unavailable, .timedOut: ExitStatus.unavailable
    case .insufficientStorage: ExitStatus.ioError
    }
}

/// The error's message, the field, and every listed problem (`row 7, salespersonCode: ...`).
func describe(_ error: RapportError) -> String {
    var lines = ["error: \(error.message)" + (error.field.map { " [\($0)]" } ?? "")]
    for problem in error.details {
        var place: [String] = []
        if let row = problem.row { place.append("row \(row)") }
        if let lineNo = problem.lineNo { place.append("line \(lineNo)") }
        if let field = problem.field { place.append(field) }
        lines.append("  \(place.joined(separator: ", ")): \(problem.message)")
    }
    return lines.joined(separator: "\n")
}

// Messages and progress go out with the throwing write: a full disk behind a redirected stream loses a
// message instead of stopping the process (the non-throwing `write(_:)` traps).
func printError(_ message: String) {
    try? FileHandle.standardError.write(contentsOf: Data((message + "\n").utf8))
}

/// A progress line on standard error that rewrites itself when it is a terminal.
struct ProgressLine: Sendable {
    let isTerminal = isatty(STDERR_FILENO) != 0

    func show(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data((isTerminal ? "\r\u{1B}[K" + text : text + "\n").utf8))
    }

    func finish() {
        if isTerminal { try? FileHandle.standardError.write(contentsOf: Data("\n".utf8)) }
    }
}

/// Prints a line to standard output at once (unbuffered), so it shows even when stdout is a pipe.
func say(_ text: String) {
    try? FileHandle.standardOutput.write(contentsOf: Data((text + "\n").utf8))
}

extension DemoSeeder {
    /// The seeder over the live use cases of one database.
    init(_ services: RapportServices) {
        self.init(
            contacts: services.contacts, masterData: services.masterDataImporter,
            contactImporter: services.contactImporter, users: services.users,
            temporaryDirectory: services.temporaryDirectory)
    }
}
