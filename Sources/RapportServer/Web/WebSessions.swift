import Foundation
import RapportCore
import RapportStorage

/// Signed-in browser sessions: a random token in an HttpOnly, SameSite=Lax cookie, and a CSRF secret per
/// session that every form carries. They live in the database (`WebSessionService`, which stores only the
/// token's hash), so any instance serves any request and a restart signs nobody out.
struct WebSessions: Sendable {
    typealias Session = WebSession

    static let cookieName = "rapport_session"
    let service: WebSessionService

    /// A random value for the sign-in form's CSRF cookie (before there is a session).
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    func start(_ user: ActingUser) async throws(RapportError) -> Session {
        try await service.start(for: user)
    }

    /// The session of a cookie, with its user as they are now; nil once it expired or its user was deactivated.
    /// A database failure is thrown, not taken for "signed out": the page reports it.
    func current(_ token: String) async throws(RapportError) -> Session? {
        try await service.session(token: token)
    }

    func end(_ token: String) async throws(RapportError) {
        try await service.end(token: token)
    }

    /// Leaves a one-line notice for the page after a redirect ("4 lines added.").
    func flash(_ session: Session, _ text: String) async throws(RapportError) {
        try await service.setFlash(text, token: session.token)
    }

    /// The notice left for this page, cleared so it shows once.
    func takeFlash(_ session: Session) async throws(RapportError) -> String? {
        guard let flash = session.flash else { return nil }
        try await service.setFlash(nil, token: session.token)
        return flash
    }
}
