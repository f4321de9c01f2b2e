import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RapportCore
import RapportStorage

/// The web UI: server-rendered pages over the same use cases as the API, signed in with a session cookie,
/// every form protected by a CSRF token.
struct WebRoutes: Sendable {
    let services: RapportServices
    let sessions: WebSessions
    /// The templates, stylesheet and scripts, loaded when the application was built.
    let assets: WebAssets
    /// Runs long work started from a page (a contact import) and records it for its job page.
    let jobs: JobRunner

    static let csrfCookie = "rapport_csrf"

    func register(on table: APIRouteTable) {
        let web = self
        let pages = WebPageTable(table: table, web: self)
        table.add(
            APIOperation(
                method: .get, path: "/sign-in", operationId: "web-signInForm", summary: "Sign-in page.", tag: "web",
                role: nil, response: .binary("text/html"), isWebPage: true)
        ) { request, _ in web.signInPage(request, error: nil) }
        table.add(
            APIOperation(
                method: .post, path: "/sign-in", operationId: "web-signIn",
                summary: "Sign in with user ID and password.",
                tag: "web", role: nil, response: .binary("text/html"), isWebPage: true, isThrottled: true)
        ) { request, context in try await web.signIn(request, context) }
        assets.staticFiles.register(on: table)
        pages.post("/sign-out", "signOut", "Sign out.", role: .viewer) { page in
            try await web.sessions.end(page.session.token)
            var response = Self.redirect("/sign-in")
            response.headers[values: .setCookie].append(
                "\(WebSessions.cookieName)=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax")
            return response
        }
        HomePages(web: self).register(pages)
        StatisticsPages(web: self).register(pages)
        ContactPages(web: self).register(pages)
        InteractionPages(web: self).register(pages)
        SegmentPages(web: self).register(pages)
        WorksheetPages(web: self).register(pages)
        VersionPages(web: self).register(pages)
        LoggedPages(web: self).register(pages)
        RollbackPages(web: self).register(pages)
        TemplatePages(web: self).register(pages)
        SetupPages(web: self).register(pages)
    }

    /// Only a path of this site may follow sign-in (no `//host` or `https:` open redirect).
    static func safeNext(_ next: String) -> String {
        next.hasPrefix("/") && !next.hasPrefix("//") && !next.contains("\\") ? next : ""
    }

    // MARK: - Rendering

    /// A page: `template` with `data` inside the layout; `script` names the page's own script in `static/`
    /// (pages carry no inline script, so a strict Content-Security-Policy can forbid it).
    func render(
        _ template: String, title: String, data: [String: Any], session: WebSessions.Session?,
        status: HTTPResponse.Status = .ok, notice: String? = nil, script: String? = nil, path: String? = nil
    ) -> Response {
        // Absent values (nil optionals) must not render as "nil".
        var data = data.filter { !Self.isNil($0.value) }
        // `hasProblems` for `problems`: a section that wraps a list renders once, and only when it has rows.
        for (key, value) in data {
            if let list = value as? [Any] { data["has" + key.prefix(1).uppercased() + key.dropFirst()] = !list.isEmpty }
        }
        if data["csrf"] == nil, let token = session?.csrfToken { data["csrf"] = token }
        data["title"] = data["title"] ?? title
        let content =
            assets.templates.library.render(data, withTemplate: template)
            ?? "<h1>Page unavailable</h1><p class=\"error\">This page cannot be shown: its template is missing.</p>"
        var layout: [String: Any] = [
            "title": title, "content": content, "stylesheet": assets.staticFiles.url("rapport.css"),
            "appScript": assets.staticFiles.url("rapport.js"), "lookupScript": assets.staticFiles.url("lookup.js"),
        ]
        if let session {
            layout["user"] = [
                "userId": session.user.userId, "csrf": session.csrfToken, "role": session.user.role.rawValue,
                "isAdmin": session.user.role == .admin,
            ]
        }
        if let notice { layout["notice"] = notice }
        if let path, session != nil {
            let crumbs = WebBreadcrumbs.crumbs(path: path, title: title, explicit: data["crumbs"] as? [[String: Any]])
            layout["crumbs"] = crumbs
            layout["hasCrumbs"] = !crumbs.isEmpty
        }
        if let script { layout["pageScript"] = assets.staticFiles.url(script) }
        let html = assets.templates.library.render(layout, withTemplate: "layout") ?? content
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
                    string: """
                        <!doctype html><html lang="en"><title>Forbidden · Rapport</title><main><h1>Forbidden</h1>\
                        <p>The form has expired; reload the page and try again.</p></main></html>
                        """
                )))
    }
}
