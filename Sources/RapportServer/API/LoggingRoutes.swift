import Hummingbird
import RapportCore
import RapportStorage

/// Log check and Log on segments; logged segments, interaction log entries, campaign entries and statistics.
struct LoggingRoutes {
    let logger: SegmentLogger
    let logged: LoggedSegmentService
    let statistics: InteractionStatistics

    func register(on table: APIRouteTable) {
        registerLog(on: table)
        registerLoggedSegments(on: table)
        registerEntries(on: table)
        registerStatistics(on: table)
    }

    static var problem: JSONValue {
        ResourceSchemas.object(
            [
                ("lineNo", ResourceSchemas.nullable("integer")), ("contactNo", ResourceSchemas.nullable("string")),
                ("field", ResourceSchemas.nullable("string")), ("message", ResourceSchemas.type("string")),
            ], required: ["lineNo", "contactNo", "field", "message"])
    }

    private func registerLog(on table: APIRouteTable) {
        let logger = self.logger
        let problems = ResourceSchemas.type("array", [("items", Self.problem)])
        let check = table.schemas.ref("LogCheck") {
            ResourceSchemas.object(
                [("ok", SegmentSchemas.boolean), ("problems", problems), ("warnings", problems)],
                required: ["ok", "problems", "warnings"])
        }
        let send = APIOperation.QueryParameter(
            name: "send", schema: ResourceSchemas.type("boolean"), summary: "Check as for a Log with send: true.")
        table.add(
            APIOperation(
                method: .get, path: "/api/v1/segments/{no}/log-check", operationId: "logCheck",
                summary: "Every problem that would stop logging, per line, and the warnings.", tag: "logging",
                role: .viewer, response: .json(check), queryParameters: [send])
        ) { request, context in
            let send = try SegmentRoutes.flag(request.queryValue("send"), name: "send", default: false)
            return JSONResponse.make(try await logger.check(context.parameters.require("no"), send: send))
        }
        let input = table.schemas.ref("LogInput") {
            ResourceSchemas.object([
                ("send", ResourceSchemas.nullable("boolean")),
                ("createFollowUpSegment", ResourceSchemas.nullable("boolean")),
            ])
        }
        let loggedSegment = table.schemas.ref("LoggedSegment") {
            ResourceSchemas.outputObject(Catalog.loggedSegments.fields)
        }
        let result = table.schemas.ref("LogResult") {
            ResourceSchemas.object(
                [
                    ("loggedSegment", loggedSegment), ("interactionsLogged", SegmentSchemas.integer),
                    ("campaignEntriesCreated", SegmentSchemas.integer),
                    ("followUpSegmentNo", ResourceSchemas.nullable("string")), ("warnings", problems),
                    ("deliveries", ResourceSchemas.object([("queued", SegmentSchemas.integer)], required: ["queued"])),
                ],
                required: [
                    "loggedSegment", "interactionsLogged", "campaignEntriesCreated", "followUpSegmentNo",
                    "warnings", "deliveries",
                ])
        }
        let logged = self.logged
        table.add(
            APIOperation(
                method: .post, path: "/api/v1/segments/{no}/log", operationId: "logSegment",
                summary: "Log the segment: logged segment, entries, campaign entries; optionally a follow-up.",
                tag: "logging", role: .marketer, request: .json(input), successStatus: 201, response: .json(result))
        ) { request, context in
            let body = try await JSONResponse.readBody(request, context: context)
            let object = try body.actionOptions(allowed: ["send", "createFollowUpSegment"], action: "Log")
            let send = try CriteriaAction.flag(object["send"], "send")
            let followUp = try CriteriaAction.flag(object["createFollowUpSegment"], "createFollowUpSegment")
            let outcome = try await logger.log(
                context.parameters.require("no"), send: send, createFollowUp: followUp, by: context.actingUser())
            let segment = try await logged.loggedSegments.get(String(outcome.loggedSegmentEntryNo))
            return JSONResponse.make(
                .object(
                    JSONObject([
                        ("loggedSegment", segment), ("interactionsLogged", .number(Double(outcome.interactionsLogged))),
                        ("campaignEntriesCreated", .number(Double(outcome.campaignEntriesCreated))),
                        ("followUpSegmentNo", outcome.followUpSegmentNo.map { .string($0) } ?? .null),
                        ("warnings", .array(outcome.warnings.map(SegmentLogger.json))),
                        ("deliveries", .object(JSONObject([("queued", .number(Double(outcome.queued)))]))),
                    ])), status: .created)
        }
        let reuse = table.schemas.ref("ReuseLoggedSegmentInput") {
            ResourceSchemas.object(
                [
                    ("loggedSegmentEntryNo", SegmentSchemas.integer),
                    ("confirm", ResourceSchemas.nullable("boolean")),
                ], required: ["loggedSegmentEntryNo"])
        }
        let added = table.schemas.ref("AddContactsResult") { SegmentSchemas.result("linesAdded") }
        table.add(
            APIOperation(
                method: .post, path: "/api/v1/segments/{no}/reuse-logged-segment", operationId: "reuseLoggedSegment",
                summary: "Add a line per entry of a logged segment (confirm when the segment has criteria).",
                tag: "logging", role: .marketer, request: .json(reuse), response: .json(added))
        ) { request, context in
            let body = try await JSONResponse.readBody(request, context: context)
            let outcome = try await logged.reuse(on: context.parameters.require("no"), body)
            return JSONResponse.make(SegmentActionRoutes.json(outcome, counter: "linesAdded"))
        }
    }

