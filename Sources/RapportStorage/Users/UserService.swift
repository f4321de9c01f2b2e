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

    /// Creates a user and returns `{userId, role, salespersonCode, tokenId, token}`.
    public func create(_ body: JSONValue) async throws(RapportError) -> JSONValue {
        // bcrypt runs here, before the transaction, not inside it.
        let body = try await UserRules().prepareBeforeTransaction(body)
        let decoded = try RecordDecoder(fields: Catalog.users.fields).decode(body, mode: .full)
        let table = ResourceTable(Catalog.users)
        let now = Date()
        return try await store.write("create user") { connection in
            var record = decoded
            try UserRules().prepare(&record, existing: nil, connection)
            try ReferenceCheck.verify(record, fields: Catalog.users.fields, connection)
            try table.insert(record, connection)
            let token = try TokenService.issue(for: record.text("userId"), at: now, connection)
            return .object(
                JSONObject([
                    ("userId", .string(record.text("userId"))),
                    ("role", .string(record.text("role"))),
                    ("salespersonCode", record["salespersonCode"].nonBlankText.map { .string($0) } ?? .null),
                    ("tokenId", .string(token.tokenId)),
                    ("token", .string(token.token)),
                ]))
        }
    }
}
