import Hummingbird
import RapportCore
import RapportStorage

/// Refresh Now for a dynamic segment (a living segment: its criteria replayed over the changed data).
struct SegmentRefreshController: Sendable {
    let refresher: SegmentRefreshService

    func register(on table: APIRouteTable) {
        let integer = ResourceSchemas.type("integer")
        let result = table.schemas.ref("SegmentRefreshResult") {
            ResourceSchemas.object(
                [("linesAdded", integer), ("linesRemoved", integer), ("noOfLines", integer), ("ms", integer)],
                required: ["linesAdded", "linesRemoved", "noOfLines", "ms"])
        }
        table.add(
            APIOperation(
                method: .post, path: "/api/v1/segments/{no}/refresh", operationId: "refreshSegment",
                summary: "Replay a dynamic segment's criteria now over the contacts changed since its last refresh; "
                    + "409 for a static segment.", tag: "segments", role: .marketer, response: .json(result)),
            refresh)
    }

    @Sendable func refresh(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        JSONResponse.make(try await refresher.refresh(context.segmentNo).json)
    }
}

extension SegmentRefreshService.Outcome: JSONRepresentable {
    var json: JSONValue {
        .object(
            JSONObject([
                ("linesAdded", .integer(linesAdded)), ("linesRemoved", .integer(linesRemoved)),
                ("noOfLines", .integer(noOfLines)), ("ms", .integer(ms)),
            ]))
    }
}
