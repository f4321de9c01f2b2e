import Foundation
import HTTPTypes
import Hummingbird
import Logging
import RapportCore
import RapportStorage

// MARK: - Signing in

extension WebRoutes {
    func signInPage(
        _ request: Request, error: String?, userId: String = "", status: HTTPResponse.Status = .ok,
        next: String? = nil
    ) -> Response {
        let token = request.cookie(Self.csrfCookie) ?? WebSessions.randomToken()
        var response = render(
            "sign-in", title: "Sign in",
            data: [
                "csrf": token, "userId": userId, "error": error as Any,
                // A refused sign-in keeps where the user was going (the form's, not the post's query).
                "next": Self.safeNext(next ?? request.queryValue("next") ?? ""),
            ],
            session: nil, status: status)
        response.headers[values: .setCookie].append("\(Self.csrfCookie)=\(token); Path=/; HttpOnly; SameSite=Strict")
        return response
    }

    /// Checks the password (throttled per user ID), logs the outcome with the user ID and the client's address,
    /// and starts a session.
    func signIn(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let form = try await WebForm.read(request)
        guard let expected = request.cookie(Self.csrfCookie), form["csrf"] == expected else { return Self.forbidden() }
        let userId = form["userId"]
        let outcome = try await services.signIn.signIn(userId: userId, password: form["password"])
        Self.log(outcome, userId: userId, request, context)
        switch outcome {
        case .refused:
            return signInPage(
                request, error: "The user ID or password is not right.", userId: userId, status: .unprocessableContent,
                next: form["next"])
        case .throttled(let seconds):
            var response = signInPage(
                request, error: Self.throttledMessage(seconds), userId: userId, status: .tooManyRequests,
                next: form["next"])
            response.headers[.retryAfter] = String(seconds)
            return response
        case .signedIn(let user):
            let session = try await sessions.start(user)
            let next = Self.safeNext(form["next"])
            var response = Self.redirect(next.isEmpty ? "/" : next)
            let secure = context.isHTTPS ? "; Secure" : ""
            response.headers[values: .setCookie].append(
                "\(WebSessions.cookieName)=\(session.token); Path=/; HttpOnly; SameSite=Lax\(secure)")
            return response
        }
    }

    /// Plain words: what happened, and when to try again.
    static func throttledMessage(_ seconds: Int) -> String {
        let minutes = (seconds + 59) / 60
        let wait = minutes <= 1 ? "a minute" : "\(minutes) minutes"
        return "Too many failed sign-ins for this user ID. Signing in is blocked for now: try again in \(wait), "
            + "or ask an administrator to clear the block."
    }

    /// One log line per attempt: the user ID as typed (never the password) and where the request came from.
    static func log(_ outcome: SignInOutcome, userId: String, _ request: Request, _ context: RapportRequestContext) {
        // The client's address: the peer's, or the one a trusted proxy forwarded (`TrustedProxies`).
        var metadata: Logger.Metadata = [
            "userId": "\(userId.prefix(50))", "address": "\(context.clientAddress ?? "unknown")",
        ]
        if let peer = context.remoteAddress?.ipAddress, peer != context.clientAddress {
            metadata["proxy"] = "\(peer)"
        }
        switch outcome {
        case .signedIn: context.logger.info("sign-in succeeded", metadata: metadata)
        case .refused: context.logger.warning("sign-in failed", metadata: metadata)
        case .throttled(let seconds):
            metadata["retryAfter"] = "\(seconds)"
            context.logger.warning("sign-in refused: too many failed attempts", metadata: metadata)
        }
    }
}
