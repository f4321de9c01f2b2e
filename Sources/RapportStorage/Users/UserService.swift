import Foundation
import RapportCore

/// Creating a user also issues its first token, in the same transaction.
public struct UserService: Sendable {
    public let resource: ResourceService
    let store: Store

    public init(store: Store) {
        self.store = store
        self.resource = ResourceService(Catalog.users, rules: UserRules(), store: store)
    }

    /// A new user and the first token issued for it (its secret shown this once).
    public struct Created: Sendable {
        public var user: Record
        public var token: TokenService.IssuedToken
    }

    /// Creates a user from every writable field of `Catalog.users` (defaults where none was sent).
    /// The audit trail records the user (the password only as changed) and the token (never its secret).
    public func create(_ user: Record, by actor: ActingUser) async throws(RapportError) -> Created {
        // bcrypt runs here, before the transaction, not inside it.
        let user = try await UserRules().prepareBeforeTransaction(user)
        let table = ResourceTable(Catalog.users)
        let now = Date()
        return try await store.write("create user") { connection in
            var record = user
            try UserRules().prepare(&record, existing: nil, connection)
            try ReferenceCheck.verify(record, fields: Catalog.users.fields, connection)
            try table.insert(record, connection)
            let userId = record.text("userId")
            let created = try ResourceService.reread(userId, table, connection)
            try AuditTrail.record(
                .create, Catalog.users, key: userId, old: nil, new: created, sent: record, by: actor, connection)
            let token = try TokenService.issue(for: userId, at: now, by: actor, connection)
            return Created(user: created, token: token)
        }
    }
}
