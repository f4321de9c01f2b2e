import Crypto
import Foundation
import RapportApp
import RapportCore
import Testing

@testable import RapportServer
@testable import RapportStorage

/// Web sessions live in the database: a restart or another instance keeps everyone signed in, only the token's
/// hash is stored, and ended sessions are swept.
@Suite("Web sessions in the database")
struct WebSessionStorageTests {
    @Test func aSessionTokenIsStoredOnlyAsItsSHA256() async throws {
        try await withAPI { api, services in
            let browser = try await signedInMary(api, role: "marketer")
            let token = try #require(browser.cookies["rapport_session"])
            #expect(token.count == 64)
            let rows = try await services.store.read { connection in
                try connection.query("SELECT token_hash, user_id, csrf_token FROM web_session", [])
            }
            #expect(rows.count == 1)
            let hash = SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
            #expect(rows.first?.text("token_hash") == hash)
            #expect(rows.first?.text("user_id") == "MARY")
            #expect(rows.first?.text("csrf_token") == browser.csrf)
            #expect(!rows.contains { $0.values.contains(.text(token)) })
        }
    }

    @Test func aSignedInBrowserStaysSignedInAcrossARestartAndOnAnotherInstance() async throws {
        try await withSharedDatabase { location in
            let kept = Shared<[String: String]>([:])
            try await withAPI(location: location) { first, _ in
                let browser = try await signedInMary(first, role: "marketer")
                kept.wrapped = browser.cookies
                let cookies = browser.cookies
                // A second instance on the same database, while the first still runs.
                try await withAPI(location: location) { second, secondServices in
                    var other = Browser(client: second.client, cookies: cookies)
                    let page = try await other.request(.get, "/segments")
                    #expect(page.status == 200)
                    #expect(page.html.contains("MARY"))
                    // A notice left by one instance shows once on the other.
                    let token = try #require(cookies["rapport_session"])
                    let session = try #require(try await secondServices.webSessions.session(token: token))
                    try await WebSessions(service: secondServices.webSessions).flash(session, "3 lines added.")
                }
                var again = Browser(client: first.client, cookies: cookies)
                let noticed = try await again.request(.get, "/segments")
                #expect(noticed.notice == "3 lines added.")
                let after = try await again.request(.get, "/segments")
                #expect(after.notice == "")
            }
            // The first instance has stopped: a restarted one still knows the session.
            try await withAPI(location: location) { restarted, _ in
                let cookies = kept.wrapped
                #expect(cookies["rapport_session"] != nil)
                var browser = Browser(client: restarted.client, cookies: cookies)
                let page = try await browser.request(.get, "/segments")
                #expect(page.status == 200)
                let signOut = try await browser.request(
                    .post, "/sign-out", form: ["csrf": page.csrf])
                #expect(signOut.status == 303)
                var stale = Browser(client: restarted.client, cookies: cookies)
                let signedOut = try await stale.request(.get, "/segments")
                #expect(signedOut.location == "/sign-in?next=/segments")
            }
        }
    }

    @Test func aSessionEndsAfterItsLifetimeAndTheSweepDeletesIt() async throws {
        let clock = TestClock()
        let configuration = ServicesConfiguration(clock: { clock.read() }, sessionLifetime: 3600)
        try await withAPI(configuration: configuration) { api, services in
            var browser = try await signedInMary(api, role: "viewer")
            let token = try #require(browser.cookies["rapport_session"])
            clock.advance(3599)
            let page = try await browser.request(.get, "/segments")
            #expect(page.status == 200)
            #expect(try await services.housekeeping.sweepOnce(now: clock.read())?.expiredSessions == 0)
            clock.advance(1)
            let ended = try await services.webSessions.session(token: token)
            #expect(ended == nil)
            let later = try await browser.request(.get, "/segments")
            #expect(later.status == 303)
            let count1 = try await services.webSessions.count()
            #expect(count1 == 1)
            let sweep = await services.housekeeping.sweepOnce(now: clock.read())
            #expect(sweep == Housekeeping.Sweep(expiredSessions: 1, abandonedJobs: 0, forgottenJobs: 0))
            let count0 = try await services.webSessions.count()
            #expect(count0 == 0)
        }
    }

    @Test func aTokenThatIsNotOneOfOursIsNotLookedUp() async throws {
        try await withAPI { _, services in
            for token in ["", "x' OR '1'='1", String(repeating: "a", count: 64)] {
                let session = try await services.webSessions.session(token: token)
                #expect(session == nil)
            }
        }
    }
}
