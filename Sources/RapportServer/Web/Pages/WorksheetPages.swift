import Foundation
import Hummingbird
import RapportCore
import RapportStorage

/// The segment worksheet (BC's Segment page): the header in its General, Interaction and Campaign
/// groups, the contact actions with their filter tabs and live count, the criteria, documents, the
/// lines grid with its overrides editable in place, and the log check and Log.
struct WorksheetPages {
    let web: WebRoutes

    static let general = ["description", "salespersonCode", "date"]
    static let interaction = [
        "interactionTemplateCode", "languageCodeDefault", "subjectDefault", "correspondenceTypeDefault",
        "ignoreContactCorrespondenceType", "informationFlow", "initiatedBy", "unitCost", "unitDuration",
        "sendWordDocsAsAttachment",
    ]
    static let campaign = ["campaignNo", "campaignTarget", "campaignResponse"]
    /// Static or dynamic (a living segment), and how stale a dynamic one may get.
    static let living = ["kind", "freshnessSeconds"]
    static var headerFields: [String] { general + interaction + campaign + living }
    /// The overrides the lines grid edits in place; the line page has them all.
    static let gridFields = ["correspondenceType", "languageCode", "subject"]
    static let addOptions = ["allowExistingContacts", "expandCompanies", "allowRelatedCompanies", "ignoreExclusion"]
    static let filterTabs: [FilterTable] = [
        .contact, .profileAnswers, .mailingGroups, .industryGroups, .jobResponsibilities, .businessRelations,
        .interactions,
    ]

    /// What a post leaves for the worksheet to show again: the form as typed and its error.
    struct State {
        var header: (form: WebForm, error: RapportError)?
        var action: (form: WebForm, error: RapportError?)?
        var line: (lineNo: String, form: WebForm, error: RapportError)?
        var criteria: (form: WebForm, error: RapportError)?
        var reuseError: String?
        var addLine: (form: WebForm, error: RapportError)?
        var documentError: String?
        var preview: String?
        var check: LogCheckResult?
        var logError: RapportError?
        var status: HTTPResponse.Status = .ok
    }

    func register(_ pages: WebPageTable) {
        pages.get("/segments/{no}", "segment", "The segment worksheet.") { page in
            var state = State()
            if page.query("check") == "true" {
                state.check = try await web.services.logger.check(
                    try page.segmentNo, send: page.query("forSending") == "true")
            }
            return try await worksheet(page, state)
        }
        WorksheetActions(pages: self).register(pages)
        SegmentLinePages(worksheet: self).register(pages)
    }

    /// The worksheet again after a refusal: the refusal's status, and what `keep` puts back on the page.
    func refused(
        _ page: WebRequest, _ error: RapportError, _ keep: (inout State) -> Void
    ) async throws -> Response {
        var state = State()
        keep(&state)
        state.status = WebRoutes.status(for: error.kind)
        return try await worksheet(page, state)
    }

    func worksheet(_ page: WebRequest, _ state: State = State()) async throws -> Response {
        let record = try await web.services.segments.get(try page.segmentNo)
        let header = SegmentController.codec.encode(record)
        let key = record.text("no")
        let path = "/segments/\(WebRoutes.segment(key))"
        var data: [String: Any] = [
            "header": WebRoutes.plain(header), "path": path, "apiPath": "/api/v1" + path,
            "canWrite": page.user.role >= .marketer, "tabs": filterTabs(state.action?.form, error: state.action?.error),
            "options": options(state.action?.form), "preview": state.preview as Any,
            "reuseError": state.reuseError as Any,
        ]
        if let error = state.action?.error, !Self.placesFilterError(error) { data["actionError"] = error.message }
        let reads = try await WorksheetReads.fetch(web, key: key, cursor: page.query("cursor"))
        for section in [
            headerSection(header, state, choices: reads.headerChoices), criteriaSection(reads, state),
            documentSection(reads, state), linesSection(reads, path, state), checkSection(state),
        ] {
            data.merge(section) { $1 }
        }
        let description = record.text("description")
        return page.render(
            "worksheet", title: "Segment \(key)" + (description.isEmpty ? "" : ": \(description)"), data: data,
            status: state.status, script: "live-count.js")
    }

