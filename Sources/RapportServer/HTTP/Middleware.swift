import Foundation
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

/// Authenticates `/api` requests with a bearer token (the admin token, or a user's token).
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = RapportRequestContext
    let adminToken: String?
    let tokens: TokenService

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    )
        async throws -> Response
    {
        guard request.uri.path.hasPrefix("/api/") else { return try await next(request, context) }
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw RapportError(.unauthenticated, "Send 'Authorization: Bearer <token>'.")
        }
        let token = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        var context = context
        if let adminToken, !adminToken.isEmpty, Self.constantTimeEqual(token, adminToken) {
            context.user = ActingUser(userId: UserRules.builtInAdmin, role: .admin)
        } else if let user = try await tokens.authenticate(token) {
            context.user = user
        } else {
            throw RapportError(.unauthenticated, "The bearer token is not valid (revoked, or the user is inactive).")
        }
        return try await next(request, context)
    }

    static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// One log line per request: method, path, status, duration.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = RapportRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    )
        async throws -> Response
    {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        context.logger.info(
            "request",
            metadata: [
                "method": "\(request.method.rawValue)", "path": "\(request.uri.path)",
                "status": "\(response.status.code)", "ms": "\(String(format: "%.1f", milliseconds))",
            ])
        return response
    }
}
