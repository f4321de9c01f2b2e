import Hummingbird
import RapportCore
import RapportStorage

/// Save Criteria, Reuse Criteria and the saved criteria themselves (BC §2.6, §2.7).
struct SavedCriteriaController: Sendable {
    let saved: SavedCriteriaService

    /// The body of save-criteria.
    static let saveFields = [
        FieldSpec("code", .code(maxLength: 10), required: true), FieldSpec("description", .text(maxLength: 250)),
    ]

    func register(on table: APIRouteTable) {
        let filters = table.schemas.ref("SegmentFilters") { SegmentSchemas.filters }
        let action = table.schemas.ref("CriteriaAction") { SegmentSchemas.criteriaAction(filters: filters) }
        let output = table.schemas.ref("SavedCriteria") { SegmentSchemas.savedCriteria(action: action) }
        let page = table.schemas.ref("SavedCriteriaPage") { ResourceRoutes.pageSchema(output) }
        table.add(
            APIOperation(
                method: .post, path: "/api/v1/segments/{no}/save-criteria", operationId: "saveCriteria",
                summary: "Save the criteria actions under a code.", tag: "saved-criteria", role: .marketer,
                request: .json(table.schemas.ref("SaveCriteriaInput") { SegmentSchemas.saveCriteriaInput }),
                successStatus: 201, response: .json(output)),
            save)
        table.add(
            APIOperation(
                method: .post, path: "/api/v1/segments/{no}/reuse-criteria", operationId: "reuseCriteria",
                summary: "Replay saved criteria on today's data (confirm when the segment has criteria).",
                tag: "saved-criteria", role: .marketer,
                request: .json(table.schemas.ref("ReuseCriteriaInput") { SegmentSchemas.reuseCriteriaInput }),
                response: .json(table.schemas.ref("ReuseResult") { SegmentSchemas.reuseResult })),
            reuse)
        table.add(
            APIOperation(
                method: .get, path: "/api/v1/saved-criteria", operationId: "listSavedCriteria",
                summary: "List saved criteria.", tag: "saved-criteria", role: .viewer, response: .json(page)),
            list)
        table.add(
            APIOperation(
                method: .get, path: "/api/v1/saved-criteria/{code}", operationId: "getSavedCriteria",
                summary: "Get saved criteria with their actions.", tag: "saved-criteria", role: .viewer,
                response: .json(output)),
            get)
        table.add(
            APIOperation(
                method: .delete, path: "/api/v1/saved-criteria/{code}", operationId: "deleteSavedCriteria",
                summary: "Delete saved criteria.", tag: "saved-criteria", role: .marketer, successStatus: 204),
            delete)
    }

    @Sendable func save(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let body = try ResourceCodec(fields: Self.saveFields).complete(try await request.json(context))
        let saved = try await saved.save(
            context.segmentNo, as: SavedCriteria.Code(body.text("code")), description: body.text("description"),
            by: context.actingUser())
        return JSONResponse.make(saved, status: .created)
    }

    @Sendable func reuse(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let body = try ActionBody(
            try await request.json(context), allowed: ["code", "confirm"], action: "reuse-criteria")
        let code = SavedCriteria.Code(try body.code("code", maxLength: 10))
        let outcome = try await saved.reuse(code, on: context.segmentNo, confirm: try body.flag("confirm"))
        return JSONResponse.make(outcome.json(counters: ["linesAdded", "linesRemoved"]))
    }

    @Sendable func list(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        JSONResponse.make(.page(try await saved.list().map(\.json), nextCursor: nil))
    }

    @Sendable func get(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        JSONResponse.make(try await saved.get(context.key("code")))
    }

    @Sendable func delete(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        try await saved.delete(context.key("code"), by: context.actingUser())
        return JSONResponse.noContent()
    }
}
