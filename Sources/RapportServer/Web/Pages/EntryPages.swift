import Foundation
import Hummingbird
import RapportCore
import RapportStorage

/// One interaction log entry: evaluate it, change its description and comments after logging; and the
/// admins' Delete Canceled Interaction Log Entries.
struct EntryPages {
    let web: WebRoutes

    func register(_ pages: WebPageTable) {
        let services = web.services
        pages.get("/interaction-log-entries/{entryNo}", "entry", "One interaction log entry, to evaluate later.") {
            page in try await entryPage(page)
        }
        pages.post("/interaction-log-entries/{entryNo}", "changeEntry", "Evaluate an entry or change its comments.") {
            page in
            let entryNo = try page.context.number("entryNo", "Interaction log entry", of: InteractionLogEntry.self)
            do {
                let comments = page.form["comments"].split(whereSeparator: \.isNewline)
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                let json = JSONValue.object(
                    JSONObject([
                        ("evaluation", page.form["evaluation"].isEmpty ? .null : .string(page.form["evaluation"])),
                        ("description", .string(page.form["description"])),
                        ("comments", .array(comments.map { .string($0) })),
                    ]))
                _ = try await services.logUpkeep.change(entryNo, try EntryChange.decode(json), by: page.user)
                return await page.redirect(
                    "/interaction-log-entries/\(entryNo)", notice: "Entry \(entryNo) was saved.")
            } catch let error as RapportError where error.kind != .notFound {
                return try await entryPage(page, form: page.form, error: error)
            }
        }
        pages.post(
            "/interaction-log-entries/delete-canceled", "deleteCanceledEntries",
            "Delete the canceled entries matching the filters shown.", role: .admin
        ) { page in
            let filters = LoggedPages.entryFilters.compactMap { name -> (field: String, expression: String)? in
                let value = page.form[name].trimmingCharacters(in: .whitespaces)
                return value.isEmpty ? nil : (name, value)
            }
            let deleted = try await services.logUpkeep.deleteCanceled(filters: filters, by: page.user)
            return await page.redirect(
                "/interaction-log-entries", notice: "\(deleted) canceled interaction log entries were deleted.")
        }
    }

    func entryPage(_ page: WebRequest, form: WebForm? = nil, error: RapportError? = nil) async throws -> Response {
        let entryNo = try page.parameter("entryNo")
        let entry = InteractionLogUpkeepController.entryCodec.encode(
            try await web.services.logged.entries.get(entryNo))
        let current = form?["evaluation"] ?? WebFields.text(entry.member("evaluation"))
        let comments = (entry.member("comments")?.arrayValue ?? []).compactMap { $0.member("text")?.stringValue }
        var data: [String: Any] = [
            "entry": WebRoutes.plain(entry), "canWrite": page.user.role >= .marketer,
            "evaluations": [["value": "", "label": "(none)", "selected": current.isEmpty]]
                + Catalog.evaluations.map {
                    ["value": $0, "label": WebFields.humanize($0), "selected": $0 == current] as [String: Any]
                },
            "description": form?["description"] ?? WebFields.text(entry.member("description")),
            "commentsText": form?["comments"] ?? comments.joined(separator: "\n"),
        ]
        if let error { data["error"] = error.message }
        return page.render(
            "entry", title: "Interaction log entry \(entryNo)", data: data,
            status: error.map { WebRoutes.status(for: $0.kind) } ?? .ok)
    }
}
