import Hummingbird
import RapportCore
import RapportStorage

/// Manual segment lines (BC §2.1): each insert, contact change and deletion is a criteria action.
struct SegmentLineController: Sendable {
    let lines: SegmentLineService

    static let base = "/api/v1/segments/{no}/lines"
    static let codec = ResourceCodec(Catalog.segmentLines)

    func register(on table: APIRouteTable) {
        let fields = Catalog.segmentLines.fields
        let output = table.schemas.ref("SegmentLine") { ResourceSchemas.outputObject(fields) }
        let input = table.schemas.ref("SegmentLineInput") { ResourceSchemas.inputObject(fields, partial: false) }
        let patch = table.schemas.ref("SegmentLinePatch") { ResourceSchemas.inputObject(fields, partial: true) }
        let page = table.schemas.ref("SegmentLinePage") { ResourceRoutes.pageSchema(output) }
        table.add(
            APIOperation(
                method: .get, path: Self.base, operationId: "listSegmentLines", summary: "The lines, in line order.",
                tag: "segments", role: .viewer, response: .json(page),
                queryParameters: ResourceRoutes.listParameters(Catalog.segmentLines), isList: true),
            list)
        table.add(
            APIOperation(
                method: .post, path: Self.base, operationId: "addSegmentLine",
                summary: "Add a line for a contact (an Add criteria action), with optional overrides.", tag: "segments",
                role: .marketer, request: .json(input), successStatus: 201, response: .json(output)),
            create)
        table.add(
            APIOperation(
                method: .get, path: "\(Self.base)/{lineNo}", operationId: "getSegmentLine", summary: "Get a line.",
                tag: "segments", role: .viewer, response: .json(output)),
            get)
        table.add(
            APIOperation(
                method: .patch, path: "\(Self.base)/{lineNo}", operationId: "patchSegmentLine",
                summary: "Override line fields; a new contactNo records Reduce then Add.", tag: "segments",
                role: .marketer, request: .json(patch), response: .json(output)),
            update)
        let reset = APIOperation.QueryParameter(
            name: "resetCriteria", schema: ResourceSchemas.type("boolean"),
            summary: "When the deletion empties the segment: clear its criteria (default true).")
        table.add(
            APIOperation(
                method: .delete, path: "\(Self.base)/{lineNo}", operationId: "deleteSegmentLine",
                summary: "Delete a line (a Reduce criteria action).", tag: "segments", role: .marketer,
                successStatus: 204, queryParameters: [reset]),
            delete)
    }

    @Sendable func list(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let page = try await lines.list(context.segmentNo, ListQuery(parameters: request.queryPairs))
        return JSONResponse.make(Self.codec.encode(page))
    }

    @Sendable func create(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let fields = try Self.codec.sent(try await request.json(context))
        return JSONResponse.make(Self.codec.encode(try await lines.create(context.segmentNo, fields)), status: .created)
    }

    @Sendable func get(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        JSONResponse.make(Self.codec.encode(try await lines.get(context.segmentNo, context.lineNo)))
    }

    @Sendable func update(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let patch = try Self.codec.sent(try await request.json(context))
        return JSONResponse.make(Self.codec.encode(try await lines.update(context.segmentNo, context.lineNo, patch)))
    }

    @Sendable func delete(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let reset = try Self.flag(request.queryValue("resetCriteria"), name: "resetCriteria", default: true)
        try await lines.delete(context.segmentNo, context.lineNo, resetCriteria: reset, by: context.actingUser())
        return JSONResponse.noContent()
    }

    /// A boolean query parameter.
    static func flag(_ text: String?, name: String, default defaultValue: Bool) throws(RapportError) -> Bool {
        switch text?.lowercased() {
        case nil, "": return defaultValue
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw RapportError.validation(name, "\(name) must be true or false.")
        }
    }
}

extension RapportRequestContext {
    /// The `{lineNo}` of a segment line path.
    var lineNo: SegmentLine.No {
        get throws { try number("lineNo", "Segment line") }
    }
}
