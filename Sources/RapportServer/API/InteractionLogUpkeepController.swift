import Hummingbird
import RapportCore
import RapportStorage

/// Looking after logged entries: change an entry's evaluation, description and comments; delete canceled
/// entries; cancel and delete campaign entries (BC §5.3).
struct InteractionLogUpkeepController: Sendable {
    let upkeep: InteractionLogUpkeep

    static let entryCodec = ResourceCodec(Catalog.interactionLogEntries)
    static let campaignCodec = ResourceCodec(Catalog.campaignEntries)

    func register(on table: APIRouteTable) {
        let entry = table.schemas.ref("InteractionLogEntry") {
            ResourceSchemas.outputObject(Catalog.interactionLogEntries.fields)
        }
        let campaignEntry = table.schemas.ref("CampaignEntry") {
            ResourceSchemas.outputObject(Catalog.campaignEntries.fields)
        }
        table.add(
            APIOperation(
                method: .patch, path: "/api/v1/interaction-log-entries/{entryNo}",
                operationId: "patchInteractionLogEntry",
                summary: "Change an entry's evaluation, description or comments; the rest is fixed once logged.",
                tag: "logging", role: .marketer,
                request: .json(table.schemas.ref("InteractionLogEntryPatch") { LogUpkeepSchemas.entryPatch }),
                response: .json(entry)),
            change)
        table.add(
            APIOperation(
                method: .post, path: "/api/v1/interaction-log-entries/delete-canceled",
                operationId: "deleteCanceledInteractionLogEntries",
                summary: "Delete canceled entries matching the filters (BC's Delete Canceled Interaction Log Entries).",
                tag: "logging", role: .admin,
                request: .json(table.schemas.ref("DeleteCanceledEntriesInput") { LogUpkeepSchemas.deleteCanceled }),
                response: .json(table.schemas.ref("DeleteCanceledResult") { LogUpkeepSchemas.deleted })),
            deleteCanceled)
        table.add(
            APIOperation(
                method: .post, path: "/api/v1/campaign-entries/{entryNo}/cancel", operationId: "cancelCampaignEntry",
                summary: "Cancel (true) or un-cancel (false) a campaign entry; its entries follow.", tag: "logging",
                role: .marketer, request: .json(table.schemas.ref("CancelInput") { LoggingSchemas.cancelInput }),
                response: .json(campaignEntry)),
            cancelCampaignEntry)
        table.add(
            APIOperation(
                method: .delete, path: "/api/v1/campaign-entries/{entryNo}", operationId: "deleteCampaignEntry",
                summary: "Delete a canceled campaign entry with its interaction log entries (409 when not canceled).",
                tag: "logging", role: .admin, successStatus: 204),
            deleteCampaignEntry)
    }

    @Sendable func change(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let change = try EntryChange.decode(try await request.json(context))
        let entry = try await upkeep.change(
            context.number("entryNo", "Interaction log entry"), change, by: context.actingUser())
        return JSONResponse.make(Self.entryCodec.encode(entry))
    }

    @Sendable func deleteCanceled(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let body = try ActionBody(try await request.json(context), allowed: ["filters"], action: "delete-canceled")
        let deleted = try await upkeep.deleteCanceled(
            filters: try LogUpkeepSchemas.filters(body.object["filters"]), by: context.actingUser())
        return JSONResponse.make(.object(JSONObject([("deleted", .integer(deleted))])))
    }

    @Sendable func cancelCampaignEntry(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let canceled = try LoggingSchemas.canceled(try await request.json(context))
        let entry = try await upkeep.cancelCampaignEntry(
            context.number("entryNo", "Campaign entry"), canceled: canceled, by: context.actingUser())
        return JSONResponse.make(Self.campaignCodec.encode(entry))
    }

    @Sendable func deleteCampaignEntry(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        try await upkeep.deleteCampaignEntry(context.number("entryNo", "Campaign entry"), by: context.actingUser())
        return JSONResponse.noContent()
    }
}

/// The JSON of log upkeep: the entry patch, the delete-canceled filters, and their schemas.
enum LogUpkeepSchemas {
    static let changeable: Set<String> = ["evaluation", "description", "comments"]

    static var entryPatch: JSONValue {
        ResourceSchemas.object([
            (
                "evaluation",
                ResourceSchemas.nullable(
                    "string", [("enum", .array(Catalog.evaluations.map { .string($0) } + [.null]))])
            ),
            ("description", ResourceSchemas.type("string", [("maxLength", .number(250))])),
            (
                "comments",
                ResourceSchemas.nullable(
                    "array", [("items", ResourceSchemas.type("string", [("maxLength", .number(250))]))])
            ),
        ])
    }

    static var deleteCanceled: JSONValue {
        ResourceSchemas.object([
            ("filters", ResourceSchemas.nullable("object", [("additionalProperties", ResourceSchemas.type("string"))]))
        ])
    }

    static var deleted: JSONValue {
        ResourceSchemas.object([("deleted", SegmentSchemas.integer)], required: ["deleted"])
    }

    /// `{"contactNo": "C1|C2", "date": "..2026-01-31"}`: filter expressions by entry field.
    static func filters(_ value: JSONValue?) throws(RapportError) -> [(field: String, expression: String)] {
        guard let value, value != .null else { return [] }
        guard case .object(let object) = value else {
            throw RapportError.malformed("filters must be an object of filter expressions.", field: "filters")
        }
        return try object.members.map { member throws(RapportError) in
            guard case .string(let text) = member.value else {
                throw RapportError.malformed(
                    "filters.\(member.key) must be a filter expression string.", field: "filters.\(member.key)")
            }
            return (member.key, text)
        }
    }
}

extension EntryChange {
    /// Reads a PATCH of an entry: evaluation, description and comments may change; a field fixed once
    /// logged is refused by name, as is one the entry does not have.
    static func decode(_ json: JSONValue) throws(RapportError) -> EntryChange {
        guard case .object(let object) = json else {
            throw RapportError.malformed("The request body must be a JSON object, not \(json.typeName).")
        }
        for key in object.keys where !LogUpkeepSchemas.changeable.contains(key) {
            let fixed = Catalog.interactionLogEntries.field(named: key) != nil
            throw RapportError.validation(
                key, fixed ? "\(key) is fixed once logged." : "\(key) is not a field of an interaction log entry.")
        }
        var change = EntryChange()
        if let value = object["evaluation"] {
            let text = try FieldKind.enumeration(Catalog.evaluations).value(of: value.fieldInput, path: "evaluation")
            change.evaluation = .some(text.textValue.flatMap(Evaluation.init(rawValue:)))
        }
        if let value = object["description"] {
            change.description = try FieldKind.text(maxLength: 250).value(of: value.fieldInput, path: "description")
                .textValue
        }
        if let value = object["comments"] {
            change.comments = try comments(value)
        }
        return change
    }

    static func comments(_ value: JSONValue) throws(RapportError) -> [String] {
        if value == .null { return [] }
        guard case .array(let items) = value else {
            throw RapportError.malformed(
                "comments must be an array of texts, not \(value.typeName).", field: "comments")
        }
        return try items.enumerated().map { index, item throws(RapportError) in
            let path = "comments[\(index)]"
            return try FieldKind.text(maxLength: 250).value(of: item.fieldInput, path: path).textValue ?? ""
        }
    }
}
