import Foundation
import RapportCore
import RapportStorage

/// Signed-in browser sessions: a random id in an HttpOnly, SameSite=Lax cookie, and a CSRF token per
/// session that every form carries. Kept in memory: signing in again after a restart is the price.
actor WebSessions {
    struct Session: Sendable {
        var id: String
        var user: ActingUser
        var csrfToken: String
        var expires: Date
    }

    static let cookieName = "rapport_session"
    static let lifetime: TimeInterval = 8 * 3600
    private var sessions: [String: Session] = [:]
    /// One-line notices for the page after a redirect ("4 lines added."), shown once.
    private var flashes: [String: String] = [:]

    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    func start(_ user: ActingUser) -> (id: String, session: Session) {
        let id = Self.randomToken()
        let session = Session(
            id: id, user: user, csrfToken: Self.randomToken(), expires: Date().addingTimeInterval(Self.lifetime))
        sessions[id] = session
        return (id, session)
    }

    func session(_ id: String) -> Session? {
        guard let session = sessions[id], session.expires > Date() else {
            sessions[id] = nil
            return nil
        }
        return session
    }

    /// The session of a cookie, with its user as they are now; a deactivated user's session ends.
    func current(_ id: String, tokens: TokenService) async -> Session? {
        guard var session = session(id) else { return nil }
        do {
            guard let user = try await tokens.activeUser(session.user.userId) else {
                end(id)
                return nil
            }
            session.user = user
        } catch {
            // The database failing is no reason to sign anyone out; the page reports the failure.
        }
        return session
    }

    func end(_ id: String) {
        sessions[id] = nil
        flashes[id] = nil
    }

    func flash(_ id: String, _ text: String) {
        flashes[id] = text
    }

    func takeFlash(_ id: String) -> String? {
        flashes.removeValue(forKey: id)
    }
}
