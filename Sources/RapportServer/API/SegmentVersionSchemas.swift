import RapportCore

/// The OpenAPI schemas of segment versions and their comparison.
enum SegmentVersionSchemas {
    static var version: JSONValue {
        ResourceSchemas.object(
            [
                ("segmentNo", ResourceSchemas.type("string")), ("version", SegmentSchemas.integer),
                ("createdAt", ResourceSchemas.type("string", [("format", .string("date-time"))])),
                ("userId", ResourceSchemas.type("string")), ("noOfLines", SegmentSchemas.integer),
                (
                    "reason",
                    ResourceSchemas.type(
                        "string", [("enum", .array(SegmentVersion.Reason.allCases.map { .string($0.rawValue) }))])
                ),
            ], required: ["segmentNo", "version", "createdAt", "userId", "noOfLines", "reason"])
    }

    static var line: JSONValue {
        SegmentSchemas.adding(
            "explanation", ResourceSchemas.type("string"), to: ResourceSchemas.outputObject(SegmentVersion.lineFields))
    }

    static func versionWithLines(version: JSONValue, line: JSONValue) -> JSONValue {
        SegmentSchemas.adding("lines", ResourceRoutes.pageSchema(line), to: version)
    }

    static func diff(line: JSONValue) -> JSONValue {
        let lines = ResourceSchemas.type("array", [("items", line)])
        let change = ResourceSchemas.object(
            [
                ("contactNo", ResourceSchemas.type("string")),
                (
                    "fields",
                    ResourceSchemas.type(
                        "object", [("additionalProperties", ResourceSchemas.type("array", [("maxItems", .number(2))]))])
                ),
            ], required: ["contactNo", "fields"])
        let counts = ResourceSchemas.object(
            [
                ("added", SegmentSchemas.integer), ("removed", SegmentSchemas.integer),
                ("changed", SegmentSchemas.integer),
            ],
            required: ["added", "removed", "changed"])
        return ResourceSchemas.object(
            [
                ("added", lines), ("removed", lines), ("changed", ResourceSchemas.type("array", [("items", change)])),
                ("counts", counts),
            ], required: ["added", "removed", "changed", "counts"])
    }
}
