import ArgumentParser

/// `rapport`: the server and the tools around it.
@main
struct Rapport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rapport: segments and interactions for relationship management.",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, ImportCommand.self, ExportCommand.self, UserCommand.self,
            DemoCommand.self, BenchCommand.self,
        ])
}

/// Where the data lives: a SQLite file (default) or, later, a PostgreSQL URL.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "SQLite file path (created if missing), or a postgres:// URL.")
    var db: String = "./rapport.sqlite"
}
