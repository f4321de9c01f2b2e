import ArgumentParser
import Foundation
import RapportApp
import RapportCore
import RapportDemo
import RapportServer

/// `rapport user create NAME --role ROLE [--password P]`.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage users.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user and print its first token.")

        @Argument(help: "The user id (up to 50 characters).") var name: String
        @Option(help: "admin, marketer or viewer.") var role: String
        @Option(help: "Password for the web UI (at least 8 characters).") var password: String?
        @Option(name: .customLong("salesperson"), help: "Default salesperson code on the user's segments.")
        var salespersonCode: String?
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard Role(rawValue: role) != nil else {
                throw ValidationError("--role must be admin, marketer or viewer, not '\(role)'.")
            }
        }

        func run() async throws {
            try await runReportingErrors {
                let services = try await DatabaseOpener.open(database.db)
                var fields: [(name: String, value: FieldInput)] = [("userId", .string(name)), ("role", .string(role))]
                if let password { fields.append(("password", .string(password))) }
                if let salespersonCode { fields.append(("salespersonCode", .string(salespersonCode))) }
                let created = try await services.users.create(
                    try RecordInputs(fields).complete(Catalog.users.fields), by: .commandLine)
                say("Created user \(created.user.text("userId")) (\(role)). Token, shown once:")
                say(created.token.token)
            }
        }
    }
}

/// `rapport demo`: seed the demo company into an empty database.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Seed the demo company.")
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await runReportingErrors {
            let services = try await DatabaseOpener.open(database.db)
            let outcome = try await DemoSeeder(services).seedIfEmpty()
            if outcome.seeded {
                let user = DemoData.demoUser
                say(
                    "Seeded \(outcome.contacts) demo contacts. Web sign-in: \(user.userId) / \(user.password); "
                        + "admin: \(DemoData.demoAdmin.userId) / \(DemoData.demoAdmin.password).")
            } else {
                say("The database already has \(outcome.contacts) contacts; nothing seeded.")
            }
        }
    }
}
