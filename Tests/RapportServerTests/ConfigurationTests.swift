import Foundation
import HTTPTypes
import HummingbirdTesting
import RapportApp
import RapportCore
import Testing

@testable import RapportServer

@Suite("Configuration: environment and trusted proxies")
struct ConfigurationTests {
    @Test func theEnvironmentGivesWhatTheCommandLineDoesNot() throws {
        let environment = [
            "RAPPORT_DB": "postgres://rapport@127.0.0.1:5432/rapport", "RAPPORT_PORT": "9090",
            "RAPPORT_HOST": "0.0.0.0", "RAPPORT_DEMO": "yes", "RAPPORT_NO_DELIVERY": "0",
            "RAPPORT_METRICS_TOKEN": "scrape", "RAPPORT_TRUSTED_PROXY": "127.0.0.1, ::1,,",
            "RAPPORT_UNRELATED": "x",
        ]
        let arguments = try ServeEnvironment.arguments(
            ["--port", "8081", "--host=127.0.0.2"], environment: environment)
        #expect(
            arguments == [
                "--port", "8081", "--host=127.0.0.2", "--db", "postgres://rapport@127.0.0.1:5432/rapport", "--demo",
                "--metrics-token", "scrape", "--trusted-proxy", "127.0.0.1", "--trusted-proxy", "::1",
            ])
    }

    @Test func anEmptyEnvironmentChangesNothing() throws {
        #expect(try ServeEnvironment.arguments([], environment: [:]) == [])
        #expect(try ServeEnvironment.arguments(["--demo"], environment: ["RAPPORT_DEMO": "no"]) == ["--demo"])
        #expect(
            try ServeEnvironment.arguments(
                ["--trusted-proxy", "10.0.0.1"], environment: ["RAPPORT_TRUSTED_PROXY": "::1"])
                == ["--trusted-proxy", "10.0.0.1"])
    }

    @Test func aFlagThatIsNeitherYesNorNoIsRefusedByItsVariable() {
        #expect(throws: RapportError.self) {
            try ServeEnvironment.arguments([], environment: ["RAPPORT_NO_DELIVERY": "maybe"])
        }
        let error = #expect(throws: RapportError.self) {
            try ServeEnvironment.arguments([], environment: ["RAPPORT_DEMO": "sometimes"])
        }
        #expect(error?.field == "RAPPORT_DEMO")
        #expect(error?.message.contains("'sometimes'") == true)
    }

    @Test func variablesAreNamedAfterTheirOptions() {
        #expect(ServeEnvironment.variable(for: "db") == "RAPPORT_DB")
        #expect(ServeEnvironment.variable(for: "no-delivery") == "RAPPORT_NO_DELIVERY")
        #expect(ServeEnvironment.options.map(\.name).contains("trusted-proxy"))
    }

    @Test func forwardedHeadersCountOnlyFromATrustedProxy() throws {
        let proxies = try TrustedProxies(["127.0.0.1", "10.0.0.2"])
        #expect(
            proxies.client(peer: "192.0.2.7", forwardedFor: "203.0.113.9", forwardedProto: "https")
                == ("192.0.2.7", false))
        #expect(
            proxies.client(peer: "127.0.0.1", forwardedFor: "203.0.113.9", forwardedProto: "https")
                == ("203.0.113.9", true))
        // A client's own X-Forwarded-For is the left part: the proxy appended the address it saw.
        #expect(
            proxies.client(peer: "127.0.0.1", forwardedFor: "6.6.6.6, 203.0.113.9, 10.0.0.2", forwardedProto: "http")
                == ("203.0.113.9", false))
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: nil, forwardedProto: nil) == ("127.0.0.1", false))
        #expect(
            proxies.client(peer: "127.0.0.1", forwardedFor: "not-an-address", forwardedProto: nil)
                == ("127.0.0.1", false))
        #expect(
            TrustedProxies.nobody.client(peer: nil, forwardedFor: "1.2.3.4", forwardedProto: "https") == (nil, false))
        #expect(throws: TrustedProxies.ProblemAddress(text: "proxy.local")) { try TrustedProxies(["proxy.local"]) }
    }

    /// Over a real socket from 127.0.0.1: the proxy's word counts only when 127.0.0.1 is trusted.
    @Test(arguments: [true, false])
    func httpsFromAProxyAsksForHSTSOnlyWhenTheProxyIsTrusted(trusted: Bool) async throws {
        let server = ServerConfiguration(
            port: 0, adminToken: adminToken, runsDelivery: false,
            trustedProxies: try TrustedProxies(trusted ? ["127.0.0.1"] : []))
        try await withAPI(server: server, mode: .live) { api, _ in
            let answer = try await api.client.execute(
                uri: "/api/v1/me", method: .get,
                headers: [.authorization: "Bearer \(adminToken)", HTTPField.Name("X-Forwarded-Proto")!: "https"])
            #expect(answer.status == .ok)
            let hsts = HTTPField.Name("Strict-Transport-Security").flatMap { answer.headers[$0] }
            #expect(hsts == (trusted ? "max-age=31536000" : nil))
        }
    }

    /// Runs the built `rapport` with `environment` added to the test's own.
    static func rapport(_ arguments: [String], environment: [String: String]) async throws -> CLITests.Outcome {
        try await offPool { try run(arguments, environment: environment) }
    }

    /// Runs `rapport` and waits for it on the calling thread: only through `offPool`.
    private static func run(_ arguments: [String], environment: [String: String]) throws -> CLITests.Outcome {
        let process = Process()
        process.executableURL = CLITests.packageRoot.appendingPathComponent(".build/debug/rapport")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        return CLITests.Outcome(
            status: process.waitForExit(), output: String(decoding: outData, as: UTF8.self),
            error: String(decoding: errData, as: UTF8.self))
    }

    @Test func serveHelpListsEveryOptionAndItsVariable() async throws {
        let help = try await Self.rapport(["serve", "--help"], environment: [:])
        #expect(help.status == 0)
        let text = help.output.replacingOccurrences(of: "\n", with: " ")
        let listed = Set(
            text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "(" || $0 == "<" })
                .filter { $0.hasPrefix("--") && $0.count > 2 }
                .map { String($0.dropFirst(2).prefix { $0.isLetter || $0 == "-" }) })
        #expect(listed.subtracting(["help", "version"]) == Set(ServeEnvironment.options.map(\.name)))
        for option in ServeEnvironment.options {
            #expect(text.contains(ServeEnvironment.variable(for: option.name)), "\(option.name)")
        }
    }

    @Test func serveReadsItsOptionsFromTheEnvironmentAndTheCommandLineWins() async throws {
        let badProxy = try await Self.rapport(["serve"], environment: ["RAPPORT_TRUSTED_PROXY": "proxy.local"])
        #expect(badProxy.status == 64)
        #expect(
            badProxy.error.contains("--trusted-proxy must be an IP address, not 'proxy.local'"), "\(badProxy.error)")
        let badPort = try await Self.rapport(["serve"], environment: ["RAPPORT_PORT": "70000"])
        #expect(badPort.status == 64)
        #expect(badPort.error.contains("--port must be between 0 and 65535"), "\(badPort.error)")
        // The command line's good value wins over the environment's bad one: the run fails later, on the missing
        // database folder (73), not on the port.
        let folder = NSTemporaryDirectory() + "rapport-missing-\(UUID().uuidString)/r.sqlite"
        let overridden = try await Self.rapport(
            ["serve", "--port", "0", "--db", folder], environment: ["RAPPORT_PORT": "70000", "RAPPORT_DB": ":memory:"])
        #expect(overridden.status == 73, "\(overridden.error)")
        let flag = try await Self.rapport(["serve"], environment: ["RAPPORT_DEMO": "sometimes"])
        #expect(flag.status == 64)
        #expect(flag.error.contains("RAPPORT_DEMO must be true or false"), "\(flag.error)")
    }
}
