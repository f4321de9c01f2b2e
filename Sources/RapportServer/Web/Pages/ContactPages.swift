import Foundation
import Hummingbird
import RapportCore
import RapportStorage

/// Contacts: the searchable list, the contact card with relations and interaction history, and the
/// CSV import with its per-row report.
struct ContactPages {
    let web: WebRoutes

    static let listFilters = [
        "name", "type", "companyNo", "salespersonCode", "city", "postCode", "mailingGroups", "industryGroups",
    ]

    func register(_ pages: WebPageTable) {
        let web = self.web
        let services = web.services
        pages.get("/contacts", "contacts", "Contacts, searchable and filterable, paged.") { page in
            var data = await WebList(service: services.contacts, filterNames: Self.listFilters)
                .load(page, path: "/contacts")
            data["canWrite"] = page.user.role >= .marketer
            return page.render(
                "contacts", title: "Contacts", data: data,
                status: WebList.status(data))
        }
        pages.get("/contacts/import", "contactImportForm", "The contact import form.") { page in
            page.render("contact-import", title: "Import contacts", data: [:])
        }
        pages.upload(
            "/contacts/import", "contactImport", "Import contacts from a CSV file (runs as a job).",
            limit: BodyLimits.csvImport
        ) { page in
            guard let upload = page.upload, upload.size > 0 else {
                return page.render(
                    "contact-import", title: "Import contacts", data: ["error": "Choose a CSV file to import."],
                    status: .unprocessableContent)
            }
            // The job outlives the request, so it takes the file over.
            let kept = Spool.makePath(in: services.temporaryDirectory)
            try? FileManager.default.moveItem(atPath: upload.path, toPath: kept)
            let importer = services.contactImporter
            let user = page.user
            let id = try await web.jobs.start(
                title: "Import \(upload.fileName)", userId: page.user.userId,
                next: BackgroundJob.Link(path: "/contacts", label: "Contacts")
            ) { report in
                defer { try? FileManager.default.removeItem(atPath: kept) }
                let result = try await importer.importFile(at: kept, by: user) { progress in
                    switch progress {
                    case .reading(let rows): report("Reading the file: \(rows) rows so far…")
                    case .checking(let rows): report("Checking \(rows) rows…")
                    case .writing(let rows): report("Writing \(rows) contacts…")
                    }
                }
                return JobRunner.Completion(
                    "\(result.created) contacts created, \(result.updated) updated.",
                    afterwards: importer.settling(result))
            }
            return WebRoutes.redirect("/jobs/\(id)")
        }
        pages.get("/contacts/{no}", "contact", "The contact card: fields, relations and interaction history.") {
            page in
            try await card(page, no: page.parameter("no"))
        }
        pages.get("/jobs/{id}", "job", "A long job's progress, then its result.") { page in
            guard let job = try await web.jobs.job(try page.parameter("id"), userId: page.user.userId) else {
                throw RapportError(.notFound, "There is no such job (finished jobs are kept for a week).")
            }
            return jobPage(page, job)
        }
    }

    func card(
        _ page: WebRequest, no: String, forms: InteractionForms = InteractionForms()
    ) async throws -> Response {
        let services = web.services
        let record = try await services.contacts.get(no)
        let contact = ResourceCodec(Catalog.contacts).encode(record)
        var data = Self.cardFields(contact)
        if page.user.role >= .marketer {
            data.merge(try await InteractionPages(web: web).forms(forms)) { $1 }
            data["canWrite"] = true
        }
        if record.option("type", as: ContactType.self) == .company {
            let persons = try await services.contacts.list(
                ListQuery(limit: 200, filters: [("companyNo", no), ("type", ContactType.person.rawValue)]))
            data["persons"] = persons.items.map { WebRoutes.plain(ResourceCodec(Catalog.contacts).encode($0)) }
        }
        let history = try await services.logged.entries.list(ListQuery(limit: 200, filters: [("contactNo", no)]))
        let entries = ResourceCodec(Catalog.interactionLogEntries)
        data["history"] = history.items.reversed().map { entry -> Any in
            var row = WebRoutes.plain(entries.encode(entry)) as? [String: Any] ?? [:]
            // Single interactions and calls belong to no logged segment: no link to one.
            row["fromLoggedSegment"] = entry["loggedSegmentEntryNo"] != .null
            return row
        }
        data["historyMore"] = history.nextCursor != nil
        data["historyLink"] = "/interaction-log-entries?" + WebRoutes.query([("contactNo", no)])
        let name = record.text("name").isEmpty ? no : record.text("name")
        return page.render("contact", title: "Contact \(no): \(name)", data: data, status: forms.status)
    }

    /// The card's fields (flags as Yes/No, blanks left out), relations and profile answers.
    static func cardFields(_ contact: JSONValue) -> [String: Any] {
        let fields = Catalog.contacts.fields.filter { $0.isColumn || $0.name == "companyName" }.compactMap {
            field -> [String: Any]? in
            let value = contact.member(field.name)
            let text = value.flatMap(\.boolValue).map { $0 ? "Yes" : "No" } ?? WebFields.text(value)
            return text.isEmpty ? nil : ["label": WebFields.label(field.name), "value": text]
        }
        let relations = ["mailingGroups", "industryGroups", "jobResponsibilities", "businessRelations"].map { name in
            let codes = WebFields.text(contact.member(name))
            return ["label": WebFields.label(name), "value": codes.isEmpty ? "none" : codes]
        }
        let answers = (contact.member("profileAnswers")?.arrayValue ?? []).map(WebRoutes.plain)
        return ["contact": WebRoutes.plain(contact), "fields": fields, "relations": relations, "answers": answers]
    }

    func jobPage(_ page: WebRequest, _ job: BackgroundJob) -> Response {
        let seconds = Int((job.finishedAt ?? Date()).timeIntervalSince(job.startedAt))
        var data: [String: Any] = [
            "title": job.title, "status": job.progress, "seconds": max(0, seconds), "running": job.state == .running,
            "next": ["path": job.next.path, "label": job.next.label],
        ]
        if let result = job.result { data["result"] = result }
        if let message = job.errorMessage {
            data["error"] = message
            data["problems"] = job.problems.map { problem -> [String: Any] in
                [
                    "row": problem.row.map(String.init) ?? "", "field": problem.field ?? "",
                    "message": problem.message,
                ]
            }
        }
        let status: HTTPResponse.Status = job.state == .failed ? .unprocessableContent : .ok
        return page.render("job", title: job.title, data: data, status: status)
    }
}
