import RapportApp
import RapportCore
import Testing

@testable import RapportServer

@Suite("OpenAPI document and routing")
struct OpenAPITests {
    /// `(METHOD, path)` pairs listed under `paths` of the served YAML.
    static func documentedOperations(_ yaml: String) -> Set<String> {
        var operations: Set<String> = []
        var currentPath: String?
        var inPaths = false
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" ") { inPaths = line.hasPrefix("\"paths\":"); continue }
            guard inPaths else { continue }
            if line.hasPrefix("  \""), !line.hasPrefix("   ") {
                currentPath = line.trimmingCharacters(in: .whitespaces).dropLast().replacingOccurrences(
                    of: "\"", with: "")
            } else if line.hasPrefix("    \""), !line.hasPrefix("     "), let currentPath {
                let method = line.trimmingCharacters(in: .whitespaces).dropLast().replacingOccurrences(
                    of: "\"", with: "")
                operations.insert("\(method.uppercased()) \(currentPath)")
            }
        }
        return operations
    }

    @Test func theDocumentListsExactlyTheRoutesTheRouterHas() async throws {
        let services = try await DatabaseOpener.open(":memory:")
        let table = APIRouteTable()
        registerRoutes(
            on: table, services: services, sessions: WebSessions(service: services.webSessions), assets: try WebAssets()
        )
        let registered = Set(table.operations.map { "\($0.method.rawValue) \($0.path)" })
        #expect(registered.count == table.operations.count, "an operation is registered twice")
        let operations = table.operations
        try await withAPI { api, _ in
            let answer = try await api.acting(as: nil).get("/openapi.yaml")
            #expect(answer.status == 200)
            #expect(answer.headers[.contentType]?.hasPrefix("application/yaml") == true)
            #expect(answer.text.hasPrefix("\"openapi\": \"3.1.0\""))
            #expect(Self.documentedOperations(answer.text) == registered)
            #expect(registered.contains("POST /api/v1/contacts/import"))
            #expect(registered.contains("GET /api/v1/mailing-groups/{code}"))

            // Every documented operation reaches a handler: none answers "no route" or 405.
            for operation in operations {
                let path = operation.path.replacingOccurrences(
                    of: #"\{[A-Za-z]+\}"#, with: "X", options: .regularExpression)
                let result = try await api.call(
                    operation.method, path, operation.method == .get || operation.method == .delete ? nil : "{}")
                let message = result.json["error"]?["message"]?.string ?? ""
                #expect(!message.hasPrefix("There is no route"), "\(operation.method) \(operation.path)")
                #expect(result.status != 405, "\(operation.method) \(operation.path)")
                #expect(result.status < 500, "\(operation.method) \(operation.path): \(result.text)")
            }
        }
    }

    @Test func anUnsupportedMethodOnAKnownPathIs405() async throws {
        try await withAPI { api, _ in
            let answer = try await api.call(.post, "/api/v1/setup", "{}")
            #expect(answer.status == 405)
            #expect(answer.headers[.allow]?.contains("GET") == true)
            #expect(answer.errorCode == "method_not_allowed")
            let unknown = try await api.get("/api/v1/nothing-here")
            #expect(unknown.status == 404)
            #expect(unknown.errorCode == "not_found")
        }
    }

    @Test func bodiesOverTenMebibytesAre413AndChangeNothing() async throws {
        try await withAPI { api, _ in
            let huge = #"{"code": "BIG", "description": ""# + String(repeating: "x", count: 10 * 1024 * 1024) + #""}"#
            let answer = try await api.post("/api/v1/mailing-groups", huge)
            #expect(answer.status == 413)
            #expect(answer.errorCode == "payload_too_large")
            #expect(try await api.get("/api/v1/mailing-groups/BIG").status == 404)
        }
    }
}
