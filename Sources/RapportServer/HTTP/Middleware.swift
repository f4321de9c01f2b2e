import Foundation
import HTTPTypes
import Hummingbird
import Logging
import RapportCore
import RapportStorage

/// Turns every error into the API's JSON error shape; a route that exists for another method is 405.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = RapportRequestContext
    let operations: [APIOperation]

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    )
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            var translated = ErrorResponse.translate(error)
            if translated.kind == .unavailable {
                context.logger.error("request failed", metadata: ["error": "\(error)"])
                translated.message = "The server could not complete the request; it has been logged."
            }
            if case let error as HTTPError = error, error.status == .notFound {
                let path = request.uri.path
                let allowed = operations.filter { $0.matches(path: path) }.map(\.method.rawValue)
                if !allowed.isEmpty {
                    var response = ErrorResponse.response(
                        for: RapportError(
                            .methodNotAllowed, "\(request.method.rawValue) is not supported on \(path).",
                            field: nil))
                    response.headers[.allow] = allowed.joined(separator: ", ")
                    return response
                }
                translated = RapportError(.notFound, "There is no route \(request.method.rawValue) \(path).")
            }
            return ErrorResponse.response(for: translated)
        }
    }
}

/// Keeps the body off every answer to `HEAD` (RFC 9110 §9.3.2): the route table answers `HEAD` on each `GET` route
/// with that route's handler, and this middleware, outside the error middleware, strips what it wrote, error
/// answers included, leaving status and headers as `GET` has them.
struct HeadMiddleware: RouterMiddleware {
    typealias Context = RapportRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    )
        async throws -> Response
    {
        let response = try await next(request, context)
        return request.method == .head ? response.createHeadResponse() : response
    }
}

/// Authenticates `/api` requests with a bearer token (the admin token, or a user's token), or with
/// the web UI's session cookie: the pages link to the API's downloads and the worksheet's live count
/// calls it. A cookie request that changes anything must carry the session's CSRF token in
/// `X-CSRF-Token`, so another site cannot ride on the cookie.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = RapportRequestContext
    let adminToken: String?
    let tokens: TokenService
    let sessions: WebSessions

    static let csrfHeader = HTTPField.Name("X-CSRF-Token")

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    )
        async throws -> Response
    {
        guard request.uri.path.hasPrefix("/api/") else { return try await next(request, context) }
        var context = context
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            context.user = try await sessionUser(request)
            return try await next(request, context)
        }
        let token = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        if let adminToken, !adminToken.isEmpty, Self.constantTimeEqual(token, adminToken) {
            context.user = ActingUser(userId: UserRules.builtInAdmin, role: .admin)
        } else if let user = try await tokens.authenticate(token) {
            context.user = user
        } else {
            throw RapportError(.unauthenticated, "The bearer token is not valid (revoked, or the user is inactive).")
        }
        return try await next(request, context)
    }

    private func sessionUser(_ request: Request) async throws(RapportError) -> ActingUser {
        guard let id = request.cookie(WebSessions.cookieName), let session = try await sessions.current(id) else {
            throw RapportError(.unauthenticated, "Send 'Authorization: Bearer <token>'.")
        }
        if request.method != .get, request.method != .head {
            guard let token = Self.csrfHeader.flatMap({ request.headers[$0] }),
                Self.constantTimeEqual(token, session.csrfToken)
            else {
                throw RapportError(
                    .forbidden, "A request signed in with the session cookie must send its CSRF token in X-CSRF-Token.")
            }
        }
        return session.user
    }

    static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// One log line per request: method, path, status, duration, and the user; the request id and client address
/// come with the logger (`RequestTracingMiddleware`).
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = RapportRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    )
        async throws -> Response
    {
        let start = ContinuousClock.now
        let tally = DatabaseTally()
        let response = try await DatabaseTally.$current.withValue(tally) { try await next(request, context) }
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        var metadata: Logger.Metadata = [
            "method": "\(request.method.rawValue)", "path": "\(request.uri.path)",
            "status": "\(response.status.code)", "ms": "\(String(format: "%.1f", milliseconds))",
        ]
        // Where the time went: queueing for database connections, or running on them.
        let database = tally.figures
        if database.transactions > 0 {
            metadata["db"] = "\(database.transactions)"
            metadata["dbWaitMs"] = "\(String(format: "%.1f", Double(database.waitNanoseconds) / 1e6))"
            metadata["dbRunMs"] = "\(String(format: "%.1f", Double(database.runNanoseconds) / 1e6))"
        }
        // The user is known only once authentication ran, further in (`RequestTrace`).
        if let userId = context.trace.userId { metadata["userId"] = "\(userId)" }
        context.logger.info("request", metadata: metadata)
        return response
    }
}
