import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RapportCore
import RapportStorage

/// The web UI: server-rendered pages over the same use cases as the API, signed in with a session cookie,
/// every form protected by a CSRF token.
struct WebRoutes {
    let services: RapportServices
    let sessions: WebSessions

    static let csrfCookie = "rapport_csrf"

    func register(on table: APIRouteTable) {
        let web = self
        func page(
            _ method: HTTPRequest.Method, _ path: String, _ name: String, _ summary: String,
            _ handler: @escaping APIRouteTable.Handler
        ) {
            table.add(
                APIOperation(
                    method: method, path: path, operationId: "web-\(name)", summary: summary, tag: "web", role: nil,
                    response: .binary("text/html"), isWebPage: true), handler)
        }
        page(.get, "/", "home", "Home: the segments list.") { _, _ in Self.redirect("/segments") }
        page(.get, "/sign-in", "signInForm", "Sign-in page.") { request, _ in web.signInPage(request, error: nil) }
        page(.post, "/sign-in", "signIn", "Sign in with user ID and password.") { request, _ in
            try await web.signIn(request)
        }
        page(.post, "/sign-out", "signOut", "Sign out.") { request, _ in try await web.signOut(request) }
        page(.get, "/contacts", "contacts", "Contacts, searchable and paged.") { request, _ in
            try await web.withSession(request) { session in try await web.contactsPage(request, session) }
        }
        page(.get, "/segments", "segments", "Segments.") { request, _ in
            try await web.withSession(request) { session in try await web.segmentsPage(session, notice: nil, error: nil)
            }
        }
        page(.post, "/segments", "createSegment", "Create a segment.") { request, _ in
            try await web.withForm(request) { session, form in try await web.createSegment(form, session) }
        }
        page(.get, "/segments/{no}", "segment", "The segment worksheet.") { request, context in
            let no = try context.parameters.require("no")
            return try await web.withSession(request) { session in try await web.segmentPage(no, session) }
        }
        page(.post, "/segments/{no}/contacts", "segmentContacts", "Add, reduce, refine or preview contacts.") {
            request, context in
            let no = try context.parameters.require("no")
            return try await web.withForm(request) { session, form in try await web.selectContacts(no, form, session) }
        }
        page(.post, "/segments/{no}/go-back", "goBack", "Undo the last criteria action.") { request, context in
            let no = try context.parameters.require("no")
            return try await web.withForm(request) { session, _ in
                do {
                    _ = try await web.services.segmentCriteria.goBack(no)
                    return Self.redirect("/segments/\(no)")
                } catch let error as RapportError {
                    return try await web.segmentPage(no, session, error: error.message, status: .conflict)
                }
            }
        }
        page(.post, "/segments/{no}/log", "log", "Log the segment.") { request, context in
            let no = try context.parameters.require("no")
            return try await web.withForm(request) { session, form in try await web.log(no, form, session) }
        }
    }

    // MARK: - Sessions

    func withSession(
        _ request: Request, _ body: (WebSessions.Session) async throws -> Response
    ) async throws -> Response {
        guard let id = request.cookie(WebSessions.cookieName), let session = await sessions.session(id) else {
            return Self.redirect("/sign-in")
        }
        return try await body(session)
    }

    /// A form post from a signed-in user, with its CSRF token checked first.
    func withForm(
        _ request: Request, _ body: (WebSessions.Session, WebForm) async throws -> Response
    ) async throws
        -> Response
    {
        try await withSession(request) { session in
            let form = try await WebForm.read(request)
            guard form["csrf"] == session.csrfToken else { return Self.forbidden() }
            if session.user.role < .marketer {
                return render(
                    "segments", title: "Not allowed", data: [:], session: session, status: .forbidden,
                    notice: "Your role may only read.")
            }
            return try await body(session, form)
        }
    }

    func signInPage(
        _ request: Request, error: String?, userId: String = "", status: HTTPResponse.Status = .ok
    ) -> Response {
        let token = request.cookie(Self.csrfCookie) ?? WebSessions.randomToken()
        var response = render(
            "sign-in", title: "Sign in", data: ["csrf": token, "userId": userId, "error": error as Any],
            session: nil, status: status)
        response.headers[values: .setCookie].append("\(Self.csrfCookie)=\(token); Path=/; HttpOnly; SameSite=Strict")
        return response
    }

    func signIn(_ request: Request) async throws -> Response {
        let form = try await WebForm.read(request)
        guard let expected = request.cookie(Self.csrfCookie), form["csrf"] == expected else { return Self.forbidden() }
        guard let user = try await services.tokens.signIn(userId: form["userId"], password: form["password"]) else {
            return signInPage(
                request, error: "The user ID or password is not right.", userId: form["userId"],
                status: .unprocessableContent)
        }
        let (id, _) = await sessions.start(user)
        var response = Self.redirect("/segments")
        let proxyScheme = HTTPField.Name("X-Forwarded-Proto").flatMap { request.headers[$0] }
        let secure = proxyScheme == "https" ? "; Secure" : ""
        response.headers[values: .setCookie].append(
            "\(WebSessions.cookieName)=\(id); Path=/; HttpOnly; SameSite=Lax\(secure)")
        return response
    }

    func signOut(_ request: Request) async throws -> Response {
        try await withForm(request) { _, _ in
            if let id = request.cookie(WebSessions.cookieName) { await sessions.end(id) }
            var response = Self.redirect("/sign-in")
            response.headers[values: .setCookie].append(
                "\(WebSessions.cookieName)=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax")
            return response
        }
    }

    // MARK: - Rendering

    func render(
        _ template: String, title: String, data: [String: Any], session: WebSessions.Session?,
        status: HTTPResponse.Status = .ok, notice: String? = nil
    ) -> Response {
        // Absent values (nil optionals) must not render as "nil".
        var data = data.filter { !Self.isNil($0.value) }
        if data["csrf"] == nil, let token = session?.csrfToken { data["csrf"] = token }
        let content = WebTemplates.library.render(data, withTemplate: template) ?? ""
        var layout: [String: Any] = ["title": title, "content": content]
        if let session {
            layout["user"] = ["userId": session.user.userId, "csrf": session.csrfToken]
        }
        if let notice { layout["notice"] = notice }
        let html = WebTemplates.library.render(layout, withTemplate: "layout") ?? content
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func isNil(_ value: Any) -> Bool {
        let mirror = Mirror(reflecting: value)
        return mirror.displayStyle == .optional && mirror.children.isEmpty
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    static func forbidden() -> Response {
        Response(
            status: .forbidden, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(
                byteBuffer: ByteBuffer(
                    string:
                        "<!doctype html><title>Forbidden</title><p>The form has expired; reload the page and try again.</p>"
                )))
    }
}
