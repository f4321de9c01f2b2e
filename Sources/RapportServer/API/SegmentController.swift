import Hummingbird
import RapportCore
import RapportStorage

/// Segment headers: list, create, get, change (with propagation to the lines), delete.
struct SegmentController: Sendable {
    let segments: SegmentService

    static let base = "/api/v1/segments"
    static let codec = ResourceCodec(Catalog.segments)

    func register(on table: APIRouteTable) {
        let fields = Catalog.segments.fields
        let output = table.schemas.ref("Segment") { ResourceSchemas.outputObject(fields) }
        let input = table.schemas.ref("SegmentInput") { ResourceSchemas.inputObject(fields, partial: true) }
        let patch = table.schemas.ref("SegmentPatch") {
            SegmentSchemas.adding(
                "updateLines", ResourceSchemas.nullable("boolean"),
                to: ResourceSchemas.inputObject(fields, partial: true))
        }
        let page = table.schemas.ref("SegmentPage") { ResourceRoutes.pageSchema(output) }
        table.add(
            APIOperation(
                method: .get, path: Self.base, operationId: "listSegments", summary: "List segments.", tag: "segments",
                role: .viewer, response: .json(page), queryParameters: ResourceRoutes.listParameters(Catalog.segments),
                isList: true),
            list)
        table.add(
            APIOperation(
                method: .post, path: Self.base, operationId: "createSegment",
                summary: "Create a segment header (numbered from setup.segmentNos unless no is given).",
                tag: "segments", role: .marketer, request: .json(input), successStatus: 201, response: .json(output)),
            create)
        table.add(
            APIOperation(
                method: .get, path: "\(Self.base)/{no}", operationId: "getSegment", summary: "Get a segment header.",
                tag: "segments", role: .viewer, response: .json(output)),
            get)
        table.add(
            APIOperation(
                method: .patch, path: "\(Self.base)/{no}", operationId: "patchSegment",
                summary: "Change header fields; with updateLines (default true) they flow to the lines (BC §3.2).",
                tag: "segments", role: .marketer, request: .json(patch), response: .json(output)),
            update)
        table.add(
            APIOperation(
                method: .delete, path: "\(Self.base)/{no}", operationId: "deleteSegment",
                summary: "Delete a segment with its lines and criteria.", tag: "segments", role: .marketer,
                successStatus: 204),
            delete)
    }

    @Sendable func list(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        JSONResponse.make(Self.codec.encode(try await segments.list(ListQuery(parameters: request.queryPairs))))
    }

    @Sendable func create(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let sent = try Self.codec.sent(try await request.json(context))
        let created = try await segments.create(sent, by: context.actingUser())
        return JSONResponse.make(Self.codec.encode(created), status: .created)
    }

    @Sendable func get(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        JSONResponse.make(Self.codec.encode(try await segments.get(context.segmentNo)))
    }

    @Sendable func update(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let (patch, updateLines) = try Self.decodePatch(try await request.json(context))
        let updated = try await segments.update(context.segmentNo, patch, updateLines: updateLines)
        return JSONResponse.make(Self.codec.encode(updated))
    }

    @Sendable func delete(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        try await segments.delete(context.segmentNo, by: context.actingUser())
        return JSONResponse.noContent()
    }

    /// A header PATCH: the fields sent, and `updateLines` (default true) for whether they flow to the lines.
    static func decodePatch(_ json: JSONValue) throws(RapportError) -> (patch: Record, updateLines: Bool) {
        guard case .object(var object) = json else {
            throw RapportError.malformed("The request body must be a JSON object, not \(json.typeName).")
        }
        let updateLines = try ActionBody.flag(object["updateLines"], "updateLines", default: true)
        object["updateLines"] = nil
        return (try codec.sent(.object(object)), updateLines)
    }
}
