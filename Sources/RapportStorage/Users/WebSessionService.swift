import Foundation
import RapportCore

/// Signed-in browser sessions, kept in the database so that any instance serves any request and a restart signs
/// nobody out. The cookie carries a random token; the database holds only its SHA-256, so a copy of the database
/// signs nobody in. Each session has its CSRF secret and at most one notice for the next page (a flash). Sessions
/// end after `lifetime`; `sweep` deletes the ended ones. Session writes touch only their own row, so they do not
/// queue behind a long import.
public struct WebSessionService: Sendable {
    let store: Store
    let clock: @Sendable () -> Date
    /// How long a session lasts after signing in (seconds).
    public let lifetime: TimeInterval

    public init(
        store: Store, lifetime: TimeInterval = 8 * 3600, clock: @escaping @Sendable () -> Date = Date.init
    ) {
        self.store = store
        self.lifetime = lifetime
        self.clock = clock
    }

    /// Starts a session for `user`; the token in the answer is the only copy in clear.
    public func start(for user: ActingUser) async throws(RapportError) -> WebSession {
        let now = clock()
        let session = WebSession(
            token: TokenService.randomHex(bytes: 32), user: user, csrfToken: TokenService.randomHex(bytes: 32),
            expiresAt: now.addingTimeInterval(lifetime), flash: nil)
        try await store.independentWrite("start web session") { connection in
            try connection.execute(
                """
                INSERT INTO web_session (token_hash, user_id, csrf_token, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?)
                """,
                [
                    .text(TokenService.hash(session.token)), .text(user.userId), .text(session.csrfToken),
                    .text(StoredTime.text(now)), .text(StoredTime.text(session.expiresAt)),
                ])
        }
        return session
    }

    /// The live session of a cookie's token, with its user as they are now; nil when there is none, it has
    /// expired, or its user was deactivated.
    public func session(token: String) async throws(RapportError) -> WebSession? {
        guard Self.isWellFormed(token) else { return nil }
        let now = StoredTime.text(clock())
        let row = try await store.read { connection in
            try connection.query(
                """
                SELECT s.csrf_token, s.expires_at, s.flash, u.user_id, u.role, u.salesperson_code
                FROM web_session s JOIN app_user u ON u.user_id = s.user_id AND u.active = 1
                WHERE s.token_hash = ? AND s.expires_at > ?
                """, [.text(TokenService.hash(token)), .text(now)]
            ).first
        }
        guard let row, let role = Role(rawValue: row.text("role")) else { return nil }
        let user = ActingUser(
            userId: row.text("user_id"), role: role, salespersonCode: row["salesperson_code"].nonBlankText)
        return WebSession(
            token: token, user: user, csrfToken: row.text("csrf_token"),
            expiresAt: StoredTime.date(row.text("expires_at")), flash: row["flash"].textValue)
    }

    /// Ends a session (signing out).
    public func end(token: String) async throws(RapportError) {
        try await store.independentWrite("end web session") { connection in
            try connection.execute("DELETE FROM web_session WHERE token_hash = ?", [.text(TokenService.hash(token))])
        }
    }

    /// Leaves `text` for the next page the session shows (nil clears it once shown).
    public func setFlash(_ text: String?, token: String) async throws(RapportError) {
        try await store.independentWrite("set web session notice") { connection in
            try connection.execute(
                "UPDATE web_session SET flash = ? WHERE token_hash = ?",
                [text.map(SQLValue.text) ?? .null, .text(TokenService.hash(token))])
        }
    }

    /// Deletes the sessions that have ended; returns how many.
    @discardableResult
    public func sweep() async throws(RapportError) -> Int {
        let now = StoredTime.text(clock())
        return try await store.independentWrite("sweep web sessions") { connection in
            try connection.execute("DELETE FROM web_session WHERE expires_at <= ?", [.text(now)])
        }
    }

    /// How many sessions are stored, ended or not (for the tests and the operator).
    public func count() async throws(RapportError) -> Int {
        try await store.read { connection in
            Int(try connection.scalar("SELECT COUNT(*) FROM web_session")?.intValue ?? 0)
        }
    }

    /// Tokens are 64 hex digits; anything else is not looked up.
    static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 64 && token.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}

/// A signed-in browser session.
public struct WebSession: Sendable, Equatable {
    /// The cookie's value; in clear only in the answer to `start` and to the holder of the cookie.
    public var token: String
    public var user: ActingUser
    /// The secret every form and cookie-authenticated API write of this session carries.
    public var csrfToken: String
    public var expiresAt: Date
    /// The notice a redirect left for the next page.
    public var flash: String?
}
