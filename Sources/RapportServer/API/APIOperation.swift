import Hummingbird
import NIOCore
import RapportCore

/// One documented operation of the API. Routes are registered only through `APIRouteTable`, which
/// records each one, so the OpenAPI document and the router cannot drift apart.
struct APIOperation: Sendable {
    enum Body: Sendable {
        case none
        /// A JSON body with this schema (a `$ref` name or an inline schema).
        case json(JSONValue)
        case csv
        case yaml
        /// Raw bytes of this media type (documents, archives, HTML).
        case binary(String)
        /// Raw bytes in any of these media types (an upload: the .docx type or plain octets).
        case binaryAny([String])
    }

    var method: HTTPRequest.Method
    var path: String
    var operationId: String
    var summary: String
    var tag: String
    /// The least role allowed; nil for the unauthenticated endpoints (`/health`, `/openapi.yaml`).
    var role: Role?
    var request: Body = .none
    var successStatus: Int = 200
    var response: Body = .none
    var queryParameters: [QueryParameter] = []
    var isList = false
    /// Further success statuses (a document's first PUT is 201, a replacement 200).
    var otherSuccess: [Int] = []
    /// A web UI page: HTML answers, redirects, a session cookie instead of a bearer token.
    var isWebPage = false
    /// A file of the web UI (stylesheet, script): no session, and 404 for a name there is no file of.
    var isStaticFile = false
    /// Refused with 429 and `Retry-After` after too many failed attempts (the sign-in).
    var isThrottled = false
    /// Answers besides success and the usual errors (`/health/ready`'s 503, `/metrics`' 401).
    var otherResponses: [OtherResponse] = []

    struct OtherResponse: Sendable {
        var status: Int
        var description: String
        var body: Body
    }

    struct QueryParameter: Sendable {
        var name: String
        var schema: JSONValue
        var summary: String
    }

    /// Path template segments (`{code}` marks a parameter).
    var pathParameters: [String] {
        path.split(separator: "/").compactMap { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? String(segment.dropFirst().dropLast()) : nil
        }
    }

    /// The `HEAD` twin of a `GET` operation: the same handler, status and headers, no body (RFC 9110 §9.3.2).
    var headVariant: APIOperation {
        var head = self
        head.method = .head
        head.operationId = "head" + operationId.prefix(1).uppercased() + operationId.dropFirst()
        head.summary = "The headers `GET` answers with, without the body: " + summary
        head.response = .none
        return head
    }

    /// Whether a concrete path (`/api/v1/salespeople/JO`) fits this operation's template.
    func matches(path concrete: String) -> Bool {
        let template = path.split(separator: "/", omittingEmptySubsequences: false)
        let parts = concrete.split(separator: "/", omittingEmptySubsequences: false)
        guard template.count == parts.count else { return false }
        return zip(template, parts).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
    }
}

/// Registers operations on the router and keeps the list the OpenAPI document is built from.
final class APIRouteTable {
    typealias Handler = @Sendable (Request, RapportRequestContext) async throws -> Response

    private var routes: [(operation: APIOperation, handler: Handler?)] = []
    let schemas = SchemaRegistry()

    var operations: [APIOperation] { routes.map(\.operation) }

    /// Adds an operation; a `GET` brings its `HEAD` twin, answered by the same handler (`HeadMiddleware` drops
    /// the body), so the router and the document list both.
    func add(_ operation: APIOperation, _ handler: @escaping Handler) {
        append(operation, handler)
    }

    /// Adds the operation that answers with the OpenAPI document of this table, which is written when the
    /// table is installed: complete, before the server answers anything.
    func addOpenAPIDocument(_ operation: APIOperation) {
        append(operation, nil)
    }

    private func append(_ operation: APIOperation, _ handler: Handler?) {
        routes.append((operation, handler))
        if operation.method == .get { routes.append((operation.headVariant, handler)) }
    }

    /// Writes the OpenAPI document, then puts every operation on the router, behind its role check.
    func install(on router: Router<RapportRequestContext>) {
        let document = YAMLWriter.write(OpenAPIDocument.build(self))
        let serveDocument: Handler = { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: document)))
        }
        for (operation, handler) in routes {
            let handler = handler ?? serveDocument
            let role = operation.role
            router.on(RouterPath(operation.path), method: operation.method) { request, context in
                if let role { try context.actingUser().require(role) }
                return try await handler(request, context)
            }
        }
    }
}

/// Named JSON schemas of the OpenAPI document's `components`.
final class SchemaRegistry {
    private(set) var named: [(name: String, schema: JSONValue)] = []

    /// Registers a schema once and returns a `$ref` to it.
    @discardableResult
    func ref(_ name: String, _ make: () -> JSONValue) -> JSONValue {
        if !named.contains(where: { $0.name == name }) { named.append((name, make())) }
        return .object(JSONObject([("$ref", .string("#/components/schemas/\(name)"))]))
    }
}
