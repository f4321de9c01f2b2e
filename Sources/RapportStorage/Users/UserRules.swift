import HummingbirdBcrypt
import RapportCore

/// Users: passwords are hashed before they are stored; the built-in ADMIN stays an active admin.
///
/// bcrypt is slow on purpose, so it never runs inside a transaction (where it would hold the write lock, or a
/// pooled connection) nor on a cooperative thread: a password is hashed before the write transaction starts,
/// and checked after the read that fetched its hash, both on `BlockingWork` threads.
package struct UserRules: ResourceRules {
    package static let builtInAdmin = "ADMIN"
    /// bcrypt work factor: slow enough to resist guessing, fast enough for a sign-in.
    static let bcryptCost: UInt8 = 10

    package init() {}

    /// Checks a sent password and replaces it with its bcrypt hash; the transaction then stores the hash.
    package func prepareBeforeTransaction(_ record: Record) async throws(RapportError) -> Record {
        guard let password = record.scalars["password"]?.textValue, !password.isEmpty else { return record }
        guard password.count >= 8 else {
            throw RapportError.validation("password", "password must be at least 8 characters.")
        }
        var record = record
        record["password"] = .text(await Self.hash(password))
        return record
    }

    package func prepare(_ record: inout Record, existing: Record?, _ connection: any SQLConnection) throws {
        let password = record.text("password")
        guard password.isEmpty || Self.isHash(password) else {
            // Hashing here would hold the transaction for bcrypt's time; prepareBeforeTransaction does it.
            throw RapportError(.unavailable, "A password must be hashed before the write transaction starts.")
        }
        if record.text("userId") == Self.builtInAdmin, existing != nil,
            record.text("role") != Role.admin.rawValue || !record.isTrue("active")
        {
            throw RapportError(.conflict, "The built-in ADMIN user must stay an active admin.", field: "role")
        }
    }

    package func checkDelete(_ key: String, _ connection: any SQLConnection) throws {
        if key == Self.builtInAdmin {
            throw RapportError(.conflict, "The built-in ADMIN user cannot be deleted.", field: "userId")
        }
    }

    /// The bcrypt hash of `password`, computed off the cooperative pool.
    static func hash(_ password: String) async -> String {
        await BlockingWork.run { Bcrypt.hash(password, cost: bcryptCost) }
    }

    /// Whether `password` matches `hash` (never for a user without a password), checked off the cooperative pool.
    static func verify(_ password: String, hash: String) async -> Bool {
        guard !hash.isEmpty else { return false }
        return await BlockingWork.run { Bcrypt.verify(password, hash: hash) }
    }

    /// Whether `text` has the shape of a bcrypt hash (`$2b$10$` and 53 characters of salt and digest).
    static func isHash(_ text: String) -> Bool {
        text.utf8.count == 60 && text.hasPrefix("$2")
            && text.split(separator: "$", omittingEmptySubsequences: false).count == 4
    }
}
