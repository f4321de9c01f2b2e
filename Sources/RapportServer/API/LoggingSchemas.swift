import RapportCore

/// JSON schemas of the logging operations that are not plain resources.
enum LoggingSchemas {
    static var problem: JSONValue {
        ResourceSchemas.object(
            [
                ("lineNo", ResourceSchemas.nullable("integer")), ("contactNo", ResourceSchemas.nullable("string")),
                ("field", ResourceSchemas.nullable("string")), ("message", ResourceSchemas.type("string")),
            ], required: ["lineNo", "contactNo", "field", "message"])
    }

    static var problems: JSONValue { ResourceSchemas.type("array", [("items", problem)]) }

    static var logCheck: JSONValue {
        ResourceSchemas.object(
            [("ok", SegmentSchemas.boolean), ("problems", problems), ("warnings", problems)],
            required: ["ok", "problems", "warnings"])
    }

    static var logInput: JSONValue {
        ResourceSchemas.object([
            ("send", ResourceSchemas.nullable("boolean")),
            ("createFollowUpSegment", ResourceSchemas.nullable("boolean")),
            ("sendAt", ResourceSchemas.nullable("string", [("format", .string("date-time"))])),
        ])
    }

    static func logResult(_ loggedSegment: JSONValue) -> JSONValue {
        ResourceSchemas.object(
            [
                ("loggedSegment", loggedSegment), ("interactionsLogged", SegmentSchemas.integer),
                ("campaignEntriesCreated", SegmentSchemas.integer),
                ("followUpSegmentNo", ResourceSchemas.nullable("string")), ("warnings", problems),
                ("deliveries", ResourceSchemas.object([("queued", SegmentSchemas.integer)], required: ["queued"])),
            ],
            required: [
                "loggedSegment", "interactionsLogged", "campaignEntriesCreated", "followUpSegmentNo", "warnings",
                "deliveries",
            ])
    }

    static var reuseInput: JSONValue {
        ResourceSchemas.object(
            [("loggedSegmentEntryNo", SegmentSchemas.integer), ("confirm", ResourceSchemas.nullable("boolean"))],
            required: ["loggedSegmentEntryNo"])
    }

    static var cancelInput: JSONValue {
        ResourceSchemas.object([("canceled", SegmentSchemas.boolean)], required: ["canceled"])
    }

    static var statistics: JSONValue {
        ResourceSchemas.object(
            [
                ("noOfInteractions", SegmentSchemas.integer), ("cost", ResourceSchemas.type("number")),
                ("duration", ResourceSchemas.type("number")),
            ],
            required: ["noOfInteractions", "cost", "duration"])
    }

    /// The body of a cancel: `canceled` is required (true cancels, false un-cancels).
    static func canceled(_ json: JSONValue) throws(RapportError) -> Bool {
        let body = try ActionBody(json, allowed: ["canceled"], action: "cancel")
        guard case .bool(let canceled)? = body.object["canceled"] else {
            if body.object["canceled"] == nil || body.object["canceled"] == .null {
                throw RapportError.validation("canceled", "canceled is required (true cancels, false un-cancels).")
            }
            throw RapportError.malformed("canceled must be a boolean.", field: "canceled")
        }
        return canceled
    }
}
