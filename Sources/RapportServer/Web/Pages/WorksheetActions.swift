import Foundation
import Hummingbird
import RapportCore
import RapportStorage

/// The worksheet's forms: header, contact actions, Go Back, saved criteria and reuse, Log. Each
/// success redirects back to the worksheet with a notice; each refusal shows the worksheet again with
/// what the user typed and the message next to its field.
struct WorksheetActions {
    let pages: WorksheetPages
    var web: WebRoutes { pages.web }

    func register(_ table: WebPageTable) {
        let services = web.services
        table.post("/segments/{no}/header", "segmentHeader", "Change the segment header.") { page in
            // A static segment has no freshness target: the field left filled in is not sent.
            let names = WorksheetPages.headerFields.filter { $0 != "freshnessSeconds" || page.form["kind"] != "static" }
            let body = WebFields(spec: Catalog.segments, names: names).body(page.form)
            do {
                let patch = try SegmentController.codec.sent(.object(body))
                _ = try await services.segments.update(
                    try page.segmentNo, patch, updateLines: page.form["updateLines"] != "false")
                return await page.redirect(try worksheetPath(page), notice: "The header was saved.")
            } catch let error as RapportError where error.kind != .notFound {
                return try await pages.refused(page, error) { $0.header = (page.form, error) }
            }
        }
        table.post("/segments/{no}/contacts", "segmentContacts", "Add, reduce, refine or preview contacts.") { page in
            try await selectContacts(page)
        }
        table.post("/segments/{no}/refresh", "refreshSegment", "Refresh a dynamic segment now.") { page in
            do {
                let outcome = try await services.segmentRefreshes.refresh(try page.segmentNo)
                return await page.redirect(
                    try worksheetPath(page),
                    notice: "Refreshed: \(outcome.linesAdded) lines added, \(outcome.linesRemoved) removed, "
                        + "\(outcome.noOfLines) lines, took \(outcome.ms) ms.")
            } catch let error as RapportError where error.kind == .conflict {
                return try await pages.refused(page, error) { $0.header = (page.form, error) }
            }
        }
        table.post("/segments/{no}/go-back", "goBack", "Undo the last criteria action.") { page in
            let outcome = try await services.segmentCriteria.goBack(try page.segmentNo)
            return await page.redirect(
                try worksheetPath(page), notice: "The last action was undone: \(outcome.noOfLines) lines.")
        }
        table.post("/segments/{no}/save-criteria", "saveCriteria", "Save the segment's criteria under a code.") {
            page in
            let body = JSONObject([
                ("code", .string(page.form["code"])), ("description", .string(page.form["description"])),
            ])
            do {
                let fields = try ResourceCodec(fields: SavedCriteriaController.saveFields).complete(.object(body))
                let saved = try await services.savedCriteria.save(
                    try page.segmentNo, as: SavedCriteria.Code(fields.text("code")),
                    description: fields.text("description"), by: page.user)
                let code = saved.code.text
                return await page.redirect(try worksheetPath(page), notice: "The criteria were saved as \(code).")
            } catch let error as RapportError where error.kind != .notFound {
                return try await pages.refused(page, error) { $0.criteria = (page.form, error) }
            }
        }
        table.post("/segments/{no}/reuse-criteria", "reuseCriteria", "Reuse saved criteria on the segment.") { page in
            try await reuse(page, what: "criteria \(page.form["code"])") { no, confirm in
                let code = try FieldKind.code(.string(page.form["code"]), path: "code", maxLength: 10)
                return try await services.savedCriteria.reuse(SavedCriteria.Code(code), on: no, confirm: confirm)
            }
        }
        table.post(
            "/segments/{no}/reuse-logged-segment", "reuseLoggedSegment", "Add the contacts of a logged segment."
        ) { page in
            let entry = page.form["loggedSegmentEntryNo"]
            return try await reuse(page, what: "logged segment \(entry)") { no, confirm in
                guard let number = LoggedSegment.EntryNo(entry) else {
                    throw RapportError.validation("loggedSegmentEntryNo", "Choose a logged segment.")
                }
                return try await services.logged.reuse(number, on: no, confirm: confirm)
            }
        }
        table.post("/segments/{no}/log", "log", "Log the segment.") { page in
            let no = try page.segmentNo
            do {
                let outcome = try await services.logger.log(
                    no, send: page.form["send"] == "true", createFollowUp: page.form["createFollowUpSegment"] == "true",
                    sendAt: try Self.sendAt(page.form["sendAt"]), by: page.user)
                var notice = "Segment \(no) was logged: \(outcome.interactionsLogged) interactions"
                if outcome.queued > 0 { notice += ", \(outcome.queued) queued for delivery" }
                notice += "."
                if let followUp = outcome.followUpSegmentNo { notice += " Follow-up segment \(followUp) was created." }
                if !outcome.warnings.isEmpty { notice += " \(outcome.warnings.count) warning(s)." }
                return await page.redirect("/logged-segments/\(outcome.loggedSegmentEntryNo)", notice: notice)
            } catch let error as RapportError where error.kind != .notFound {
                return try await pages.refused(page, error) { $0.logError = error }
            }
        }
    }

