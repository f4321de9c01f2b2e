import Hummingbird
import RapportCore
import RapportStorage

/// Add, Reduce, Refine, Preview, Go Back and the criteria list of a segment.
struct SegmentCriteriaController: Sendable {
    let criteria: SegmentCriteriaService

    static let base = "/api/v1/segments/{no}"

    func register(on table: APIRouteTable) {
        let filters = table.schemas.ref("SegmentFilters") { SegmentSchemas.filters }
        for kind in CriteriaActionKind.allCases {
            let name = kind.rawValue.prefix(1).uppercased() + kind.rawValue.dropFirst()
            let input = table.schemas.ref("\(name)ContactsInput") { SegmentSchemas.actionInput(kind, filters: filters) }
            let result = table.schemas.ref("\(name)ContactsResult") { SegmentSchemas.result(Self.counter(kind)) }
            table.add(
                APIOperation(
                    method: .post, path: "\(Self.base)/\(kind.rawValue)-contacts",
                    operationId: "\(kind.rawValue)Contacts",
                    summary: "\(kind.caption): one criteria action with its filters.", tag: "segments", role: .marketer,
                    request: .json(input), response: .json(result))
            ) { request, context in try await run(kind, request, context) }
        }
        let previewInput = table.schemas.ref("PreviewContactsInput") {
            SegmentSchemas.actionInput(nil, filters: filters)
        }
        let previewResult = table.schemas.ref("PreviewContactsResult") { SegmentSchemas.preview }
        table.add(
            APIOperation(
                method: .post, path: "\(Self.base)/preview-contacts", operationId: "previewContacts",
                summary: "What Add, Reduce or Refine would do, changing nothing.", tag: "segments", role: .viewer,
                request: .json(previewInput), response: .json(previewResult)),
            preview)
        let goBackResult = table.schemas.ref("GoBackResult") { SegmentSchemas.result(nil) }
        table.add(
            APIOperation(
                method: .post, path: "\(Self.base)/go-back", operationId: "goBack",
                summary: "Undo the last criteria action exactly; 409 when there is none.", tag: "segments",
                role: .marketer, response: .json(goBackResult)),
            goBack)
        let action = table.schemas.ref("CriteriaAction") { SegmentSchemas.criteriaAction(filters: filters) }
        let listSchema = table.schemas.ref("CriteriaList") {
            ResourceSchemas.object([("items", ResourceSchemas.type("array", [("items", action)]))], required: ["items"])
        }
        table.add(
            APIOperation(
                method: .get, path: "\(Self.base)/criteria", operationId: "listCriteria",
                summary: "The criteria actions, with their filters and readable text.", tag: "segments", role: .viewer,
                response: .json(listSchema)),
            list)
    }

    static func counter(_ kind: CriteriaActionKind) -> String { kind == .add ? "linesAdded" : "linesRemoved" }

    @Sendable func run(
        _ kind: CriteriaActionKind, _ request: Request, _ context: RapportRequestContext
    ) async throws -> Response {
        let json = try await request.json(context)
        let action = try CriteriaAction.decode(json, kind: kind, extra: kind == .add ? [] : ["resetCriteria"])
        let reset = try ActionBody.flag(json.objectValue?["resetCriteria"], "resetCriteria", default: true)
        let outcome = try await criteria.run(action, on: context.segmentNo, resetCriteria: reset)
        return JSONResponse.make(outcome.json(counters: [Self.counter(kind)]))
    }

    @Sendable func preview(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let json = try await request.json(context)
        guard case .string(let raw)? = json.objectValue?["action"], let kind = CriteriaActionKind(rawValue: raw) else {
            throw RapportError.validation("action", "action must be one of add, reduce, refine.")
        }
        let action = try CriteriaAction.decode(json, kind: kind, extra: ["action", "resetCriteria", "sample"])
        // `sample: false` (the worksheet's live count) asks for the counts alone, which need no sorting.
        let withSample = try ActionBody.flag(json.objectValue?["sample"], "sample", default: true)
        let preview = try await criteria.preview(action, on: context.segmentNo, withSample: withSample)
        return JSONResponse.make(preview.json(withSample: withSample))
    }

    @Sendable func goBack(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        JSONResponse.make(try await criteria.goBack(context.segmentNo).json(counters: []))
    }

    @Sendable func list(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let entries = try await criteria.criteria(context.segmentNo)
        return JSONResponse.make(.object(JSONObject([("items", .array(entries.map(\.json)))])))
    }
}