    /// The header in BC's General, Interaction and Campaign groups.
    func headerSection(_ header: JSONValue, _ state: State, choices: WebRoutes.Choices) -> [String: Any] {
        let names = Self.headerFields
        // Each group's fields written in Swift (`WebFields.html`), not by the `field` partial: see there.
        func group(_ names: [String]) -> String {
            WebFields(spec: Catalog.segments, names: names, choices: choices, idPrefix: "h-")
                .views(values: header, form: state.header?.form, error: state.header?.error).map(WebFields.html)
                .joined()
        }
        var data: [String: Any] = [
            "generalHTML": group(Self.general), "interactionHTML": group(Self.interaction),
            "campaignHTML": group(Self.campaign), "livingHTML": group(Self.living),
            "dynamic": header.member("kind") == .string("dynamic"),
            "refresh": Self.refreshStatus(header) as Any,
        ]
        if let error = state.header?.error, !names.contains(error.field ?? "") { data["headerError"] = error.message }
        return data
    }

    /// "Last refreshed …, next refresh …, took N ms" for a dynamic segment refreshed at least once.
    static func refreshStatus(_ header: JSONValue) -> [String: String]? {
        guard case .string(let last) = header.member("lastRefreshedAt") else { return nil }
        return [
            "last": last, "next": WebFields.text(header.member("nextRefreshAt")),
            "ms": WebFields.text(header.member("lastRefreshMs")),
        ]
    }

    /// The Add options and Reduce/Refine's Entire Companies, ticked as the user left them.
    func options(_ form: WebForm?) -> [[String: Any]] {
        (Self.addOptions + ["entireCompanies"]).map { name in
            [
                "name": name, "label": WebFields.label(name), "checked": form?[name] == "true",
                "scope": name == "entireCompanies" ? "Reduce and Refine" : "Add", "entire": name == "entireCompanies",
            ]
        }
    }

    /// The criteria, Save Criteria, and what there is to reuse (saved criteria, logged segments).
    func criteriaSection(_ reads: WorksheetReads, _ state: State) -> [String: Any] {
        let (criteria, saved, logged) = (reads.criteria, reads.saved, reads.logged)
        let saveSpec = ResourceSpec(
            path: "", label: "saved criteria", table: "",
            fields: [FieldSpec("code", .code(maxLength: 10)), FieldSpec("description", .text(maxLength: 250))])
        let saveFields = WebFields(spec: saveSpec, names: ["code", "description"], idPrefix: "save-")
        var data: [String: Any] = [
            "criteria": criteria.map { WebRoutes.plain($0.json) },
            "saved": saved.map { WebRoutes.plain($0.json) },
            "logged": logged.map {
                ["entryNo": $0.entryNo.description, "segmentNo": $0.segmentNo.text, "description": $0.description]
            },
            "saveHTML": saveFields.views(values: nil, form: state.criteria?.form, error: state.criteria?.error).map {
                var view = $0
                view["label"] =
                    view["name"] as? String == "code"
                    ? "Save the criteria as (code)" : "Description of the saved criteria"
                return WebFields.html(view)
            }.joined(),
        ]
        if let error = state.criteria?.error, !saveFields.places(error) { data["criteriaError"] = error.message }
        return data
    }

    func documentSection(_ reads: WorksheetReads, _ state: State) -> [String: Any] {
        [
            "hasDocument": reads.hasDocument,
            "documentError": state.documentError as Any,
        ]
    }

