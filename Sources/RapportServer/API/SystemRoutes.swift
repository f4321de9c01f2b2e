import Foundation
import Hummingbird
import NIOCore
import RapportCore

/// `/health` and `/openapi.yaml`, served without authentication.
struct SystemRoutes {
    let table: APIRouteTable
    /// Filled in once every operation is registered, before the server answers.
    let document: OpenAPIText

    func register() {
        let health = ResourceSchemas.object([("status", ResourceSchemas.type("string"))], required: ["status"])
        table.add(
            APIOperation(
                method: .get, path: "/health", operationId: "getHealth", summary: "Liveness check.", tag: "system",
                role: nil, response: .json(health))
        ) { _, _ in JSONResponse.make(.object(JSONObject([("status", .string("ok"))]))) }
        let document = self.document
        table.add(
            APIOperation(
                method: .get, path: "/openapi.yaml", operationId: "getOpenAPI",
                summary: "This API's OpenAPI 3.1 document.", tag: "system", role: nil, response: .yaml)
        ) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: document.value)))
        }
    }
}

/// The OpenAPI text, made once the route table is complete.
final class OpenAPIText: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""

    var value: String { lock.withLock { text } }

    func set(_ value: String) { lock.withLock { text = value } }
}
