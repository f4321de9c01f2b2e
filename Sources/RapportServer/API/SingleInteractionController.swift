import Hummingbird
import RapportCore
import RapportStorage

/// One interaction with one contact (BC's Create Interaction) and Make Phone Call, from a contact or a
/// segment line.
struct SingleInteractionController: Sendable {
    let interactions: SingleInteractionService

    /// The body of POST /contacts/{no}/interactions, as the segment line names its fields.
    static let interactionFields =
        [FieldSpec("interactionTemplateCode", .reference(Catalog.templateTarget), required: true)]
        + SingleInteraction.overridableFields.compactMap { Catalog.segmentLines.field(named: $0) }
        + [
            FieldSpec("timeOfInteraction", .text(maxLength: 5), summary: "HH:MM; now when left out."),
            FieldSpec("attemptFailed", .boolean), FieldSpec("contactVia", .text(maxLength: 250)),
            FieldSpec("send", .boolean),
        ]
    /// The body of the phone-call operations.
    static let phoneCallFields = [
        FieldSpec("description", .text(maxLength: 250)), FieldSpec("evaluation", .enumeration(Catalog.evaluations)),
        FieldSpec("attemptFailed", .boolean), FieldSpec("contactVia", .text(maxLength: 250)),
    ]

    func register(on table: APIRouteTable) {
        let entry = table.schemas.ref("InteractionLogEntry") {
            ResourceSchemas.outputObject(Catalog.interactionLogEntries.fields)
        }
        let interaction = table.schemas.ref("InteractionInput") { Self.schema(Self.interactionFields) }
        let call = table.schemas.ref("PhoneCallInput") { Self.schema(Self.phoneCallFields) }
        table.add(
            APIOperation(
                method: .post, path: "/api/v1/contacts/{no}/interactions", operationId: "createInteraction",
                summary: "Record one interaction with the contact (BC's Create Interaction).", tag: "logging",
                role: .marketer, request: .json(interaction), successStatus: 201, response: .json(entry)),
            create)
        table.add(
            APIOperation(
                method: .post, path: "/api/v1/contacts/{no}/phone-calls", operationId: "makePhoneCall",
                summary: "Record a phone call with the contact on setup's phone-call template.", tag: "logging",
                role: .marketer, request: .json(call), successStatus: 201, response: .json(entry)),
            phoneCall)
        table.add(
            APIOperation(
                method: .post, path: "/api/v1/segments/{no}/lines/{lineNo}/phone-call",
                operationId: "makeLinePhoneCall",
                summary: "Record a phone call with the line's contact, with the line's campaign and salesperson.",
                tag: "logging", role: .marketer, request: .json(call), successStatus: 201, response: .json(entry)),
            linePhoneCall)
    }

    @Sendable func create(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let interaction = try Self.decodeInteraction(try await request.json(context))
        let entry = try await interactions.record(interaction, with: context.key("no"), by: context.actingUser())
        return JSONResponse.make(InteractionLogUpkeepController.entryCodec.encode(entry), status: .created)
    }

    @Sendable func phoneCall(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let call = try Self.decodePhoneCall(try await request.json(context))
        let entry = try await interactions.phoneCall(call, with: context.key("no"), by: context.actingUser())
        return JSONResponse.make(InteractionLogUpkeepController.entryCodec.encode(entry), status: .created)
    }

    @Sendable func linePhoneCall(_ request: Request, _ context: RapportRequestContext) async throws -> Response {
        let call = try Self.decodePhoneCall(try await request.json(context))
        let entry = try await interactions.phoneCall(
            call, on: context.segmentNo, line: context.lineNo, by: context.actingUser())
        return JSONResponse.make(InteractionLogUpkeepController.entryCodec.encode(entry), status: .created)
    }

    /// The fields, plus `comments`, as an object schema.
    static func schema(_ fields: [FieldSpec]) -> JSONValue {
        SegmentSchemas.adding(
            "comments", ResourceSchemas.nullable("array", [("items", ResourceSchemas.type("string"))]),
            to: ResourceSchemas.inputObject(fields, partial: true))
    }
}

extension SingleInteractionController {
    static func decodeInteraction(_ json: JSONValue) throws(RapportError) -> SingleInteraction {
        let (sent, comments) = try decode(json, fields: interactionFields)
        guard let template = sent["interactionTemplateCode"].nonBlankText else {
            throw RapportError.validation("interactionTemplateCode", "interactionTemplateCode is required.")
        }
        let time = try sent["timeOfInteraction"].nonBlankText.map { text throws(RapportError) in
            try TimeOfDay.parse(text, field: "timeOfInteraction")
        }
        var fields = Record()
        for name in SingleInteraction.overridableFields { fields.scalars[name] = sent.scalars[name] }
        return SingleInteraction(
            templateCode: InteractionTemplate.Code(template), fields: fields,
            timeOfInteraction: time, attemptFailed: sent.isTrue("attemptFailed"),
            contactVia: sent["contactVia"].nonBlankText, comments: comments, send: sent.isTrue("send"))
    }

    static func decodePhoneCall(_ json: JSONValue) throws(RapportError) -> PhoneCall {
        let (sent, comments) = try decode(json, fields: phoneCallFields)
        return PhoneCall(
            description: sent.scalars["description"]?.textValue, evaluation: sent.option("evaluation"),
            attemptFailed: sent.isTrue("attemptFailed"), contactVia: sent["contactVia"].nonBlankText,
            comments: comments)
    }

    /// The fields sent, and the comment lines.
    static func decode(
        _ json: JSONValue, fields: [FieldSpec]
    ) throws(RapportError) -> (sent: Record, comments: [String]) {
        guard case .object(var object) = json else {
            throw RapportError.malformed("The request body must be a JSON object, not \(json.typeName).")
        }
        let comments =
            try object["comments"].map { value throws(RapportError) in try EntryChange.comments(value) } ?? []
        object["comments"] = nil
        return (try ResourceCodec(fields: fields).sent(.object(object)), comments)
    }
}
