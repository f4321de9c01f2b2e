import HummingbirdBcrypt
import RapportCore

/// Users: passwords are hashed before they are stored; the built-in ADMIN stays an active admin.
package struct UserRules: ResourceRules {
    package static let builtInAdmin = "ADMIN"
    /// bcrypt work factor: slow enough to resist guessing, fast enough for a sign-in.
    static let bcryptCost: UInt8 = 10

    package init() {}

    package func prepare(_ record: inout Record, existing: Record?, _ connection: any SQLConnection) throws {
        if let password = record.scalars["password"]?.textValue, !password.isEmpty {
            guard password.count >= 8 else {
                throw RapportError.validation("password", "password must be at least 8 characters.")
            }
            record["password"] = .text(Bcrypt.hash(password, cost: Self.bcryptCost))
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

    static func verify(_ password: String, hash: String) -> Bool {
        !hash.isEmpty && Bcrypt.verify(password, hash: hash)
    }
}
