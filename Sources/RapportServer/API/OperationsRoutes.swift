import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RapportCore
import RapportStorage

/// What an operator's tools ask a running instance, without signing in: is the process alive, can it serve
/// (the database answers and is migrated), and its metrics in Prometheus' text format (behind a bearer
/// token when `serve --metrics-token` sets one).
struct OperationsRoutes {
    let store: Store
    let metrics: ServerMetrics
    let metricsToken: String?

    static let metricsContentType = "text/plain; version=0.0.4; charset=utf-8"

    func register(on table: APIRouteTable) {
        let status = ResourceSchemas.object([("status", ResourceSchemas.type("string"))], required: ["status"])
        table.add(
            APIOperation(
                method: .get, path: "/health/live", operationId: "getHealthLive",
                summary: "Liveness: the process runs and answers.", tag: "system", role: nil, response: .json(status))
        ) { _, _ in JSONResponse.make(.object(JSONObject([("status", .string("ok"))]))) }
        let readiness = table.schemas.ref("Readiness") {
            ResourceSchemas.object(
                [("status", ResourceSchemas.type("string")), ("database", ResourceSchemas.type("string"))],
                required: ["status", "database"])
        }
        table.add(
            APIOperation(
                method: .get, path: "/health/ready", operationId: "getHealthReady",
                summary: "Readiness: the database answers and every migration has run; 503 with the reason if not.",
                tag: "system", role: nil, response: .json(readiness),
                otherResponses: [
                    .init(status: 503, description: "Not ready; `database` says why.", body: .json(readiness))
                ])
        ) { _, context in await ready(context) }
        let error = table.schemas.ref("Error") { OpenAPIDocument.errorSchema }
        table.add(
            APIOperation(
                method: .get, path: "/metrics", operationId: "getMetrics",
                summary: "Metrics in Prometheus' text format (a bearer token when the server is given one).",
                tag: "system", role: nil, response: .binary("text/plain"),
                otherResponses: [
                    .init(status: 401, description: "The server's metrics token was not sent.", body: .json(error))
                ])
        ) { request, _ in try await scrape(request) }
    }

    private func ready(_ context: RapportRequestContext) async -> Response {
        switch await store.readiness() {
        case .ready:
            return JSONResponse.make(.object(JSONObject([("status", .string("ok")), ("database", .string("ok"))])))
        case .unavailable(let reason, let detail):
            context.logger.warning("not ready", metadata: ["reason": "\(reason)", "detail": "\(detail)"])
            return JSONResponse.make(
                .object(JSONObject([("status", .string("unavailable")), ("database", .string(reason))])),
                status: .serviceUnavailable)
        }
    }

    private func scrape(_ request: Request) async throws(RapportError) -> Response {
        if let metricsToken, !metricsToken.isEmpty {
            let header = request.headers[.authorization] ?? ""
            let token = header.lowercased().hasPrefix("bearer ") ? String(header.dropFirst("bearer ".count)) : ""
            guard AuthenticationMiddleware.constantTimeEqual(token.trimmingCharacters(in: .whitespaces), metricsToken)
            else {
                throw RapportError(.unauthenticated, "Send 'Authorization: Bearer <metrics token>'.")
            }
        }
        let text = await metrics.scrape()
        return Response(
            status: .ok, headers: [.contentType: Self.metricsContentType],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
