import Foundation
import HTTPTypes
import Hummingbird
import RapportCore
import RapportStorage

/// One page request from a signed-in user: the session, the form (CSRF already checked for posts)
/// and, for uploads, the file.
struct WebRequest: Sendable {
    let web: WebRoutes
    let request: Request
    let context: RapportRequestContext
    let session: WebSessions.Session
    var form = WebForm()
    var upload: WebUpload?
    /// The notice a redirect left for this page.
    var flash: String?

    var user: ActingUser { session.user }

    func render(
        _ template: String, title: String, data: [String: Any], status: HTTPResponse.Status = .ok,
        notice: String? = nil, script: String? = nil
    ) -> Response {
        if query("format") == "csv", status == .ok,
            let csv = WebCSV.response(data, name: WebCSV.name(path: request.uri.path))
        {
            return csv
        }
        return web.render(
            template, title: title, data: data, session: session, status: status, notice: notice ?? flash,
            script: script, path: request.uri.path)
    }

    /// After a successful post: on to a page that shows `notice` once (post/redirect/get).
    func redirect(_ path: String, notice: String? = nil) async -> Response {
        // A notice that cannot be stored is no reason to fail what was done: the page after shows without it.
        if let notice { try? await web.sessions.flash(session, notice) }
        return WebRoutes.redirect(path)
    }

    func parameter(_ name: String) throws -> String { try context.parameters.require(name) }

    /// The `{lineNo}` of a segment line page.
    var lineNo: SegmentLine.No {
        get throws { try context.lineNo }
    }

    /// The `{no}` of a segment page.
    var segmentNo: Segment.No {
        get throws { try context.segmentNo }
    }

    func query(_ name: String) -> String { request.queryValue(name) ?? "" }
}

/// Registers web pages on the API route table (so OpenAPI lists them too): every page needs a
/// session, every post a CSRF token and a role that may write, and a `RapportError` a page does not
/// handle itself becomes a readable error page, never a stack trace.
struct WebPageTable {
    typealias Handler = @Sendable (WebRequest) async throws -> Response

    let table: APIRouteTable
    let web: WebRoutes

    /// A page that anyone signed in may read.
    func get(_ path: String, _ name: String, _ summary: String, _ handler: @escaping Handler) {
        let web = self.web
        add(.get, path, name, summary) { request, context in
            try await web.withSession(request) { session in
                context.trace.setUserId(session.user.userId)  // the request log line names who asked
                let flash = try? await web.sessions.takeFlash(session)
                return try await web.guarded(session) {
                    try await handler(
                        WebRequest(web: web, request: request, context: context, session: session, flash: flash))
                }
            }
        }
    }

    /// A form post: CSRF-checked, and refused below `role`.
    func post(
        _ path: String, _ name: String, _ summary: String, role: Role = .marketer, _ handler: @escaping Handler
    ) {
        let web = self.web
        add(.post, path, name, summary) { request, context in
            try await web.withSession(request) { session in
                context.trace.setUserId(session.user.userId)  // the request log line names who asked
                let form: WebForm
                do {
                    form = try await WebForm.read(request)
                } catch let error as RapportError {
                    return web.errorPage(error, session)
                }
                return try await web.checked(session, token: form["csrf"], role: role) {
                    try await handler(
                        WebRequest(web: web, request: request, context: context, session: session, form: form))
                }
            }
        }
    }

    /// A `multipart/form-data` post with one file (a CSV, a Word document), spooled to disk.
    func upload(
        _ path: String, _ name: String, _ summary: String, limit: Int, role: Role = .marketer,
        _ handler: @escaping Handler
    ) {
        let web = self.web
        add(.post, path, name, summary) { request, context in
            try await web.withSession(request) { session in
                context.trace.setUserId(session.user.userId)  // the request log line names who asked
                let parsed: WebMultipart
                do {
                    parsed = try await WebMultipart.receive(
                        request, limit: limit, in: web.services.temporaryDirectory)
                } catch let error as RapportError {
                    return web.errorPage(error, session)
                }
                defer { parsed.remove() }
                return try await web.checked(session, token: parsed.form["csrf"], role: role) {
                    try await handler(
                        WebRequest(
                            web: web, request: request, context: context, session: session, form: parsed.form,
                            upload: parsed.file))
                }
            }
        }
    }

    private func add(
        _ method: HTTPRequest.Method, _ path: String, _ name: String, _ summary: String,
        _ handler: @escaping APIRouteTable.Handler
    ) {
        table.add(
            APIOperation(
                method: method, path: path, operationId: "web-\(name)", summary: summary, tag: "web", role: nil,
                response: .binary("text/html"), isWebPage: true), handler)
    }
}

extension WebRoutes {
    /// Runs a page for a signed-in user, or sends the visitor to sign in.
    func withSession(
        _ request: Request, _ body: (WebSessions.Session) async throws -> Response
    ) async throws -> Response {
        guard let id = request.cookie(WebSessions.cookieName),
            let session = try await sessions.current(id)
        else {
            let target =
                request.uri.path == "/"
                ? ""
                : "?next="
                    + (request.uri.path.addingPercentEncoding(
                        withAllowedCharacters: .urlPathAllowed) ?? "")
            return Self.redirect("/sign-in" + target)
        }
        return try await body(session)
    }

    /// The CSRF and role checks of every post, then the page.
    func checked(
        _ session: WebSessions.Session, token: String, role: Role, _ body: () async throws -> Response
    ) async throws -> Response {
        guard !token.isEmpty, AuthenticationMiddleware.constantTimeEqual(token, session.csrfToken) else {
            return Self.forbidden()
        }
        guard session.user.role >= role else {
            return errorPage(
                RapportError(.forbidden, "Your role (\(session.user.role.rawValue)) may not do this."), session)
        }
        return try await guarded(session, body)
    }

    /// A use-case error the page did not handle itself becomes an error page with its message.
    func guarded(_ session: WebSessions.Session, _ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let error as RapportError {
            return errorPage(error, session)
        }
    }

    func errorPage(_ error: RapportError, _ session: WebSessions.Session?) -> Response {
        let title = error.kind == .notFound ? "Not found" : "That did not work"
        return render(
            "error", title: title, data: ["message": error.message, "field": error.field as Any], session: session,
            status: Self.status(for: error.kind))
    }

    /// The statuses pages answer with (OpenAPI lists them for every page).
    static func status(for kind: ErrorKind) -> HTTPResponse.Status {
        switch kind {
        case .notFound: .notFound
        case .forbidden, .unauthenticated: .forbidden
        case .alreadyExists, .alreadyLogged, .confirmationRequired, .conflict: .conflict
        case .timedOut: .serviceUnavailable
        case .insufficientStorage: ErrorResponse.insufficientStorage
        default: .unprocessableContent
        }
    }
}
