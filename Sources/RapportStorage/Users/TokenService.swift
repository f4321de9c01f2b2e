import Crypto
import Foundation
import RapportCore

/// Bearer tokens: random, shown once, stored only as their SHA-256, revocable.
public struct TokenService: Sendable {
    let store: Store
    let clock: @Sendable () -> Date

    public init(store: Store, clock: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.clock = clock
    }

    /// A new token for a user; the secret is in the answer and nowhere else.
    public struct IssuedToken: Sendable {
        public var tokenId: String
        public var token: String
    }

    /// A token as its owner may see it later: when it was made and last used, never the secret.
    public struct TokenInfo: Sendable, Equatable {
        public var tokenId: String
        public var createdAt: Date
        public var lastUsedAt: Date?
    }

    static func randomHex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Inserts a token for `userId` inside the caller's transaction; the audit trail records whose token it
    /// is, never the secret.
    static func issue(
        for userId: String, at date: Date, by actor: ActingUser, _ connection: any SQLConnection
    ) throws -> IssuedToken {
        let tokenId = randomHex(bytes: 6)
        let token = "rpt_\(tokenId)_\(randomHex(bytes: 24))"
        try connection.execute(
            "INSERT INTO api_token (token_id, user_id, token_hash, created_at) VALUES (?, ?, ?, ?)",
            [.text(tokenId), .text(userId), .text(hash(token)), .text(StoredTime.text(date))])
        try AuditTrail.record(
            .issue, "tokens", key: tokenId, changes: [AuditChange("userId", old: .null, new: .text(userId))], by: actor,
            connection, at: date)
        return IssuedToken(tokenId: tokenId, token: token)
    }

    public func issue(for userId: String, by actor: ActingUser) async throws(RapportError) -> IssuedToken {
        let now = clock()
        return try await store.write("issue token") { connection in
            guard try connection.exists("SELECT 1 FROM app_user WHERE user_id = ?", [.text(userId)]) else {
                throw RapportError.notFound("User", userId)
            }
            return try Self.issue(for: userId, at: now, by: actor, connection)
        }
    }

    /// A user's tokens, oldest first, without their secrets.
    public func list(for userId: String) async throws(RapportError) -> [TokenInfo] {
        try await store.read { connection in
            guard try connection.exists("SELECT 1 FROM app_user WHERE user_id = ?", [.text(userId)]) else {
                throw RapportError.notFound("User", userId)
            }
            return try connection.query(
                "SELECT token_id, created_at, last_used_at FROM api_token WHERE user_id = ? ORDER BY created_at, token_id",
                [.text(userId)]
            ).map { row in
                TokenInfo(
                    tokenId: row.text("token_id"), createdAt: StoredTime.date(row.text("created_at")),
                    lastUsedAt: row["last_used_at"].textValue.map(StoredTime.date))
            }
        }
    }

    public func revoke(userId: String, tokenId: String, by actor: ActingUser) async throws(RapportError) {
        let now = clock()
        try await store.write("revoke token") { connection in
            let deleted = try connection.execute(
                "DELETE FROM api_token WHERE user_id = ? AND token_id = ?", [.text(userId), .text(tokenId)])
            guard deleted > 0 else { throw RapportError.notFound("Token", tokenId) }
            try AuditTrail.record(
                .revoke, "tokens", key: tokenId, changes: [AuditChange("userId", old: .text(userId), new: .null)],
                by: actor, connection, at: now)
        }
    }

    /// The active user a token belongs to, or nil. Marks the token used at most once a minute, so
    /// reads do not turn into writes on every request.
    public func authenticate(_ token: String) async throws(RapportError) -> ActingUser? {
        let digest = Self.hash(token)
        let found = try await store.read { connection -> (ActingUser, String, String?)? in
            let rows = try connection.query(
                """
                SELECT u.user_id, u.role, u.salesperson_code, k.token_id, k.last_used_at
                FROM api_token k JOIN app_user u ON u.user_id = k.user_id
                WHERE k.token_hash = ? AND u.active = 1
                """, [.text(digest)])
            guard let row = rows.first, let role = Role(rawValue: row.text("role")) else { return nil }
            let user = ActingUser(
                userId: row.text("user_id"), role: role,
                salespersonCode: row["salesperson_code"].nonBlankText)
            return (user, row.text("token_id"), row["last_used_at"].textValue)
        }
        guard let (user, tokenId, lastUsed) = found else { return nil }
        let now = clock()
        let stale =
            lastUsed.map(StoredTime.date).map { now.timeIntervalSince($0) > 60 } ?? true
        if stale {
            _ = try await store.write("mark token used") { connection in
                try connection.execute(
                    "UPDATE api_token SET last_used_at = ? WHERE token_id = ?",
                    [.text(StoredTime.text(now)), .text(tokenId)])
            }
        }
        return user
    }

    /// A signed-in user as they are now: nil once deactivated or deleted, with today's role and
    /// salesperson (a web session checks this on every request, as a token is checked).
    public func activeUser(_ userId: String) async throws(RapportError) -> ActingUser? {
        let row = try await store.read { connection in
            try connection.query(
                "SELECT user_id, role, salesperson_code FROM app_user WHERE user_id = ? AND active = 1", [.text(userId)]
            ).first
        }
        guard let row, let role = Role(rawValue: row.text("role")) else { return nil }
        return ActingUser(
            userId: row.text("user_id"), role: role, salespersonCode: row["salesperson_code"].nonBlankText)
    }
}
