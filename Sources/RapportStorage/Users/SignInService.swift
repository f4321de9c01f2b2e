import Foundation
import RapportCore

/// Signing in to the web UI with a password, throttled per user ID: after `policy.maxFailures` failed
/// attempts within `policy.window`, every attempt for that user ID is refused until the window has passed
/// (the right password included). The failures are counted in the database, so the lockout holds across
/// instances and restarts. The clock is injected so tests need not wait.
public struct SignInService: Sendable {
    let store: Store
    let clock: @Sendable () -> Date
    public let policy: SignInPolicy

    public init(store: Store, policy: SignInPolicy = SignInPolicy(), clock: @escaping @Sendable () -> Date = Date.init)
    {
        self.store = store
        self.policy = policy
        self.clock = clock
    }

    /// The user ID as stored (trimmed, upper-cased); empty or too long for any user to have it: nil.
    static func normalized(_ userId: String) -> String? {
        let id = User.ID(userId).text
        return id.isEmpty || id.count > 50 ? nil : id
    }

    /// Checks the password of an active user. The hash is read in a short read; bcrypt checks it after the read
    /// has ended, off the cooperative pool; the outcome is then recorded in one write.
    public func signIn(userId: String, password: String) async throws(RapportError) -> SignInOutcome {
        guard let id = Self.normalized(userId) else { return .refused }
        let now = clock()
        let found = try await store.read { connection in
            (
                user: try connection.query(
                    "SELECT user_id, role, salesperson_code, password_hash FROM app_user WHERE user_id = ? AND active = 1",
                    [.text(id)]
                ).first,
                lock: try Self.lock(id, connection)
            )
        }
        if let lock = found.lock, let wait = lock.secondsLeft(at: now) { return .throttled(retryAfter: wait) }
        guard let row = found.user, let role = Role(rawValue: row.text("role")),
            await UserRules.verify(password, hash: row.text("password_hash"))
        else {
            return try await recordFailure(id, at: now)
        }
        let user = ActingUser(
            userId: row.text("user_id"), role: role, salespersonCode: row["salesperson_code"].nonBlankText)
        guard found.lock != nil else { return .signedIn(user) }
        // A lock may have been set by attempts racing this one: it wins over the right password.
        return try await store.write("clear failed sign-ins") { connection in
            if let lock = try Self.lock(id, connection), let wait = lock.secondsLeft(at: now) {
                return .throttled(retryAfter: wait)
            }
            try connection.execute("DELETE FROM sign_in_failure WHERE user_id = ?", [.text(id)])
            return .signedIn(user)
        }
    }

    /// Counts a failure; the one that reaches the limit within the window locks the user ID for a window (it is
    /// still answered as a wrong password: the attempts after it are refused).
    func recordFailure(_ id: String, at now: Date) async throws(RapportError) -> SignInOutcome {
        let policy = self.policy
        return try await store.write("record failed sign-in") { connection in
            let windowStart = StoredTime.text(now.addingTimeInterval(-policy.window))
            // Failures whose window has passed, and lockouts that ended, are forgotten.
            try connection.execute(
                "DELETE FROM sign_in_failure WHERE first_failed_at < ? AND (locked_until IS NULL OR locked_until < ?)",
                [.text(windowStart), .text(StoredTime.text(now))])
            let failures = (try Self.lock(id, connection)?.failures ?? 0) + 1
            let lockedUntil: SQLValue =
                failures >= policy.maxFailures
                ? .text(StoredTime.text(now.addingTimeInterval(policy.window))) : .null
            if failures == 1 {
                try connection.execute(
                    "INSERT INTO sign_in_failure (user_id, failures, first_failed_at, locked_until) VALUES (?, 1, ?, ?)",
                    [.text(id), .text(StoredTime.text(now)), lockedUntil])
            } else {
                try connection.execute(
                    "UPDATE sign_in_failure SET failures = ?, locked_until = COALESCE(locked_until, ?) WHERE user_id = ?",
                    [.integer(Int64(failures)), lockedUntil, .text(id)])
            }
            return .refused
        }
    }

    /// The failed sign-ins counted against a user ID now (nil when none are).
    public func lock(for userId: String) async throws(RapportError) -> SignInLock? {
        guard let id = Self.normalized(userId) else { return nil }
        let now = clock()
        let window = policy.window
        let lock = try await store.read { connection in try Self.lock(id, connection) }
        guard let lock, lock.secondsLeft(at: now) != nil || lock.firstFailedAt.addingTimeInterval(window) > now
        else { return nil }
        return lock
    }

    /// Clears a user ID's failed sign-ins (an admin on the user's page), recorded in the audit trail.
    public func clear(_ userId: String, by user: ActingUser) async throws(RapportError) {
        guard let id = Self.normalized(userId) else { throw RapportError.notFound("User", userId) }
        try await store.write("clear sign-in lock") { connection in
            guard let lock = try Self.lock(id, connection) else { return }
            try connection.execute("DELETE FROM sign_in_failure WHERE user_id = ?", [.text(id)])
            try AuditTrail.record(
                .update, Catalog.users.path, key: id,
                changes: [AuditChange("signInFailures", old: .integer(Int64(lock.failures)), new: .integer(0))],
                by: user, connection)
        }
    }

    static func lock(_ id: String, _ connection: any SQLConnection) throws -> SignInLock? {
        try connection.query(
            "SELECT failures, first_failed_at, locked_until FROM sign_in_failure WHERE user_id = ?", [.text(id)]
        ).first.map { row in
            SignInLock(
                failures: Int(row.int("failures")), firstFailedAt: StoredTime.date(row.text("first_failed_at")),
                lockedUntil: row["locked_until"].textValue.map(StoredTime.date))
        }
    }
}

/// How many failed sign-ins lock a user ID, and for how long.
public struct SignInPolicy: Sendable, Equatable {
    public var maxFailures: Int
    /// The window failures are counted in, and how long a lockout lasts (seconds).
    public var window: TimeInterval

    public init(maxFailures: Int = 10, window: TimeInterval = 15 * 60) {
        self.maxFailures = maxFailures
        self.window = window
    }
}

/// What a sign-in attempt came to.
public enum SignInOutcome: Sendable, Equatable {
    case signedIn(ActingUser)
    /// Wrong user ID or password (which of the two is not said).
    case refused
    /// Too many failed attempts for this user ID: try again after this many seconds.
    case throttled(retryAfter: Int)
}

/// The failed sign-ins counted against one user ID.
public struct SignInLock: Sendable, Equatable {
    public var failures: Int
    public var firstFailedAt: Date
    /// Set once the failures reached the limit: until then every attempt is refused.
    public var lockedUntil: Date?

    /// Whole seconds until the lockout ends (at least 1), or nil when the user ID is not locked at `now`.
    public func secondsLeft(at now: Date) -> Int? {
        guard let lockedUntil, lockedUntil > now else { return nil }
        return max(1, Int(lockedUntil.timeIntervalSince(now).rounded(.up)))
    }
}
