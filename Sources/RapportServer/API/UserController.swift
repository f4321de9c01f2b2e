import Foundation
import Hummingbird
import RapportCore
import RapportStorage

/// Users, who am I, and each user's API tokens.
struct UserController: Sendable {
    let users: UserService
    let tokens: TokenService

    static let codec = ResourceCodec(Catalog.users)
    static let tokensPath = "/api/v1/users/{userId}/tokens"

    func register(on table: APIRouteTable) {
        ResourceRoutes(
            service: users.resource, writeRole: .admin, readRole: .admin, includeCreate: false,
            includeDelete: false, includePut: false
        ).register(on: table)
        let input = table.schemas.ref("UserInput") { ResourceSchemas.inputObject(Catalog.users.fields, partial: false) }
        table.add(
            APIOperation(
                method: .post, path: "/api/v1/users", operationId: "createUser",
                summary: "Create a user; the answer carries its first token, shown once.", tag: "users", role: .admin,
                request: .json(input), successStatus: 201,
                response: .json(table.schemas.ref("UserCreated") { UserSchemas.created })),
            create)
        let user = table.schemas.ref("User") { ResourceSchemas.outputObject(Catalog.users.fields) }
        table.add(
            APIOperation(
                method: .get, path: "/api/v1/me", operationId: "getMe", summary: "The signed-in user.", tag: "users",
                role: .viewer, response: .json(user)),
            me)
        table.add(
            APIOperation(
                method: .get, path: Self.tokensPath, operationId: "listTokens",
                summary: "A user's tokens (never the secrets).", tag: "users", role: .admin,
                response: .json(table.schemas.ref("TokenList") { UserSchemas.tokenList })),
            listTokens)
        table.add(
            APIOperation(
                method: .post, path: Self.tokensPath, operationId: "createToken",
                summary: "Issue another token, shown once.", tag: "users", role: .admin, successStatus: 201,
                response: .json(table.schemas.ref("IssuedToken") { UserSchemas.issuedToken })),
            issueToken)
        table.add(
            APIOperation(
                method: .delete, path: Self.tokensPath + "/{tokenId}", operationId: "revokeToken",
                summary: "Revoke a token.", tag: "users", role: .admin, successStatus: 204),
            revokeToken)
    }

    @Sendable func create(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let created = try await users.create(
            try Self.codec.complete(try await request.json(context)), by: context.actingUser())
        return JSONResponse.make(created.json, status: .created)
    }

    @Sendable func me(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        JSONResponse.make(Self.codec.encode(try await users.resource.get(context.actingUser().userId)))
    }

    @Sendable func listTokens(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let items = try await tokens.list(for: context.key("userId", of: User.self).text)
        return JSONResponse.make(.page(items.map(\.json), nextCursor: nil))
    }

    @Sendable func issueToken(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let issued = try await tokens.issue(for: context.key("userId", of: User.self).text, by: context.actingUser())
        return JSONResponse.make(issued.json, status: .created)
    }

    @Sendable func revokeToken(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        try await tokens.revoke(
            userId: context.key("userId", of: User.self).text, tokenId: try context.parameters.require("tokenId"),
            by: context.actingUser())
        return JSONResponse.noContent()
    }
}

/// JSON schemas of the user and token answers.
enum UserSchemas {
    static var created: JSONValue {
        ResourceSchemas.object(
            [
                ("userId", ResourceSchemas.type("string")), ("role", ResourceSchemas.type("string")),
                ("salespersonCode", ResourceSchemas.nullable("string")),
                ("tokenId", ResourceSchemas.type("string")), ("token", ResourceSchemas.type("string")),
            ], required: ["userId", "role", "salespersonCode", "tokenId", "token"])
    }

    static var issuedToken: JSONValue {
        ResourceSchemas.object(
            [("tokenId", ResourceSchemas.type("string")), ("token", ResourceSchemas.type("string"))],
            required: ["tokenId", "token"])
    }

    static var tokenList: JSONValue {
        let item = ResourceSchemas.object(
            [
                ("tokenId", ResourceSchemas.type("string")), ("createdAt", ResourceSchemas.type("string")),
                ("lastUsedAt", ResourceSchemas.nullable("string")),
            ], required: ["tokenId", "createdAt", "lastUsedAt"])
        return ResourceRoutes.pageSchema(item)
    }
}

extension UserService.Created: JSONRepresentable {
    var json: JSONValue {
        .object(
            JSONObject([
                ("userId", .string(user.text("userId"))), ("role", .string(user.text("role"))),
                ("salespersonCode", .optional(user["salespersonCode"].nonBlankText)),
                ("tokenId", .string(token.tokenId)), ("token", .string(token.token)),
            ]))
    }
}

extension TokenService.IssuedToken: JSONRepresentable {
    var json: JSONValue {
        .object(JSONObject([("tokenId", .string(tokenId)), ("token", .string(token))]))
    }
}

extension TokenService.TokenInfo: JSONRepresentable {
    var json: JSONValue {
        .object(
            JSONObject([
                ("tokenId", .string(tokenId)), ("createdAt", .string(createdAt.formatted(.iso8601))),
                ("lastUsedAt", .optional(lastUsedAt?.formatted(.iso8601))),
            ]))
    }
}
