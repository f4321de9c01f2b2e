import Foundation
import Hummingbird
import RapportCore
import RapportStorage

/// Interaction templates: the template's fields, and per language its description, Word document
/// (upload, check, download) and e-mail body.
struct TemplatePages {
    let web: WebRoutes

    var resource: ResourcePages {
        let service = ResourceService.standard(Catalog.interactionTemplates, store: web.services.store)
        return ResourcePages(web: web, service: service, base: "/interaction-templates", writeRole: .marketer)
    }

    func register(_ pages: WebPageTable) {
        let resource = self.resource
        let services = web.services
        let languages = TemplateLanguageService(store: services.store)
        pages.get("/interaction-templates", "templates", "Interaction templates.") { page in
            try await resource.list(page)
        }
        pages.post("/interaction-templates", "createTemplate", "Create an interaction template.") { page in
            let fields = WebFields(spec: resource.spec, names: resource.formNames)
            do {
                let record = try resource.codec.complete(WebFields.nest(fields.body(page.form, omittingBlanks: true)))
                let created = try await resource.service.create(record, by: page.user)
                let code = created.text("code")
                return await page.redirect(resource.path(code), notice: "Template \(code) was created.")
            } catch let error as RapportError where error.kind != .notFound {
                return try await resource.list(page, form: page.form, error: error)
            }
        }
        pages.get("/interaction-templates/{key}", "template", "An interaction template and its languages.") { page in
            try await templatePage(page)
        }
        pages.post("/interaction-templates/{key}", "updateTemplate", "Change an interaction template.") { page in
            let names = resource.formNames.filter { $0 != "code" }
            do {
                let patch = try resource.codec.sent(
                    .object(WebFields(spec: resource.spec, names: names).body(page.form)))
                _ = try await resource.service.update(try page.parameter("key"), .patch(patch), by: page.user)
                return await page.redirect(try path(page), notice: "The template was saved.")
            } catch let error as RapportError where error.kind != .notFound {
                return try await templatePage(page, form: page.form, error: error)
            }
        }
        pages.post("/interaction-templates/{key}/languages", "putTemplateLanguage", "Add or change a language.") {
            page in
            do {
                let body = try ResourceCodec(fields: TemplateLanguage.fields).complete(
                    .object(JSONObject([("description", .string(page.form["description"]))])))
                let entry = TemplateLanguage.Entry(
                    languageCode: Language.Code(page.form["languageCode"]), description: body.text("description"))
                _ = try await languages.put(entry, template: try page.context.key("key"), by: page.user)
                return await page.redirect(
                    try path(page), notice: "Language \(page.form["languageCode"].uppercased()) was saved.")
            } catch let error as RapportError {
                return try await templatePage(page, languageForm: page.form, languageError: error)
            }
        }
        pages.post(
            "/interaction-templates/{key}/languages/{language}/delete", "deleteTemplateLanguage", "Remove a language."
        ) { page in
            try await languages.delete(
                template: try page.context.key("key"), language: try page.context.key("language"), by: page.user)
            return await page.redirect(try path(page), notice: "The language was removed.")
        }
        pages.upload(
            "/interaction-templates/{key}/languages/{language}/document", "putTemplateDocument",
            "Upload a language's Word document.", limit: BodyLimits.document
        ) { page in
            let language = try page.parameter("language")
            do {
                let upload = try await services.documents.putTemplateDocument(
                    template: try page.parameter("key"), language: language, try SegmentLinePages.document(page),
                    by: page.user)
                return await page.redirect(
                    try path(page),
                    notice: "The \(language) document was stored; it uses \(upload.fields.count) merge fields."
                        + SegmentLinePages.unknown(upload))
            } catch let error as RapportError where error.kind != .notFound {
                return try await templatePage(page, documentError: (language, error))
            }
        }
        pages.post(
            "/interaction-templates/{key}/languages/{language}/document/delete", "deleteTemplateDocument",
            "Remove a language's Word document."
        ) { page in
            try await services.documents.deleteTemplatePart(
                "template_document", template: try page.parameter("key"), language: try page.parameter("language"),
                by: page.user)
            return await page.redirect(try path(page), notice: "The document was removed.")
        }
        pages.post(
            "/interaction-templates/{key}/languages/{language}/email-body", "putEmailBody",
            "Set a language's e-mail body."
        ) { page in
            let language = try page.parameter("language")
            do {
                _ = try await services.documents.putEmailBody(
                    template: try page.parameter("key"), language: language, page.form["emailBody"], by: page.user)
                return await page.redirect(try path(page), notice: "The \(language) e-mail body was saved.")
            } catch let error as RapportError where error.kind != .notFound {
                return try await templatePage(page, documentError: (language, error))
            }
        }
    }

    func path(_ page: WebRequest) throws -> String {
        "/interaction-templates/\(WebRoutes.segment(try page.parameter("key")))"
    }

    func templatePage(
        _ page: WebRequest, form: WebForm? = nil, error: RapportError? = nil, languageForm: WebForm? = nil,
        languageError: RapportError? = nil, documentError: (language: String, error: RapportError)? = nil
    ) async throws -> Response {
        let resource = self.resource
        let code = try page.parameter("key")
        let template = resource.codec.encode(try await resource.service.get(code))
        let names = resource.formNames.filter { $0 != "code" }
        let fields = WebFields(spec: resource.spec, names: names, choices: try await web.choices(resource.spec, names))
        var languages: [[String: Any]] = []
        for language in template.member("languages")?.arrayValue ?? [] {
            var view = WebRoutes.plain(language) as? [String: Any] ?? [:]
            let languageCode = WebFields.text(language.member("languageCode"))
            if language.member("hasEmailBody") == .bool(true) {
                view["emailBody"] = try? await web.services.documents.emailBody(template: code, language: languageCode)
            }
            if let documentError, documentError.language == languageCode {
                view["error"] = documentError.error.message
            }
            view["apiPath"] = "/api/v1/interaction-templates/\(WebRoutes.segment(code))/languages/\(languageCode)"
            languages.append(view)
        }
        var data: [String: Any] = [
            "code": code, "template": WebRoutes.plain(template), "path": try path(page),
            "fields": fields.views(values: template, form: form, error: error), "languages": languages,
            "canWrite": page.user.role >= .marketer,
            "languageCode": languageForm?["languageCode"] ?? "",
            "languageDescription": languageForm?["description"] ?? "",
            "languageChoices": (try await web.choices(Catalog.contacts, ["languageCode"]))["languageCode"]?.map {
                ["value": $0.value, "label": $0.label, "selected": $0.value == languageForm?["languageCode"]]
            } ?? [],
        ]
        if let error, !fields.places(error) { data["error"] = error.message }
        data["languageError"] = languageError?.message as Any
        let failed = error ?? languageError ?? documentError?.error
        return page.render(
            "template", title: "Interaction template \(code)", data: data,
            status: failed.map { WebRoutes.status(for: $0.kind) } ?? .ok)
    }
}
