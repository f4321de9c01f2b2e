import Hummingbird
import RapportCore
import RapportStorage

/// Registers the six operations of a master-data resource, all served by one `ResourceService`.
struct ResourceRoutes: Sendable {
    let service: ResourceService
    /// The least role that may write (marketer for most master data, admin for number series and users).
    let writeRole: Role
    var readRole: Role = .viewer
    var includeCreate = true
    var includeDelete = true
    var includePut = true
    /// False for resources that only the use cases write (logged segments, log entries).
    var includePatch = true
    var includeGet = true

    var spec: ResourceSpec { service.spec }
    var codec: ResourceCodec { ResourceCodec(spec) }
    var schemaName: String {
        spec.label.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
    var collectionPath: String { "/api/v1/\(spec.path)" }
    var itemPath: String { "\(collectionPath)/{\(spec.keyName)}" }

    func register(on table: APIRouteTable) {
        let name = schemaName
        let fields = spec.fields
        let output = table.schemas.ref(name) { ResourceSchemas.outputObject(fields) }
        let input: JSONValue =
            includeCreate || includePut
            ? table.schemas.ref(name + "Input") { ResourceSchemas.inputObject(fields, partial: false) } : .null
        let patch: JSONValue =
            includePatch
            ? table.schemas.ref(name + "Patch") { ResourceSchemas.inputObject(fields, partial: true) } : .null
        let page = table.schemas.ref(name + "Page") { Self.pageSchema(output) }
        table.add(
            APIOperation(
                method: .get, path: collectionPath, operationId: "list\(name)", summary: "List \(spec.path).",
                tag: spec.path, role: readRole, response: .json(page),
                queryParameters: Self.listParameters(spec), isList: true),
            list)
        if includeCreate {
            table.add(
                APIOperation(
                    method: .post, path: collectionPath, operationId: "create\(name)",
                    summary: "Create a \(spec.label).", tag: spec.path, role: writeRole, request: .json(input),
                    successStatus: 201, response: .json(output)),
                create)
        }
        if includeGet {
            table.add(
                APIOperation(
                    method: .get, path: itemPath, operationId: "get\(name)", summary: "Get a \(spec.label).",
                    tag: spec.path, role: readRole, response: .json(output)),
                get)
        }
        guard includePatch else { return }
        table.add(
            APIOperation(
                method: .patch, path: itemPath, operationId: "patch\(name)",
                summary: "Change the fields sent of a \(spec.label).", tag: spec.path, role: writeRole,
                request: .json(patch), response: .json(output))
        ) { request, context in try await update(request, context, replace: false) }
        if includePut {
            table.add(
                APIOperation(
                    method: .put, path: itemPath, operationId: "replace\(name)",
                    summary: "Replace a \(spec.label); absent optional fields return to their defaults.",
                    tag: spec.path, role: writeRole, request: .json(input), response: .json(output))
            ) { request, context in try await update(request, context, replace: true) }
        }
        if includeDelete {
            table.add(
                APIOperation(
                    method: .delete, path: itemPath, operationId: "delete\(name)", summary: "Delete a \(spec.label).",
                    tag: spec.path, role: writeRole, successStatus: 204),
                delete)
        }
    }

    @Sendable func list(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        JSONResponse.make(codec.encode(try await service.list(ListQuery(parameters: request.queryPairs))))
    }

    @Sendable func create(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let record = try codec.complete(try await request.json(context))
        return JSONResponse.make(
            codec.encode(try await service.create(record, by: context.actingUser())), status: .created)
    }

    @Sendable func get(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        JSONResponse.make(codec.encode(try await service.get(context.parameters.require(spec.keyName))))
    }

    @Sendable func update(
        _ request: Request, _ context: RapportRequestContext, replace: Bool
    ) async throws -> Response {
        let change = try codec.change(try await request.json(context), replace: replace)
        return JSONResponse.make(
            codec.encode(
                try await service.update(
                    context.parameters.require(spec.keyName), change, by: context.actingUser())))
    }

    @Sendable func delete(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        try await service.delete(context.parameters.require(spec.keyName), by: context.actingUser())
        return JSONResponse.noContent()
    }

    static func pageSchema(_ item: JSONValue) -> JSONValue {
        ResourceSchemas.object(
            [
                ("items", ResourceSchemas.type("array", [("items", item)])),
                ("nextCursor", ResourceSchemas.nullable("string")),
            ], required: ["items", "nextCursor"])
    }

    /// `limit`, `cursor`, and a filter expression parameter per filterable field.
    static func listParameters(_ spec: ResourceSpec) -> [APIOperation.QueryParameter] {
        var parameters = [
            APIOperation.QueryParameter(
                name: "limit", schema: ResourceSchemas.type("integer"),
                summary: "Page size, 1 to 1000 (default 100)."),
            APIOperation.QueryParameter(
                name: "cursor", schema: ResourceSchemas.type("string"), summary: "nextCursor of the previous page."),
        ]
        for field in spec.fields {
            switch field.kind {
            case .children, .secret: continue
            default:
                parameters.append(
                    APIOperation.QueryParameter(
                        name: field.name, schema: ResourceSchemas.type("string"),
                        summary: "Filter expression (BC syntax: A|B, A..B, <>A, *part*, @caseless, '')."))
            }
        }
        return parameters
    }
}