    /// A page of lines, each with its in-place overrides posting to the line's own form.
    func linesSection(_ reads: WorksheetReads, _ path: String, _ state: State) -> [String: Any] {
        let lines = reads.lines.map(SegmentLineController.codec.encode)
        let choices = reads.lineChoices
        var data: [String: Any] = [
            "linesShown": lines.items.count, "addLineValue": state.addLine?.form["contactNo"] ?? "",
            "addLineError": state.addLine?.error.message as Any,
        ]
        data["lines"] = lines.items.map { line -> [String: Any] in
            var view = WebRoutes.plain(line) as? [String: Any] ?? [:]
            let lineNo = WebFields.text(line.member("lineNo"))
            let edited = state.line?.lineNo == lineNo ? state.line : nil
            // Written in Swift (`WebFields.html`), not by the `field` partial: see there.
            view["cellsHTML"] = WebFields(
                spec: Catalog.segmentLines, names: Self.gridFields, choices: choices, idPrefix: "l\(lineNo)-"
            ).views(values: line, form: edited?.form, error: edited?.error).map { cell in
                var cell = cell
                cell["formId"] = "line-\(lineNo)-form"
                cell["compact"] = true
                cell["label"] = "\(cell["label"] ?? ""), line \(lineNo)"
                return "<td>" + WebFields.html(cell) + "</td>"
            }.joined()
            if let error = edited?.error, !Self.gridFields.contains(error.field ?? "") { view["error"] = error.message }
            return view
        }
        if let next = lines.nextCursor { data["nextLines"] = path + "?" + WebRoutes.query([("cursor", next)]) }
        return data
    }

    /// The log check's problems and warnings (or a refused Log's), each linked to its line.
    func checkSection(_ state: State) -> [String: Any] {
        var problems: [Problem] = []
        var warnings: [Problem] = []
        var data: [String: Any] = [:]
        if let check = state.check {
            data["checked"] = true
            data["checkOK"] = check.isOK
            problems = check.problems
            warnings = check.warnings
        }
        if let error = state.logError {
            data["checked"] = true
            data["logError"] = error.message
            problems = error.details
        }
        data["problems"] = problems.map(Self.view)
        data["warnings"] = warnings.map(Self.view)
        return data
    }

    /// A problem for the page: a line's links to the line; the segment's own (no description) does not.
    static func view(_ problem: Problem) -> [String: Any] {
        var view: [String: Any] = ["message": problem.message]
        if let field = problem.field { view["field"] = field }
        if let lineNo = problem.lineNo {
            view["line"] = ["lineNo": String(lineNo), "contactNo": problem.contactNo ?? ""]
        }
        return view
    }

    /// One tab per table Add/Reduce/Refine can filter on, each field a filter expression input.
    func filterTabs(_ form: WebForm?, error: RapportError?) -> [[String: Any]] {
        let errorInput = error?.field.map { $0.hasPrefix("filters.") ? String($0.dropFirst("filters.".count)) : $0 }
        return Self.filterTabs.map { table in
            var open = table.key == "contact"
            let fields = table.fields.map { field -> String in
                let name = "\(table.key).\(field.name)"
                let value = form?[name] ?? ""
                if !value.isEmpty { open = true }
                var view: [String: Any] = [
                    "id": "f-\(table.key)-\(field.name)", "name": name, "label": field.caption, "value": value,
                    "inputType": "text", "filter": true,
                ]
                if case .enumeration(let values) = field.type {
                    view["hint"] = values.joined(separator: ", ")
                }
                if let table = field.reference { WebLookup.add(WebLookup.view(table: table), to: &view) }
                if errorInput == name, let error {
                    view["error"] = error.message
                    view["invalid"] = true
                    open = true
                }
                return WebFields.html(view)
            }
            return ["key": table.key, "caption": table.caption, "fieldsHTML": fields.joined(), "open": open]
        }
    }

    static func placesFilterError(_ error: RapportError) -> Bool {
        guard let field = error.field, field.hasPrefix("filters.") else { return false }
        let parts = field.dropFirst("filters.".count).split(separator: ".")
        guard parts.count == 2, let table = FilterTable.named(String(parts[0])) else { return false }
        return table.field(named: String(parts[1])) != nil
    }
}
