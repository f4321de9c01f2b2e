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
    public func create(_ user: Record) async throws(RapportError) -> Created {
        // bcrypt runs here, before the transaction, not inside it.
        let user = try await UserRules().prepareBeforeTransaction(user)
        let table = ResourceTable(Catalog.users)
        let now = Date()
        return try await store.write("create user") { connection in
            var record = user
            try UserRules().prepare(&record, existing: nil, connection)
            try ReferenceCheck.verify(record, fields: Catalog.users.fields, connection)
            try table.insert(record, connection)
            let token = try TokenService.issue(for: record.text("userId"), at: now, connection)
            return Created(user: try ResourceService.reread(record.text("userId"), table, connection), token: token)
        }
    }
}
