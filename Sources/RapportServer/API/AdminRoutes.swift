import Foundation
import Hummingbird
import RapportCore
import RapportStorage

/// Setup, users and their tokens, and who am I.
struct AdminRoutes {
    let store: Store
    let users: UserService
    let tokens: TokenService

    func register(on table: APIRouteTable) {
        registerSetup(on: table)
        ResourceRoutes(
            service: users.resource, writeRole: .admin, readRole: .admin, includeCreate: false,
            includeDelete: false, includePut: false
        ).register(on: table)
        registerUserCreation(on: table)
        registerTokens(on: table)
    }

    private func registerSetup(on table: APIRouteTable) {
        let setup = SetupService(store: store)
        let fields = Catalog.setup.fields.filter { $0.name != "id" }
        let output = table.schemas.ref("Setup") { ResourceSchemas.outputObject(fields) }
        let patch = table.schemas.ref("SetupPatch") { ResourceSchemas.inputObject(fields, partial: true) }
        table.add(
            APIOperation(
                method: .get, path: "/api/v1/setup", operationId: "getSetup",
                summary: "Company information, SMTP, numbering and time zone.", tag: "setup", role: .viewer,
                response: .json(output))
        ) { _, _ in JSONResponse.make(try await setup.get()) }
        table.add(
            APIOperation(
                method: .patch, path: "/api/v1/setup", operationId: "patchSetup",
                summary: "Change setup fields; the SMTP password is kept unless sent.", tag: "setup", role: .admin,
                request: .json(patch), response: .json(output))
        ) { request, context in
            JSONResponse.make(try await setup.update(JSONResponse.readBody(request, context: context)))
        }
    }

    private func registerUserCreation(on table: APIRouteTable) {
        let users = self.users
        let input = table.schemas.ref("UserInput") { ResourceSchemas.inputObject(Catalog.users.fields, partial: false) }
        let created = table.schemas.ref("UserCreated") {
            ResourceSchemas.object(
                [
                    ("userId", ResourceSchemas.type("string")), ("role", ResourceSchemas.type("string")),
                    ("salespersonCode", ResourceSchemas.nullable("string")),
                    ("tokenId", ResourceSchemas.type("string")), ("token", ResourceSchemas.type("string")),
                ], required: ["userId", "role", "salespersonCode", "tokenId", "token"])
        }
        table.add(
            APIOperation(
                method: .post, path: "/api/v1/users", operationId: "createUser",
                summary: "Create a user; the answer carries its first token, shown once.", tag: "users", role: .admin,
                request: .json(input), successStatus: 201, response: .json(created))
        ) { request, context in
            JSONResponse.make(
                try await users.create(JSONResponse.readBody(request, context: context)), status: .created)
        }
        let user = table.schemas.ref("User") { ResourceSchemas.outputObject(Catalog.users.fields) }
        let service = users.resource
        table.add(
            APIOperation(
                method: .get, path: "/api/v1/me", operationId: "getMe", summary: "The signed-in user.", tag: "users",
                role: .viewer, response: .json(user))
        ) { _, context in
            let me = try context.actingUser()
            return JSONResponse.make(try await service.get(me.userId))
        }
    }

    private func registerTokens(on table: APIRouteTable) {
        let tokens = self.tokens
        let token = table.schemas.ref("IssuedToken") {
            ResourceSchemas.object(
                [
                    ("tokenId", ResourceSchemas.type("string")), ("token", ResourceSchemas.type("string")),
                ], required: ["tokenId", "token"])
        }
        let tokenList = table.schemas.ref("TokenList") {
            let item = ResourceSchemas.object(
                [
                    ("tokenId", ResourceSchemas.type("string")), ("createdAt", ResourceSchemas.type("string")),
                    ("lastUsedAt", ResourceSchemas.nullable("string")),
                ], required: ["tokenId", "createdAt", "lastUsedAt"])
            return ResourceSchemas.object(
                [("items", ResourceSchemas.type("array", [("items", item)]))],
                required: ["items"])
        }
        let path = "/api/v1/users/{userId}/tokens"
        table.add(
            APIOperation(
                method: .get, path: path, operationId: "listTokens", summary: "A user's tokens (never the secrets).",
                tag: "users", role: .admin, response: .json(tokenList))
        ) { _, context in
            let items = try await tokens.list(for: try Self.userId(context))
            return JSONResponse.make(.object(JSONObject([("items", .array(items))])))
        }
        table.add(
            APIOperation(
                method: .post, path: path, operationId: "createToken", summary: "Issue another token, shown once.",
                tag: "users", role: .admin, successStatus: 201, response: .json(token))
        ) { _, context in
            let issued = try await tokens.issue(for: try Self.userId(context))
            return JSONResponse.make(
                .object(JSONObject([("tokenId", .string(issued.tokenId)), ("token", .string(issued.token))])),
                status: .created)
        }
        table.add(
            APIOperation(
                method: .delete, path: path + "/{tokenId}", operationId: "revokeToken", summary: "Revoke a token.",
                tag: "users", role: .admin, successStatus: 204)
        ) { _, context in
            try await tokens.revoke(
                userId: try Self.userId(context), tokenId: try context.parameters.require("tokenId"))
            return JSONResponse.noContent()
        }
    }

    static func userId(_ context: RapportRequestContext) throws -> String {
        try context.parameters.require("userId").trimmingCharacters(in: .whitespaces).uppercased()
    }
}
