import ArgumentParser
import Foundation
import RapportApp
import RapportCore

/// `rapport`: the server and the tools around it.
@main
struct Rapport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rapport: segments and interactions for relationship management.",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, ImportCommand.self, ExportCommand.self, UserCommand.self,
            DemoCommand.self, BenchCommand.self,
        ])

    /// Parses the command line; for `serve`, with the options the environment gives (`ServeEnvironment`).
    static func main() async {
        var arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "serve" {
            do {
                arguments =
                    ["serve"]
                    + (try ServeEnvironment.arguments(
                        Array(arguments.dropFirst()), environment: ProcessInfo.processInfo.environment))
            } catch {
                printError("error: \(error.message)")
                Foundation.exit(ExitStatus.usage)
            }
        }
        await main(arguments)
    }
}

/// Where the data lives: a SQLite file (default) or, later, a PostgreSQL URL.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "SQLite file path (created if missing), or a postgres:// URL.")
    var db: String = "./rapport.sqlite"
}
