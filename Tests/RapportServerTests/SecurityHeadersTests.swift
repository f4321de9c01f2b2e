import Foundation
import HTTPTypes
import HummingbirdTesting
import RapportCore
import Testing

@testable import RapportServer

@Suite("Security headers")
struct SecurityHeadersTests {
    static func header(_ name: String, _ headers: HTTPFields) -> String? {
        HTTPField.Name(name).flatMap { headers[$0] }
    }

    /// The headers every HTML page must carry, described for the failure message when one is missing.
    static func pageHeaderProblems(_ headers: HTTPFields) -> [String] {
        var problems: [String] = []
        let policy = header("Content-Security-Policy", headers) ?? ""
        for directive in ["default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'"]
        where !policy.contains(directive) {
            problems.append("CSP lacks \(directive)")
        }
        if policy.contains("unsafe-inline") || policy.contains("unsafe-eval") { problems.append("CSP allows inline") }
        if header("X-Content-Type-Options", headers) != "nosniff" { problems.append("no nosniff") }
        if header("Referrer-Policy", headers) != "same-origin" { problems.append("no Referrer-Policy") }
        if header("X-Frame-Options", headers) != "DENY" { problems.append("no X-Frame-Options") }
        return problems
    }

    @Test func everyWebPageCarriesTheSecurityHeaders() async throws {
        try await withAPI { api, services in
            var (_, pages) = try await WebAssetsTests.visitEveryPage(api, services)
            var visitor = Browser(client: api.client)
            pages.append(try await visitor.request(.get, "/sign-in"))
            pages.append(try await visitor.follow(try await visitor.request(.get, "/segments")))
            for page in pages {
                #expect(page.contentType?.hasPrefix("text/html") == true, "\(page.path)")
                #expect(Self.pageHeaderProblems(page.headers) == [], "\(page.path): \(page.status)")
                // Plain HTTP: no HSTS, which would pin a browser to HTTPS that the server does not serve.
                #expect(Self.header("Strict-Transport-Security", page.headers) == nil, "\(page.path)")
            }
        }
    }

    /// Over a real socket, as the proxy's word counts only from a trusted proxy (`--trusted-proxy`).
    @Test func behindAnHTTPSProxyPagesAndAnswersAskForHSTS() async throws {
        let server = ServerConfiguration(
            port: 0, adminToken: adminToken, runsDelivery: false, trustedProxies: try TrustedProxies(["127.0.0.1"]))
        try await withAPI(server: server, mode: .live) { api, _ in
            var visitor = Browser(client: api.client)
            let https: HTTPFields = [HTTPField.Name("X-Forwarded-Proto")!: "https"]
            let page = try await visitor.request(.get, "/sign-in", headers: https)
            #expect(Self.header("Strict-Transport-Security", page.headers) == "max-age=31536000")
            #expect(Self.pageHeaderProblems(page.headers) == [])
            let answer = try await api.client.execute(
                uri: "/api/v1/me", method: .get,
                headers: [.authorization: "Bearer \(adminToken)", HTTPField.Name("X-Forwarded-Proto")!: "https"])
            #expect(Self.header("Strict-Transport-Security", answer.headers) == "max-age=31536000")
        }
    }

    @Test func apiAnswersAreNosniffAndNotStored() async throws {
        try await withAPI { api, _ in
            try await seedContactMasterData(api)
            for path in [
                "/api/v1/me", "/api/v1/users", "/api/v1/contacts", "/api/v1/audit-log", "/api/v1/contacts/export",
            ] {
                let answer = try await api.get(path)
                #expect(answer.status == 200, "\(path)")
                #expect(Self.header("X-Content-Type-Options", answer.headers) == "nosniff", "\(path)")
                #expect(answer.headers[.cacheControl] == "no-store", "\(path)")
                #expect(Self.header("Content-Security-Policy", answer.headers) == nil, "\(path)")
            }
            let refused = try await api.acting(as: nil).get("/api/v1/contacts")
            #expect(refused.status == 401)
            #expect(refused.headers[.cacheControl] == "no-store")
            #expect(Self.header("X-Content-Type-Options", refused.headers) == "nosniff")
            let health = try await api.get("/health")
            #expect(Self.header("X-Content-Type-Options", health.headers) == "nosniff")
        }
    }
}
