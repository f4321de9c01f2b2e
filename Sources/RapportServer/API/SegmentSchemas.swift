import RapportCore

/// JSON schemas of the segment operations that are not plain resources.
enum SegmentSchemas {
    static let integer = ResourceSchemas.type("integer")
    static let boolean = ResourceSchemas.type("boolean")

    static var filters: JSONValue {
        ResourceSchemas.object(
            FilterTable.all.map { table in
                (
                    table.key,
                    ResourceSchemas.nullable(
                        "object",
                        [
                            (
                                "properties",
                                .object(JSONObject(table.fields.map { ($0.name, ResourceSchemas.nullable("string")) }))
                            ),
                            ("additionalProperties", .bool(false)),
                        ])
                )
            })
    }

    static func actionInput(_ kind: CriteriaActionKind?, filters: JSONValue) -> JSONValue {
        var properties: [(String, JSONValue)] = [("filters", filters)]
        if kind == .add || kind == nil {
            properties += ["allowExistingContacts", "expandCompanies", "allowRelatedCompanies", "ignoreExclusion"]
                .map { ($0, ResourceSchemas.nullable("boolean")) }
        }
        if kind != .add {
            properties += [
                ("entireCompanies", ResourceSchemas.nullable("boolean")),
                ("resetCriteria", ResourceSchemas.nullable("boolean")),
            ]
        }
        if kind == nil {
            properties.append(("sample", ResourceSchemas.nullable("boolean")))
            properties.append(
                (
                    "action",
                    ResourceSchemas.type(
                        "string",
                        [
                            ("enum", .array(CriteriaActionKind.allCases.map { .string($0.rawValue) }))
                        ])
                ))
            return ResourceSchemas.object(properties, required: ["action"])
        }
        return ResourceSchemas.object(properties)
    }

    static func result(_ counter: String?) -> JSONValue {
        var properties: [(String, JSONValue)] = []
        if let counter { properties.append((counter, integer)) }
        properties += [("noOfLines", integer), ("noOfCriteriaActions", integer)]
        return ResourceSchemas.object(properties, required: properties.map(\.0))
    }

    static var preview: JSONValue {
        ResourceSchemas.object(
            [
                ("action", ResourceSchemas.type("string")), ("wouldAdd", integer), ("wouldRemove", integer),
                ("sample", ResourceSchemas.type("array", [("items", ResourceSchemas.type("string"))])),
                (
                    "skipped",
                    ResourceSchemas.object(
                        [("excludedFromSegment", integer), ("alreadyInSegment", integer)],
                        required: ["excludedFromSegment", "alreadyInSegment"])
                ),
            ], required: ["action", "skipped"])
    }

    static func criteriaAction(filters: JSONValue) -> JSONValue {
        ResourceSchemas.object(
            [
                ("actionNo", integer), ("action", ResourceSchemas.type("string")),
                ("allowExistingContacts", boolean), ("expandCompanies", boolean), ("allowRelatedCompanies", boolean),
                ("ignoreExclusion", boolean), ("entireCompanies", boolean), ("filters", filters),
                ("text", ResourceSchemas.type("string")),
            ],
            required: [
                "actionNo", "action", "allowExistingContacts", "expandCompanies", "allowRelatedCompanies",
                "ignoreExclusion", "entireCompanies", "filters", "text",
            ])
    }

    static func savedCriteria(action: JSONValue) -> JSONValue {
        ResourceSchemas.object(
            [
                ("code", ResourceSchemas.type("string")), ("description", ResourceSchemas.type("string")),
                ("userId", ResourceSchemas.type("string")), ("noOfActions", integer),
                ("actions", ResourceSchemas.type("array", [("items", action)])),
            ], required: ["code", "description", "userId", "noOfActions", "actions"])
    }

    static var saveCriteriaInput: JSONValue {
        ResourceSchemas.object(
            [
                ("code", ResourceSchemas.type("string", [("maxLength", .number(10))])),
                ("description", ResourceSchemas.nullable("string")),
            ], required: ["code"])
    }

    static var reuseCriteriaInput: JSONValue {
        ResourceSchemas.object(
            [("code", ResourceSchemas.type("string")), ("confirm", ResourceSchemas.nullable("boolean"))],
            required: ["code"])
    }

    static var reuseResult: JSONValue {
        ResourceSchemas.object(
            [
                ("linesAdded", integer), ("linesRemoved", integer), ("noOfLines", integer),
                ("noOfCriteriaActions", integer),
            ],
            required: ["linesAdded", "linesRemoved", "noOfLines", "noOfCriteriaActions"])
    }

    static var applyMailingGroupInput: JSONValue {
        ResourceSchemas.object(
            [
                ("mailingGroupCode", ResourceSchemas.type("string")),
                ("deleteOldAssignments", ResourceSchemas.nullable("boolean")),
            ],
            required: ["mailingGroupCode"])
    }

    static var applyMailingGroupResult: JSONValue {
        ResourceSchemas.object(
            [
                ("mailingGroupCode", ResourceSchemas.type("string")), ("segmentNo", ResourceSchemas.type("string")),
                ("contactsAssigned", integer), ("contactsInSegment", integer),
                ("message", ResourceSchemas.type("string")),
            ], required: ["mailingGroupCode", "segmentNo", "contactsAssigned", "contactsInSegment", "message"])
    }

    /// Adds a property to an object schema (`updateLines` on the segment patch).
    static func adding(_ name: String, _ schema: JSONValue, to object: JSONValue) -> JSONValue {
        guard case .object(var root) = object, case .object(var properties)? = root["properties"] else { return object }
        properties[name] = schema
        root["properties"] = .object(properties)
        return .object(root)
    }
}
