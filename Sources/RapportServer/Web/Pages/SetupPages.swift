import Foundation
import Hummingbird
import RapportCore
import RapportStorage

/// Setup for admins: numbering, company information, SMTP and time zone; users; and the master data
/// (salespeople, mailing groups, campaigns...) through the generic resource pages.
struct SetupPages {
    let web: WebRoutes

    var setupNames: [String] { Catalog.setup.fields.filter(\.isWritable).map(\.name) }

    func register(_ pages: WebPageTable) {
        let services = web.services
        pages.get("/setup", "setup", "Setup (admins).") { page in
            try requireAdmin(page)
            return try await setupPage(page)
        }
        pages.post("/setup", "updateSetup", "Change the setup.", role: .admin) { page in
            do {
                let body = WebFields(spec: Catalog.setup, names: setupNames).body(page.form)
                _ = try await services.setup.update(
                    try SetupController.codec.sent(WebFields.nest(body)), by: page.user)
                return await page.redirect("/setup", notice: "The setup was saved.")
            } catch let error as RapportError where error.kind != .notFound {
                return try await setupPage(page, form: page.form, error: error)
            }
        }
        for service in services.masterData where service.spec.path != Catalog.interactionTemplates.path {
            let writeRole: Role = service.spec.path == Catalog.numberSeries.path ? .admin : .marketer
            ResourcePages(web: web, service: service, base: "/setup/\(service.spec.path)", writeRole: writeRole)
                .register(pages)
        }
        UserPages(web: web).register(pages)
        AuditPages(web: web).register(pages)
    }

    func requireAdmin(_ page: WebRequest) throws(RapportError) {
        guard page.user.role == .admin else { throw RapportError(.forbidden, "Only admins may change the setup.") }
    }

    func setupPage(_ page: WebRequest, form: WebForm? = nil, error: RapportError? = nil) async throws -> Response {
        let setup = WebFields.flatten(SetupController.codec.encode(try await web.services.setup.get()))
        let fields = WebFields(
            spec: Catalog.setup, names: setupNames, choices: try await web.choices(Catalog.setup, setupNames))
        let groups: [(String, (String) -> Bool)] = [
            ("Numbering", { $0.hasSuffix("Nos") }), ("Company", { $0.hasPrefix("companyInformation.") }),
            ("E-mail (SMTP)", { $0.hasPrefix("smtp.") }), ("Time", { $0 == "timeZone" }),
        ]
        let views = fields.views(values: setup, form: form, error: error)
        var data: [String: Any] = [
            "groups": groups.map { group in
                ["legend": group.0, "fields": views.filter { group.1($0["name"] as? String ?? "") }]
            },
            "masterData": web.services.masterData.filter { $0.spec.path != Catalog.interactionTemplates.path }.map {
                ["path": "/setup/\($0.spec.path)", "label": ResourcePages.heading($0.spec)]
            },
        ]
        if let error, !fields.places(error) { data["error"] = error.message }
        return page.render(
            "setup", title: "Setup", data: data, status: error.map { WebRoutes.status(for: $0.kind) } ?? .ok)
    }
}

/// Users: who may sign in, with which role; admins create them and set passwords.
struct UserPages {
    let web: WebRoutes

    func register(_ pages: WebPageTable) {
        let users = web.services.users
        let tokens = web.services.tokens
        var resource = ResourcePages(web: web, service: users.resource, base: "/users", writeRole: .admin)
        resource.editTemplate = "user"
        let signIn = web.services.signIn
        resource.extra = { _, userId in
            var extra: [String: Any] = ["tokens": try await tokens.list(for: userId).map { WebRoutes.plain($0.json) }]
            if let lock = try await signIn.lock(for: userId) { extra["signInLock"] = Self.describe(lock) }
            return extra
        }
        let generic = resource
        pages.get("/users", "users", "Users (admins).") { page in
            guard page.user.role == .admin else { throw RapportError(.forbidden, "Only admins may see the users.") }
            return try await generic.list(page)
        }
        pages.post("/users", "createUser", "Create a user.", role: .admin) { page in
            let fields = WebFields(spec: Catalog.users, names: generic.formNames)
            do {
                let user = try UserController.codec.complete(.object(fields.body(page.form, omittingBlanks: true)))
                let created = try await users.create(user, by: page.user)
                let userId = created.user.text("userId")
                return await page.redirect("/users/\(WebRoutes.segment(userId))", notice: "User \(userId) was created.")
            } catch let error as RapportError where error.kind != .notFound {
                return try await generic.list(page, form: page.form, error: error)
            }
        }
        pages.get("/users/{key}", "user", "A user.") { page in
            guard page.user.role == .admin else { throw RapportError(.forbidden, "Only admins may see the users.") }
            return try await generic.edit(page)
        }
        pages.post("/users/{key}/tokens", "issueToken", "Issue an API token for a user.", role: .admin) { page in
            let userId = try page.parameter("key")
            let issued = try await tokens.issue(for: userId, by: page.user)
            return await page.redirect(
                "/users/\(WebRoutes.segment(userId))",
                notice: "New token \(issued.tokenId), shown this once: \(issued.token)")
        }
        pages.post(
            "/users/{key}/tokens/{tokenId}/revoke", "revokeToken", "Revoke a user's API token.", role: .admin
        ) { page in
            let userId = try page.parameter("key")
            let tokenId = try page.parameter("tokenId")
            try await tokens.revoke(userId: userId, tokenId: tokenId, by: page.user)
            return await page.redirect("/users/\(WebRoutes.segment(userId))", notice: "Token \(tokenId) was revoked.")
        }
        pages.post(
            "/users/{key}/sign-in-lock/clear", "clearSignInLock", "Clear a user's failed sign-ins.", role: .admin
        ) { page in
            let userId = try page.parameter("key")
            try await signIn.clear(userId, by: page.user)
            return await page.redirect(
                "/users/\(WebRoutes.segment(userId))", notice: "The failed sign-ins of \(userId) were cleared.")
        }
        pages.post("/users/{key}", "updateUser", "Change a user.", role: .admin) { page in
            let key = try page.parameter("key")
            let names = generic.formNames.filter { $0 != "userId" }
            do {
                let patch = try UserController.codec.sent(
                    .object(WebFields(spec: Catalog.users, names: names).body(page.form)))
                _ = try await users.resource.update(key, .patch(patch), by: page.user)
                return await page.redirect("/users/\(WebRoutes.segment(key))", notice: "User \(key) was saved.")
            } catch let error as RapportError where error.kind != .notFound {
                return try await generic.edit(page, form: page.form, error: error)
            }
        }
    }

    /// The failed sign-ins counted against a user, in words.
    static func describe(_ lock: SignInLock) -> [String: Any] {
        let failures = lock.failures == 1 ? "1 failed sign-in" : "\(lock.failures) failed sign-ins"
        guard let until = lock.lockedUntil else {
            return ["message": "\(failures) since \(lock.firstFailedAt.formatted(.iso8601)) (UTC).", "isLocked": false]
        }
        return [
            "message": "Signing in is blocked after \(failures), until \(until.formatted(.iso8601)) (UTC).",
            "isLocked": true,
        ]
    }
}
