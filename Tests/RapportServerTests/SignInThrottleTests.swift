import Foundation
import HummingbirdTesting
import Logging
import RapportApp
import RapportCore
import Testing

@testable import RapportServer

/// A clock the test moves: lockouts end without waiting.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var now = Date(timeIntervalSince1970: 1_800_000_000)

    func read() -> Date { lock.withLock { now } }
    func advance(_ seconds: TimeInterval) { lock.withLock { now += seconds } }
}

/// Keeps what the application logs, to check what a sign-in wrote.
final class LogRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [(message: String, metadata: Logger.Metadata)] = []

    func add(_ message: String, _ metadata: Logger.Metadata) { lock.withLock { events.append((message, metadata)) } }
    func messages(_ text: String) -> [Logger.Metadata] {
        lock.withLock { events.filter { $0.message == text } }.map(\.metadata)
    }

    var logger: Logger { Logger(label: "test") { _ in RecordingHandler(recorder: self) } }

    struct RecordingHandler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            recorder.add(event.message.description, metadata.merging(event.metadata ?? [:]) { $1 })
        }
    }
}

@Suite("Sign-in throttling")
struct SignInThrottleTests {
    /// A database two instances can share and a restart can reopen: a file for SQLite, a schema for PostgreSQL.
    static func sharedLocation() -> String {
        let location = freshDatabaseLocation()
        guard location == ":memory:" else { return location }
        return FileManager.default.temporaryDirectory.appendingPathComponent("rapport-\(UUID().uuidString).sqlite").path
    }

    /// Runs `body` against one application instance over `location`, with the test's clock and log.
    static func instance(
        _ location: String, _ clock: TestClock, _ log: LogRecorder,
        _ body: @escaping @Sendable (API, RapportServices) async throws -> Void
    ) async throws {
        let services = try await DatabaseOpener.open(location, configuration: ServicesConfiguration(clock: clock.read))
        let app = try buildApplication(
            services: services, configuration: ServerConfiguration(adminToken: adminToken, runsDelivery: false),
            logger: log.logger)
        do {
            try await app.test(.router) { client in try await body(API(client: client), services) }
        } catch {
            try? await services.store.close()
            throw error
        }
        try await services.store.close()
    }

    @Test func tenFailuresLockTheUserIDOnEveryInstanceAndAfterARestartUntilTheWindowPasses() async throws {
        let location = Self.sharedLocation()
        let clock = TestClock()
        let log = LogRecorder()
        try await Self.instance(location, clock, log) { api, _ in
            let created = try await api.post(
                "/api/v1/users", #"{"userId": "ANN", "role": "viewer", "password": "correct horse"}"#)
            #expect(created.status == 201)
            var browser = Browser(client: api.client)
            for attempt in 1...10 {
                let refused = try await browser.signIn("ann", "wrong horse \(attempt)")
                #expect(refused.status == 422, "attempt \(attempt)")
                clock.advance(10)
            }
            let locked = try await browser.signIn("ANN", "correct horse")
            #expect(locked.status == 429)
            #expect(locked.headers[.retryAfter] == "890")
            #expect(locked.html.contains("Too many failed sign-ins for this user ID"))
            #expect(locked.html.contains("try again in 15 minutes"))
            #expect(!locked.html.contains("correct horse"))
            // Another instance over the same database, while this one runs.
            try await Self.instance(location, clock, log) { other, _ in
                var elsewhere = Browser(client: other.client)
                let page = try await elsewhere.signIn("ANN", "correct horse")
                #expect(page.status == 429)
                #expect(page.headers[.retryAfter] == "890")
            }
            // Other user IDs are not locked.
            #expect(try await browser.signIn("BOB", "whatever").status == 422)
        }
        clock.advance(800)
        // A restart: the database is opened again.
        try await Self.instance(location, clock, log) { api, _ in
            var browser = Browser(client: api.client)
            let page = try await browser.signIn("ANN", "correct horse")
            #expect(page.status == 429)
            #expect(page.headers[.retryAfter] == "90")
            clock.advance(89)
            #expect(try await browser.signIn("ANN", "correct horse").status == 429)
            clock.advance(1)
            #expect(try await browser.signIn("ANN", "correct horse").status == 303)
        }
        let failed = log.messages("sign-in failed")
        #expect(failed.count == 11)
        #expect(failed.first?["userId"] == "ann")
        #expect(failed.allSatisfy { $0["address"] != nil })
        #expect(log.messages("sign-in refused: too many failed attempts").count == 4)
        #expect(log.messages("sign-in succeeded").map { $0["userId"] } == ["ANN"])
        #expect(!log.messages("sign-in failed").contains { "\($0)".contains("wrong horse") })
        if !location.hasPrefix("postgres") { try? FileManager.default.removeItem(atPath: location) }
    }

    @Test func aSuccessOrAPassedWindowForgetsFailuresAndAnAdminCanClearALock() async throws {
        let clock = TestClock()
        let log = LogRecorder()
        try await Self.instance(freshDatabaseLocation(), clock, log) { api, services in
            #expect(try await api.post("/api/v1/salespeople", #"{"code": "JO"}"#).status == 201)
            var admin = try await signedIn(api, role: "admin", userId: "BOSS")
            #expect(
                try await api.post(
                    "/api/v1/users", #"{"userId": "ANN", "role": "viewer", "password": "correct horse"}"#
                ).status == 201)
            var browser = Browser(client: api.client)
            for _ in 1...9 { #expect(try await browser.signIn("ANN", "wrong").status == 422) }
            #expect(try await browser.signIn("ANN", "correct horse").status == 303)
            for _ in 1...9 { #expect(try await browser.signIn("ANN", "wrong").status == 422) }
            clock.advance(15 * 60 + 1)
            #expect(try await browser.signIn("ANN", "wrong").status == 422)
            #expect(try await services.signIn.lock(for: "ANN")?.failures == 1)
            for _ in 1...9 { #expect(try await browser.signIn("ANN", "wrong").status == 422) }
            #expect(try await browser.signIn("ANN", "correct horse").status == 429)

            let userPage = try await admin.request(.get, "/users/ANN")
            #expect(
                userPage.text(id: "sign-in-lock")?.hasPrefix("Signing in is blocked after 10 failed sign-ins") == true)
            let cleared = try await admin.submit("/users/ANN/sign-in-lock/clear")
            #expect(cleared.notice == "The failed sign-ins of ANN were cleared.")
            #expect(cleared.text(id: "sign-in-lock") == "No failed sign-ins are counted against ANN.")
            #expect(try await browser.signIn("ANN", "correct horse").status == 303)
            let entry = try await api.get("/api/v1/audit-log?resource=users&key=ANN&changes=*signInFailures*")
            #expect(entry.json["items"]?[0]?["userId"]?.string == "BOSS")
            #expect(entry.json["items"]?[0]?["changes"]?["signInFailures"]?.array == [.number(10), .number(0)])
        }
    }
}
