import HTTPTypes
import Hummingbird

/// The outermost middleware: gives the request its id (`X-Request-Id`, passed on from a proxy or made up)
/// and puts it, with the client's address, on every log line of the request; works out the client's address
/// and scheme (`TrustedProxies`); echoes the id in the answer; and counts the request and its duration
/// under its route template.
struct RequestTracingMiddleware: RouterMiddleware {
    typealias Context = RapportRequestContext
    let proxies: TrustedProxies
    let metrics: ServerMetrics

    static let requestIdHeader = HTTPField.Name("X-Request-Id")
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")
    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        let id = RequestID.accept(Self.header(Self.requestIdHeader, request))
        context.requestId = id
        context.logger[metadataKey: "requestId"] = .string(id)
        let client = proxies.client(
            peer: context.remoteAddress?.ipAddress, forwardedFor: Self.header(Self.forwardedFor, request),
            forwardedProto: Self.header(Self.forwardedProto, request))
        context.clientAddress = client.address
        context.isHTTPS = client.isHTTPS
        if let address = client.address { context.logger[metadataKey: "client"] = .string(address) }
        let start = ContinuousClock.now
        let method = request.method.rawValue
        do {
            var response = try await next(request, context)
            metrics.recordRequest(
                method: method, route: context.endpointPath, status: Int(response.status.code),
                duration: ContinuousClock.now - start)
            if let name = Self.requestIdHeader { response.headers[name] = id }
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            metrics.recordRequest(
                method: method, route: context.endpointPath, status: Int(status), duration: ContinuousClock.now - start)
            throw error
        }
    }

    static func header(_ name: HTTPField.Name?, _ request: Request) -> String? {
        name.flatMap { request.headers[$0] }
    }
}
