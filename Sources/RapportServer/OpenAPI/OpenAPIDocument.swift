import RapportCore

/// Builds the OpenAPI 3.1 document from the registered operations.
enum OpenAPIDocument {
    static let errorStatuses: [Int: String] = [
        400: "Malformed request (bad JSON, wrong JSON type).",
        401: "Missing or invalid bearer token.",
        403: "The user's role does not allow this.",
        404: "The resource in the path does not exist.",
        405: "The path does not support this method.",
        409: "Conflict: duplicate code, state, or a concurrent change.",
        413: "The request body is too large.",
        422: "Well-formed but invalid; `field` names the field at fault.",
    ]

    static func build(_ table: APIRouteTable) -> JSONValue {
        let errorRef = table.schemas.ref("Error") { errorSchema }
        var paths = JSONObject()
        for operation in table.operations {
            var item = paths[operation.path]?.objectValue ?? JSONObject()
            item[operation.method.rawValue.lowercased()] = describe(operation, errorRef: errorRef)
            paths[operation.path] = .object(item)
        }
        var securitySchemes = JSONObject()
        securitySchemes["bearer"] = .object(JSONObject([("type", .string("http")), ("scheme", .string("bearer"))]))
        return .object(
            JSONObject([
                ("openapi", .string("3.1.0")),
                (
                    "info",
                    .object(
                        JSONObject([
                            ("title", .string("Rapport API")),
                            ("version", .string("1.0.0")),
                            (
                                "description",
                                .string("Segments and interactions: contacts, segments, logging and delivery.")
                            ),
                        ]))
                ),
                ("servers", .array([.object(JSONObject([("url", .string("/"))]))])),
                ("paths", .object(paths)),
                (
                    "components",
                    .object(
                        JSONObject([
                            ("schemas", .object(JSONObject(table.schemas.named.map { ($0.name, $0.schema) }))),
                            ("securitySchemes", .object(securitySchemes)),
                        ]))
                ),
            ]))
    }

    static func describe(_ operation: APIOperation, errorRef: JSONValue) -> JSONValue {
        var object = JSONObject([
            ("operationId", .string(operation.operationId)),
            ("summary", .string(operation.summary)),
            ("tags", .array([.string(operation.tag)])),
        ])
        var parameters: [JSONValue] = operation.pathParameters.map { name in
            .object(
                JSONObject([
                    ("name", .string(name)), ("in", .string("path")), ("required", .bool(true)),
                    ("schema", .object(JSONObject([("type", .string("string"))]))),
                ]))
        }
        parameters += operation.queryParameters.map { parameter in
            .object(
                JSONObject([
                    ("name", .string(parameter.name)), ("in", .string("query")), ("required", .bool(false)),
                    ("description", .string(parameter.summary)), ("schema", parameter.schema),
                ]))
        }
        if !parameters.isEmpty { object["parameters"] = .array(parameters) }
        if let body = content(operation.request) {
            object["requestBody"] = .object(JSONObject([("required", .bool(true)), ("content", body)]))
        }
        var responses = JSONObject()
        var success = JSONObject([("description", .string("Success."))])
        if let body = content(operation.response) { success["content"] = body }
        responses[String(operation.successStatus)] = .object(success)
        for status in operation.otherSuccess { responses[String(status)] = .object(success) }
        for other in operation.otherResponses {
            var response = JSONObject([("description", .string(other.description))])
            if let body = content(other.body) { response["content"] = body }
            responses[String(other.status)] = .object(response)
        }
        if operation.isWebPage {
            let html = JSONObject([("text/html", .object(JSONObject([("schema", ResourceSchemas.type("string"))])))])
            responses["303"] = .object(JSONObject([("description", .string("Redirect (sign-in, or after a form)."))]))
            for (status, text) in [
                (403, "The form's CSRF token is missing or wrong."), (404, "No such page."),
                (409, "The action cannot be done now."), (422, "The form has a mistake."),
            ] + (operation.isThrottled ? [(429, "Too many failed attempts; see Retry-After (seconds).")] : []) {
                responses[String(status)] = .object(
                    JSONObject([
                        ("description", .string(text)), ("content", .object(html)),
                    ]))
            }
        }
        if operation.isStaticFile {
            let text = JSONObject([("text/plain", .object(JSONObject([("schema", ResourceSchemas.type("string"))])))])
            responses["404"] = .object(
                JSONObject([("description", .string("No such file.")), ("content", .object(text))]))
        }
        if operation.role != nil {
            let errorContent = JSONObject([("application/json", .object(JSONObject([("schema", errorRef)])))])
            for status in errorStatuses.keys.sorted() {
                responses[String(status)] = .object(
                    JSONObject([
                        ("description", .string(errorStatuses[status] ?? "")), ("content", .object(errorContent)),
                    ]))
            }
            object["security"] = .array([.object(JSONObject([("bearer", .array([]))]))])
        }
        object["responses"] = .object(common(responses, operation, errorRef: errorRef))
        return .object(object)
    }

    /// What every operation answers besides its own: a query parameter holding NUL is 422 with the API's JSON
    /// error, pages and files included (`QueryTextMiddleware`); and an answer to HEAD never has a body.
    static func common(_ responses: JSONObject, _ operation: APIOperation, errorRef: JSONValue) -> JSONObject {
        var responses = responses
        var unprocessable =
            responses["422"]?.objectValue
            ?? JSONObject([("description", .string("A query parameter holds NUL; `field` names it."))])
        var content = unprocessable["content"]?.objectValue ?? JSONObject()
        content["application/json"] = .object(JSONObject([("schema", errorRef)]))
        unprocessable["content"] = .object(content)
        responses["422"] = .object(unprocessable)
        if operation.method == .head {
            for member in responses.members {
                var response = member.value.objectValue ?? JSONObject()
                response["content"] = nil
                responses[member.key] = .object(response)
            }
        }
        return responses
    }

    static func content(_ body: APIOperation.Body) -> JSONValue? {
        let type: String
        let schema: JSONValue
        switch body {
        case .none: return nil
        case .json(let value):
            type = "application/json"
            schema = value
        case .csv:
            type = "text/csv"
            schema = ResourceSchemas.type("string")
        case .yaml:
            type = "application/yaml"
            schema = ResourceSchemas.type("string")
        case .binary(let mediaType):
            type = mediaType
            schema = ResourceSchemas.type("string", [("format", .string("binary"))])
        case .binaryAny(let mediaTypes):
            let binary = ResourceSchemas.type("string", [("format", .string("binary"))])
            return .object(JSONObject(mediaTypes.map { ($0, .object(JSONObject([("schema", binary)]))) }))
        }
        return .object(JSONObject([(type, .object(JSONObject([("schema", schema)])))]))
    }

    static var errorSchema: JSONValue {
        let problem = ResourceSchemas.object(
            [
                ("row", ResourceSchemas.type("integer")),
                ("lineNo", ResourceSchemas.nullable("integer")),
                ("contactNo", ResourceSchemas.nullable("string")),
                ("field", ResourceSchemas.nullable("string")),
                ("message", ResourceSchemas.type("string")),
            ], required: ["field", "message"])
        let error = ResourceSchemas.object(
            [
                ("code", ResourceSchemas.type("string")),
                ("message", ResourceSchemas.type("string")),
                ("field", ResourceSchemas.nullable("string")),
                ("details", ResourceSchemas.type("array", [("items", problem)])),
            ], required: ["code", "message", "field"])
        return ResourceSchemas.object([("error", error)], required: ["error"])
    }
}
