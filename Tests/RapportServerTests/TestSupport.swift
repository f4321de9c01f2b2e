import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import RapportApp
import RapportCore
import Testing

@testable import RapportServer

/// The admin token every in-process test server accepts.
let adminToken = "test-admin-token"

/// An answer from the API: status, parsed JSON (when JSON), raw text and headers.
struct APIResult: Sendable {
    var status: Int
    var json: JSONValue
    var text: String
    var headers: HTTPFields

    /// `error.code` of an error answer.
    var errorCode: String? { json["error"]?["code"]?.string }
    var errorField: String? { json["error"]?["field"]?.string }
    var details: [JSONValue] { json["error"]?["details"]?.array ?? [] }
}

/// Drives the whole application in process, as a client would.
struct API: Sendable {
    let client: any TestClientProtocol
    var token: String? = adminToken

    func acting(as token: String?) -> API {
        var copy = self
        copy.token = token
        return copy
    }

    @discardableResult
    func call(
        _ method: HTTPRequest.Method, _ path: String, _ body: String? = nil,
        contentType: String = "application/json"
    ) async throws -> APIResult {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if body != nil { headers[.contentType] = contentType }
        let response = try await client.execute(
            uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        let text = String(buffer: response.body)
        let json = (try? JSONValue.parse(Array(text.utf8))) ?? .null
        return APIResult(status: Int(response.status.code), json: json, text: text, headers: response.headers)
    }

    func get(_ path: String) async throws -> APIResult { try await call(.get, path) }
    @discardableResult
    func post(_ path: String, _ body: String) async throws -> APIResult { try await call(.post, path, body) }
    @discardableResult
    func patch(_ path: String, _ body: String) async throws -> APIResult { try await call(.patch, path, body) }
    @discardableResult
    func put(_ path: String, _ body: String) async throws -> APIResult { try await call(.put, path, body) }
    @discardableResult
    func delete(_ path: String) async throws -> APIResult { try await call(.delete, path) }

    /// Creates a user with `role` and returns a client acting as that user.
    func user(_ userId: String, role: String, salesperson: String? = nil) async throws -> API {
        let extra = salesperson.map { #", "salespersonCode": "\#($0)""# } ?? ""
        let created = try await post("/api/v1/users", #"{"userId": "\#(userId)", "role": "\#(role)"\#(extra)}"#)
        #expect(created.status == 201, "\(created.text)")
        return acting(as: created.json["token"]?.string)
    }
}

/// A fresh, empty database for one test: in-memory SQLite, or, with `RAPPORT_TEST_BACKEND=postgres`, a
/// schema of its own on the PostgreSQL server `RAPPORT_TEST_POSTGRES` names (`scripts/test` runs these
/// behaviour tests on both backends).
func freshDatabaseLocation() -> String {
    let environment = ProcessInfo.processInfo.environment
    guard environment["RAPPORT_TEST_BACKEND"] == "postgres" else { return ":memory:" }
    let server = environment["RAPPORT_TEST_POSTGRES"] ?? "postgres://postgres@127.0.0.1:5432/postgres"
    let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    return server + (server.contains("?") ? "&" : "?") + "search_path=" + schema
}

/// Runs `test` against a fresh application over a fresh database (or the one at `location`), with
/// `configuration` (the temporary directory, the PDF converter).
func withAPI(
    location: String = freshDatabaseLocation(), configuration: ServicesConfiguration = ServicesConfiguration(),
    server: ServerConfiguration = ServerConfiguration(adminToken: adminToken, runsDelivery: false),
    mode: TestingSetup = .router, logger: Logger? = nil,
    _ test: @escaping @Sendable (API, RapportServices) async throws -> Void
) async throws {
    let services = try await DatabaseOpener.open(location, configuration: configuration)
    let app = try buildApplication(services: services, configuration: server, logger: logger)
    do {
        try await app.test(mode) { client in
            try await test(API(client: client), services)
        }
    } catch {
        try? await services.store.close()
        throw error
    }
    try await services.store.close()
}

extension JSONValue {
    subscript(_ key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    subscript(_ index: Int) -> JSONValue? {
        if case .array(let items) = self, items.indices.contains(index) { return items[index] }
        return nil
    }

    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    var array: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }
}

/// A JSON string literal for building bodies with tricky text.
func quoted(_ text: String) -> String {
    String(decoding: JSONValue.string(text).serialized(), as: UTF8.self)
}

/// Imports `csv` as a contacts file through the API, as `rapport import` and the web UI send it.
func importCSV(_ api: API, _ csv: String) async throws -> APIResult {
    try await api.call(.post, "/api/v1/contacts/import", csv, contentType: "text/csv")
}
