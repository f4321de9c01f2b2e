import Hummingbird
import RapportCore
import RapportStorage

/// Logged segments (BC §5.3, §6): the list, cancel and un-cancel, follow-up segments, delete canceled.
struct LoggedSegmentController: Sendable {
    let logged: LoggedSegmentService

    func register(on table: APIRouteTable) {
        ResourceRoutes(
            service: logged.loggedSegments, writeRole: .admin, includeCreate: false, includeDelete: false,
            includePut: false, includePatch: false
        ).register(on: table)
        let output = table.schemas.ref("LoggedSegment") { ResourceSchemas.outputObject(Catalog.loggedSegments.fields) }
        table.add(
            APIOperation(
                method: .post, path: "/api/v1/logged-segments/{entryNo}/cancel", operationId: "cancelLoggedSegment",
                summary: "Cancel (true) or un-cancel (false); entries and campaign entries follow.", tag: "logging",
                role: .marketer, request: .json(table.schemas.ref("CancelInput") { LoggingSchemas.cancelInput }),
                response: .json(output)),
            cancel)
        let followUp = table.schemas.ref("FollowUpInput") {
            ResourceSchemas.object([("copyInteraction", ResourceSchemas.nullable("boolean"))])
        }
        let segment = table.schemas.ref("Segment") { ResourceSchemas.outputObject(Catalog.segments.fields) }
        table.add(
            APIOperation(
                method: .post, path: "/api/v1/logged-segments/{entryNo}/follow-up", operationId: "createFollowUp",
                summary: "A new segment with the same contacts (copyInteraction also copies the interaction).",
                tag: "logging", role: .marketer, request: .json(followUp), successStatus: 201, response: .json(segment)),
            createFollowUp)
        let deleted = table.schemas.ref("DeleteCanceledResult") {
            ResourceSchemas.object([("deleted", SegmentSchemas.integer)], required: ["deleted"])
        }
        table.add(
            APIOperation(
                method: .post, path: "/api/v1/logged-segments/delete-canceled",
                operationId: "deleteCanceledLoggedSegments",
                summary: "Delete canceled logged segments; their entries are kept and unlinked.", tag: "logging",
                role: .admin, response: .json(deleted)),
            deleteCanceled)
    }

    @Sendable func cancel(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let canceled = try LoggingSchemas.canceled(try await request.json(context))
        let segment = try await logged.cancel(
            context.number("entryNo", "Logged segment"), canceled: canceled, by: context.actingUser())
        return JSONResponse.make(ResourceCodec(Catalog.loggedSegments).encode(segment))
    }

    @Sendable func createFollowUp(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let body = try ActionBody(try await request.json(context), allowed: ["copyInteraction"], action: "follow-up")
        let segment = try await logged.followUp(
            context.number("entryNo", "Logged segment"), copyInteraction: try body.flag("copyInteraction"),
            by: context.actingUser())
        return JSONResponse.make(SegmentController.codec.encode(segment), status: .created)
    }

    @Sendable func deleteCanceled(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let deleted = try await logged.deleteCanceled(by: context.actingUser())
        return JSONResponse.make(.object(JSONObject([("deleted", .integer(deleted))])))
    }
}

/// Interaction log entries and campaign entries: lists, one entry, cancel and un-cancel.
struct InteractionLogController: Sendable {
    let logged: LoggedSegmentService

    func register(on table: APIRouteTable) {
        ResourceRoutes(
            service: logged.entries, writeRole: .admin, includeCreate: false, includeDelete: false,
            includePut: false, includePatch: false
        ).register(on: table)
        ResourceRoutes(
            service: logged.campaignEntries, writeRole: .admin, includeCreate: false, includeDelete: false,
            includePut: false, includePatch: false, includeGet: false
        ).register(on: table)
        let output = table.schemas.ref("InteractionLogEntry") {
            ResourceSchemas.outputObject(Catalog.interactionLogEntries.fields)
        }
        table.add(
            APIOperation(
                method: .post, path: "/api/v1/interaction-log-entries/{entryNo}/cancel",
                operationId: "cancelInteractionLogEntry", summary: "Cancel or un-cancel one entry.", tag: "logging",
                role: .marketer, request: .json(table.schemas.ref("CancelInput") { LoggingSchemas.cancelInput }),
                response: .json(output)),
            cancel)
    }

    @Sendable func cancel(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let canceled = try LoggingSchemas.canceled(try await request.json(context))
        let entry = try await logged.cancelEntry(
            context.number("entryNo", "Interaction log entry"), canceled: canceled, by: context.actingUser())
        return JSONResponse.make(ResourceCodec(Catalog.interactionLogEntries).encode(entry))
    }
}

/// Statistics of templates, interaction groups and campaigns.
struct StatisticsController: Sendable {
    let statistics: InteractionStatistics

    func register(on table: APIRouteTable) {
        let output = table.schemas.ref("Statistics") { LoggingSchemas.statistics }
        let date = APIOperation.QueryParameter(
            name: "date", schema: ResourceSchemas.type("string"),
            summary: "Date filter expression, e.g. 2026-01-01..2026-03-31.")
        let subjects: [(String, String, InteractionStatistics.Subject)] = [
            ("interaction-templates", "code", .template), ("interaction-groups", "code", .interactionGroup),
            ("campaigns", "no", .campaign),
        ]
        for (path, key, subject) in subjects {
            table.add(
                APIOperation(
                    method: .get, path: "/api/v1/\(path)/{\(key)}/statistics", operationId: "statistics-\(path)",
                    summary: "Interactions, cost and duration of entries that are not canceled.", tag: path,
                    role: .viewer, response: .json(output), queryParameters: [date])
            ) { request, context in
                let figures = try await statistics.statistics(
                    subject, code: context.parameters.require(key), dateFilter: request.queryValue("date"))
                return JSONResponse.make(figures)
            }
        }
    }
}