    /// The Log form's start of sending: the browser's `datetime-local` value, in UTC as the form says; blank is now.
    static func sendAt(_ text: String) throws(RapportError) -> Date? {
        let value = text.trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else { return nil }
        let withSeconds = value.count == 16 ? value + ":00" : value
        if let date = try? Date(withSeconds + "Z", strategy: .iso8601) { return date }
        throw RapportError.validation("sendAt", "Start sending at must be a date and time, such as 2026-12-24T09:00.")
    }

    func worksheetPath(_ page: WebRequest) throws -> String {
        "/segments/\(WebRoutes.segment(try page.parameter("no")))"
    }

    func selectContacts(_ page: WebRequest) async throws -> Response {
        let form = page.form
        let isPreview = form["action"] == "preview"
        guard let kind = CriteriaActionKind(rawValue: isPreview ? "add" : form["action"]) else {
            let error = RapportError.validation("action", "Choose Preview, Add, Reduce or Refine.")
            return try await pages.refused(page, error) { $0.action = (form, error) }
        }
        var options = CriteriaOptions()
        for option in CriteriaAction.optionNames(for: kind) where form[option] == "true" { options.set(option, true) }
        let no = try page.segmentNo
        do {
            let action = CriteriaAction(kind: kind, options: options, filters: try Self.filters(form))
            if isPreview { return try await preview(action, page, on: no) }
            let outcome = try await web.services.segmentCriteria.run(action, on: no)
            let text =
                kind == .add
                ? "\(outcome.linesAdded) lines added; the segment has \(outcome.noOfLines) lines."
                : "\(outcome.linesRemoved) lines removed; the segment has \(outcome.noOfLines) lines."
            return await page.redirect(try worksheetPath(page), notice: text)
        } catch let error as RapportError where error.kind != .notFound {
            return try await pages.refused(page, error) { $0.action = (form, error) }
        }
    }

    /// Preview without JavaScript: the worksheet again with what Add would do, and the filters as typed.
    func preview(_ action: CriteriaAction, _ page: WebRequest, on no: Segment.No) async throws -> Response {
        let preview = try await web.services.segmentCriteria.preview(action, on: no, withSample: false)
        var state = WorksheetPages.State(action: (page.form, nil))
        state.preview =
            "\(preview.count) contacts would be added (\(preview.excludedFromSegment) excluded from segments, "
            + "\(preview.alreadyInSegment) already in the segment)."
        return try await pages.worksheet(page, state)
    }

    /// Reuse Criteria and Reuse Logged Segment: both ask before they add to existing criteria.
    func reuse(
        _ page: WebRequest, what: String,
        _ run: (Segment.No, Bool) async throws -> SegmentCriteriaService.Outcome
    ) async throws -> Response {
        do {
            let outcome = try await run(try page.segmentNo, page.form["confirm"] == "true")
            return await page.redirect(
                try worksheetPath(page),
                notice: "Reused \(what): \(outcome.linesAdded) lines added, \(outcome.linesRemoved) removed.")
        } catch let error as RapportError where error.kind != .notFound {
            var shown = error
            if error.kind == .confirmationRequired {
                shown.message =
                    "This segment already has criteria actions; tick “Add to the existing criteria” to go on."
            }
            return try await pages.refused(page, error) { $0.reuseError = shown.message }
        }
    }

    /// The filters of the contact action form (`contact.city` → table `contact`, field `city`), read by the
    /// same parser as the API's `filters` object.
    static func filters(_ form: WebForm) throws(RapportError) -> SegmentFilters {
        var tables: [String: [String: String]] = [:]
        for table in FilterTable.all {
            let fields = form.group(table.key)
            guard !fields.isEmpty else { continue }
            tables[table.key] = Dictionary(fields.map { ($0.0, $0.1) }) { first, _ in first }
        }
        return try SegmentFilters.parse(tables)
    }
}
