import ArgumentParser
import Foundation
import Hummingbird
import Logging
import RapportApp
import RapportCore
import RapportDemo
import RapportServer

/// `rapport serve`: the HTTP API (and, later, the web UI).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the HTTP server.",
        discussion: """
            Every option can also be set in the environment as RAPPORT_<OPTION>, in capitals with dashes as \
            underscores: RAPPORT_DB, RAPPORT_HOST, RAPPORT_PORT, RAPPORT_ADMIN_TOKEN, RAPPORT_DEMO, \
            RAPPORT_NO_DELIVERY, RAPPORT_METRICS_TOKEN, RAPPORT_TRUSTED_PROXY (comma-separated). Flags take \
            1/0, true/false, yes/no. A value on the command line wins.
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0 picks a free one).") var port = 8080
    @Option(
        name: .customLong("admin-token"), help: "Bearer token for the built-in ADMIN user (or RAPPORT_ADMIN_TOKEN).")
    var adminToken: String?
    @Flag(help: "Seed the demo company into an empty database and print a token to try it with.")
    var demo = false
    @Flag(name: .customLong("no-delivery"), help: "Do not deliver logged entries from this process (another one does).")
    var noDelivery = false
    @Option(
        name: .customLong("metrics-token"),
        help: "Bearer token /metrics asks for (or RAPPORT_METRICS_TOKEN); without one /metrics is open.")
    var metricsToken: String?
    @Option(
        name: .customLong("trusted-proxy"),
        help: ArgumentHelp(
            "IP address of a proxy whose X-Forwarded-For/-Proto are believed; repeat for several "
                + "(or RAPPORT_TRUSTED_PROXY, comma-separated).", valueName: "address"))
    var trustedProxies: [String] = []

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        _ = try proxies()
    }

    /// The `--trusted-proxy` addresses, refused by name when one is not an IP address.
    func proxies() throws -> TrustedProxies {
        do {
            return try TrustedProxies(trustedProxies)
        } catch {
            throw ValidationError("--trusted-proxy must be an IP address, not '\(error.text)'.")
        }
    }

    func run() async throws {
        try await runReportingErrors {
            let services = try await DatabaseOpener.open(database.db)
            var token = adminToken ?? ProcessInfo.processInfo.environment["RAPPORT_ADMIN_TOKEN"]
            if demo {
                let outcome = try await DemoSeeder(services).seedIfEmpty()
                say(
                    outcome.seeded
                        ? "Seeded the demo company: \(outcome.contacts) contacts."
                        : "The database already has \(outcome.contacts) contacts; not seeding.")
                if token == nil {
                    token = "rpt_admin_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
                }
            }
            let adminToken = token
            let demo = self.demo
            let host = self.host
            let app = try buildApplication(
                services: services,
                configuration: ServerConfiguration(
                    host: host, port: port, adminToken: adminToken, runsDelivery: !noDelivery,
                    metricsToken: metricsToken, trustedProxies: try proxies())
            ) { port in
                let url = "http://\(host):\(port)"
                var lines = ["Rapport is listening on \(url)"]
                if let adminToken {
                    lines.append("Admin token: \(adminToken)")
                    lines.append("Try: curl -H 'Authorization: Bearer \(adminToken)' '\(url)/api/v1/contacts?limit=5'")
                } else {
                    lines.append("No admin token set: pass --admin-token or create users with `rapport user create`.")
                }
                if demo {
                    let user = DemoData.demoUser
                    let admin = DemoData.demoAdmin
                    lines.append("Demo web sign-in: user \(user.userId), password \(user.password)")
                    lines.append("Demo admin sign-in (setup pages): user \(admin.userId), password \(admin.password)")
                }
                // Written straight to the descriptor so it shows at once even when stdout is a pipe; a failed
                // write (a full disk behind a redirect) must not stop the server.
                try? FileHandle.standardOutput.write(contentsOf: Data((lines.joined(separator: "\n") + "\n").utf8))
            }
            do {
                try await runUntilStopped(app, logger: Logger(label: "rapport"))
            } catch {
                printError("error: cannot serve on \(host):\(port): \(error)")
                throw ExitCode(ExitStatus.unavailable)
            }
        }
    }
}