    private func registerLoggedSegments(on table: APIRouteTable) {
        let logged = self.logged
        ResourceRoutes(
            service: logged.loggedSegments, writeRole: .admin, includeCreate: false, includeDelete: false,
            includePut: false, includePatch: false
        ).register(on: table)
        let output = table.schemas.ref("LoggedSegment") { ResourceSchemas.outputObject(Catalog.loggedSegments.fields) }
        let cancel = table.schemas.ref("CancelInput") {
            ResourceSchemas.object([("canceled", SegmentSchemas.boolean)], required: ["canceled"])
        }
        table.add(
            APIOperation(
                method: .post, path: "/api/v1/logged-segments/{entryNo}/cancel", operationId: "cancelLoggedSegment",
                summary: "Cancel (true) or un-cancel (false); entries and campaign entries follow.", tag: "logging",
                role: .marketer, request: .json(cancel), response: .json(output))
        ) { request, context in
            let canceled = try Self.canceled(try await JSONResponse.readBody(request, context: context))
            return JSONResponse.make(try await logged.cancel(context.parameters.require("entryNo"), canceled: canceled))
        }
        let followUp = table.schemas.ref("FollowUpInput") {
            ResourceSchemas.object([("copyInteraction", ResourceSchemas.nullable("boolean"))])
        }
        let segment = table.schemas.ref("Segment") { ResourceSchemas.outputObject(Catalog.segments.fields) }
        table.add(
            APIOperation(
                method: .post, path: "/api/v1/logged-segments/{entryNo}/follow-up", operationId: "createFollowUp",
                summary: "A new segment with the same contacts (copyInteraction also copies the interaction).",
                tag: "logging", role: .marketer, request: .json(followUp), successStatus: 201, response: .json(segment))
        ) { request, context in
            let body = try await JSONResponse.readBody(request, context: context)
            let object = try body.actionOptions(allowed: ["copyInteraction"], action: "follow-up")
            let copy = try CriteriaAction.flag(object["copyInteraction"], "copyInteraction")
            return JSONResponse.make(
                try await logged.followUp(
                    context.parameters.require("entryNo"), copyInteraction: copy, by: context.actingUser()),
                status: .created)
        }
        let deleted = table.schemas.ref("DeleteCanceledResult") {
            ResourceSchemas.object([("deleted", SegmentSchemas.integer)], required: ["deleted"])
        }
        table.add(
            APIOperation(
                method: .post, path: "/api/v1/logged-segments/delete-canceled",
                operationId: "deleteCanceledLoggedSegments",
                summary: "Delete canceled logged segments; their entries are kept and unlinked.", tag: "logging",
                role: .admin, response: .json(deleted))
        ) { _, _ in
            JSONResponse.make(.object(JSONObject([("deleted", .number(Double(try await logged.deleteCanceled())))])))
        }
    }

    private func registerEntries(on table: APIRouteTable) {
        let logged = self.logged
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
        let cancel = table.schemas.ref("CancelInput") {
            ResourceSchemas.object([("canceled", SegmentSchemas.boolean)], required: ["canceled"])
        }
        table.add(
            APIOperation(
                method: .post, path: "/api/v1/interaction-log-entries/{entryNo}/cancel",
                operationId: "cancelInteractionLogEntry",
                summary: "Cancel or un-cancel one entry.", tag: "logging", role: .marketer, request: .json(cancel),
                response: .json(output))
        ) { request, context in
            let canceled = try Self.canceled(try await JSONResponse.readBody(request, context: context))
            return JSONResponse.make(
                try await logged.cancelEntry(context.parameters.require("entryNo"), canceled: canceled))
        }
    }

    private func registerStatistics(on table: APIRouteTable) {
        let statistics = self.statistics
        let output = table.schemas.ref("Statistics") {
            ResourceSchemas.object(
                [
                    ("noOfInteractions", SegmentSchemas.integer), ("cost", ResourceSchemas.type("number")),
                    ("duration", ResourceSchemas.type("number")),
                ],
                required: ["noOfInteractions", "cost", "duration"])
        }
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
                    role: .viewer,
                    response: .json(output), queryParameters: [date])
            ) { request, context in
                JSONResponse.make(
                    try await statistics.statistics(
                        subject, code: context.parameters.require(key), dateFilter: request.queryValue("date")))
            }
        }
    }

    static func canceled(_ body: JSONValue) throws(RapportError) -> Bool {
        let object = try body.actionOptions(allowed: ["canceled"], action: "cancel")
        guard case .bool(let canceled)? = object["canceled"] else {
            if object["canceled"] == nil || object["canceled"] == .null {
                throw RapportError.validation("canceled", "canceled is required (true cancels, false un-cancels).")
            }
            throw RapportError.malformed("canceled must be a boolean.", field: "canceled")
        }
        return canceled
    }
}
