import Hummingbird
import RapportCore
import RapportStorage

/// Versions of a segment's membership and what changed between them (a Rapport feature BC lacks).
struct SegmentVersionController: Sendable {
    let versions: SegmentVersionService

    func register(on table: APIRouteTable) {
        let version = table.schemas.ref("SegmentVersion") { SegmentVersionSchemas.version }
        let line = table.schemas.ref("SegmentVersionLine") { SegmentVersionSchemas.line }
        table.add(
            APIOperation(
                method: .post, path: "/api/v1/segments/{no}/versions", operationId: "freezeSegmentVersion",
                summary: "Freeze the segment's membership now as a new version.", tag: "segments", role: .marketer,
                successStatus: 201, response: .json(version)),
            freeze)
        table.add(
            APIOperation(
                method: .get, path: "/api/v1/segments/{no}/versions", operationId: "listSegmentVersions",
                summary: "The segment's versions, oldest first (kept after the segment is logged).", tag: "segments",
                role: .viewer,
                response: .json(table.schemas.ref("SegmentVersionPage") { ResourceRoutes.pageSchema(version) })),
            list)
        table.add(
            APIOperation(
                method: .get, path: "/api/v1/segments/{no}/versions/{version}", operationId: "getSegmentVersion",
                summary: "One version with a page of its lines.", tag: "segments", role: .viewer,
                response: .json(
                    table.schemas.ref("SegmentVersionWithLines") {
                        SegmentVersionSchemas.versionWithLines(version: version, line: line)
                    }),
                queryParameters: Array(ResourceRoutes.listParameters(Catalog.segments).prefix(2))),
            get)
        table.add(
            APIOperation(
                method: .get, path: "/api/v1/segments/{no}/diff", operationId: "diffSegmentVersions",
                summary: "Lines added, removed and changed from one version to another (or to the current lines).",
                tag: "segments", role: .viewer,
                response: .json(table.schemas.ref("SegmentDiff") { SegmentVersionSchemas.diff(line: line) }),
                queryParameters: [
                    APIOperation.QueryParameter(
                        name: "from", schema: ResourceSchemas.type("string"), summary: "A version number."),
                    APIOperation.QueryParameter(
                        name: "to", schema: ResourceSchemas.type("string"),
                        summary: "A version number, or current (the default)."),
                ]),
            diff)
    }

    @Sendable func freeze(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        JSONResponse.make(try await versions.freeze(context.segmentNo, by: context.actingUser()), status: .created)
    }

    @Sendable func list(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        JSONResponse.make(.page(try await versions.versions(context.segmentNo).map(\.json), nextCursor: nil))
    }

    @Sendable func get(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let text = try context.parameters.require("version")
        guard let number = Int64(text), number > 0 else { throw RapportError.notFound("Version", text) }
        let found = try await versions.version(
            context.segmentNo, number, page: ListQuery(parameters: request.queryPairs))
        guard case .object(var object) = found.version.json else { return JSONResponse.make(found.version) }
        object["lines"] = .page(found.lines.items.map(\.json), nextCursor: found.lines.nextCursor)
        return JSONResponse.make(.object(object))
    }

    @Sendable func diff(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let from = try Self.side(request.queryValue("from"), field: "from", required: true)
        let to = try Self.side(request.queryValue("to"), field: "to", required: false)
        return JSONResponse.make(try await versions.diff(context.segmentNo, from: from, to: to))
    }

    private static func side(_ text: String?, field: String, required: Bool) throws -> SegmentVersion.Side {
        guard let text, !text.isEmpty else {
            if required { throw RapportError.validation(field, "\(field) is required: a version number.") }
            return .current
        }
        guard let side = SegmentVersion.Side(text) else {
            throw RapportError.validation(field, "\(field) must be a version number or current, not '\(text)'.")
        }
        return side
    }
}
