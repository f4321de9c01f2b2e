import Foundation
import Hummingbird
import RapportCore
import RapportStorage

/// The audit trail for admins: who changed setup, users, tokens and master data, and who deleted or canceled
/// what. A list like every other: `limit`, `cursor`, and a filter expression per field.
struct AuditLogController: Sendable {
    let auditLog: AuditLog

    func register(on table: APIRouteTable) {
        let entry = table.schemas.ref("AuditEntry") { Self.entrySchema }
        let page = table.schemas.ref("AuditEntryPage") { ResourceRoutes.pageSchema(entry) }
        table.add(
            APIOperation(
                method: .get, path: "/api/v1/audit-log", operationId: "listAuditLog",
                summary: "The audit trail, oldest first; secrets never appear.", tag: "audit-log", role: .admin,
                response: .json(page), queryParameters: ResourceRoutes.listParameters(Catalog.auditLog), isList: true),
            list)
    }

    @Sendable func list(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let page = try await auditLog.list(ListQuery(parameters: request.queryPairs))
        return JSONResponse.make(.page(page.items.map(\.json), nextCursor: page.nextCursor))
    }

    static var entrySchema: JSONValue {
        let pair = ResourceSchemas.type("array", [("minItems", .number(2)), ("maxItems", .number(2))])
        return ResourceSchemas.object(
            [
                ("entryNo", ResourceSchemas.type("integer")),
                ("at", ResourceSchemas.type("string", [("format", .string("date-time"))])),
                ("userId", ResourceSchemas.type("string")),
                (
                    "action",
                    ResourceSchemas.type(
                        "string", [("enum", .array(AuditEntry.Action.allCases.map { .string($0.rawValue) }))])
                ),
                ("resource", ResourceSchemas.type("string")), ("key", ResourceSchemas.type("string")),
                ("changes", ResourceSchemas.type("object", [("additionalProperties", pair)])),
            ], required: ["entryNo", "at", "userId", "action", "resource", "key", "changes"])
    }
}

extension AuditEntry: JSONRepresentable {
    var json: JSONValue {
        .object(
            JSONObject([
                ("entryNo", .integer(entryNo.value)), ("at", .string(at.formatted(.iso8601))),
                ("userId", .string(userId)), ("action", .string(action.rawValue)), ("resource", .string(resource)),
                ("key", .string(key)),
                ("changes", .object(JSONObject(changes.map { ($0.field, .array([$0.old.json, $0.new.json])) }))),
            ]))
    }
}

extension AuditValue {
    /// The value in its natural JSON shape.
    var json: JSONValue {
        switch self {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .integer(let number): .integer(number)
        case .number(let number): .number(number)
        case .text(let text): .string(text)
        case .list(let items): .array(items.map(\.json))
        case .object(let members): .object(JSONObject(members.keys.sorted().map { ($0, members[$0]?.json ?? .null) }))
        }
    }
}
