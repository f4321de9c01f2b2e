import Hummingbird
import RapportCore

/// `/health` and `/openapi.yaml`, served without authentication.
struct SystemRoutes {
    func register(on table: APIRouteTable) {
        let health = ResourceSchemas.object([("status", ResourceSchemas.type("string"))], required: ["status"])
        table.add(
            APIOperation(
                method: .get, path: "/health", operationId: "getHealth", summary: "Liveness check.", tag: "system",
                role: nil, response: .json(health))
        ) { _, _ in JSONResponse.make(.object(JSONObject([("status", .string("ok"))]))) }
        table.addOpenAPIDocument(
            APIOperation(
                method: .get, path: "/openapi.yaml", operationId: "getOpenAPI",
                summary: "This API's OpenAPI 3.1 document.", tag: "system", role: nil, response: .yaml))
    }
}
