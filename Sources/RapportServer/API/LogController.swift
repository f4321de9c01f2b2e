import Hummingbird
import RapportCore
import RapportStorage

/// Log check, Log and Reuse Logged Segment on a segment (BC §5.2, §2.8).
struct LogController: Sendable {
    let logger: SegmentLogger
    let logged: LoggedSegmentService

    func register(on table: APIRouteTable) {
        let check = table.schemas.ref("LogCheck") { LoggingSchemas.logCheck }
        let send = APIOperation.QueryParameter(
            name: "send", schema: ResourceSchemas.type("boolean"), summary: "Check as for a Log with send: true.")
        table.add(
            APIOperation(
                method: .get, path: "/api/v1/segments/{no}/log-check", operationId: "logCheck",
                summary: "Every problem that would stop logging, per line, and the warnings.", tag: "logging",
                role: .viewer, response: .json(check), queryParameters: [send]),
            logCheck)
        let loggedSegment = table.schemas.ref("LoggedSegment") {
            ResourceSchemas.outputObject(Catalog.loggedSegments.fields)
        }
        table.add(
            APIOperation(
                method: .post, path: "/api/v1/segments/{no}/log", operationId: "logSegment",
                summary: "Log the segment: logged segment, entries, campaign entries; optionally a follow-up.",
                tag: "logging", role: .marketer,
                request: .json(table.schemas.ref("LogInput") { LoggingSchemas.logInput }),
                successStatus: 201,
                response: .json(table.schemas.ref("LogResult") { LoggingSchemas.logResult(loggedSegment) })),
            log)
        table.add(
            APIOperation(
                method: .post, path: "/api/v1/segments/{no}/reuse-logged-segment", operationId: "reuseLoggedSegment",
                summary: "Add a line per entry of a logged segment (confirm when the segment has criteria).",
                tag: "logging", role: .marketer,
                request: .json(table.schemas.ref("ReuseLoggedSegmentInput") { LoggingSchemas.reuseInput }),
                response: .json(table.schemas.ref("AddContactsResult") { SegmentSchemas.result("linesAdded") })),
            reuse)
    }

    @Sendable func logCheck(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let send = try SegmentLineController.flag(request.queryValue("send"), name: "send", default: false)
        return JSONResponse.make(try await logger.check(context.segmentNo, send: send))
    }

    @Sendable func log(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let body = try ActionBody(
            try await request.json(context), allowed: ["send", "createFollowUpSegment", "sendAt"], action: "Log")
        let outcome = try await logger.log(
            context.segmentNo, send: try body.flag("send"), createFollowUp: try body.flag("createFollowUpSegment"),
            sendAt: try body.dateTime("sendAt"), by: context.actingUser())
        let segment = try await logged.loggedSegments.get(String(outcome.loggedSegmentEntryNo))
        let codec = ResourceCodec(Catalog.loggedSegments)
        return JSONResponse.make(outcome.json(loggedSegment: codec.encode(segment)), status: .created)
    }

    @Sendable func reuse(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let body = try ActionBody(
            try await request.json(context), allowed: ["loggedSegmentEntryNo", "confirm"],
            action: "reuse-logged-segment")
        let entry = try RecordDecoder.scalar(
            body.object["loggedSegmentEntryNo"] ?? .null, kind: .integer, path: "loggedSegmentEntryNo"
        ).intValue
        guard let entry else {
            throw RapportError.validation("loggedSegmentEntryNo", "loggedSegmentEntryNo is required.")
        }
        let outcome = try await logged.reuse(
            LoggedSegment.EntryNo(entry), on: context.segmentNo, confirm: try body.flag("confirm"))
        return JSONResponse.make(outcome.json(counters: ["linesAdded"]))
    }
}
