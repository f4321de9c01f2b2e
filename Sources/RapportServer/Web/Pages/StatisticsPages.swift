import Foundation
import Hummingbird
import RapportCore
import RapportStorage

/// Statistics of one template, interaction group or campaign: the totals BC shows, the charts of the
/// home page for that subject only, and a date filter over all of them.
struct StatisticsPages {
    let web: WebRoutes

    struct Subject: Sendable {
        var subject: InteractionStatistics.Subject
        var path: String
        var parameter: String
        var label: String
        /// Where the record itself is shown, and the list it belongs to (the breadcrumbs).
        var recordBase: String
        var listPath: String
        var listLabel: String
    }

    static let subjects = [
        Subject(
            subject: .template, path: "/interaction-templates/{key}/statistics", parameter: "key",
            label: "Interaction template", recordBase: "/interaction-templates",
            listPath: "/interaction-templates", listLabel: "Templates"),
        Subject(
            subject: .interactionGroup, path: "/interaction-groups/{code}/statistics", parameter: "code",
            label: "Interaction group", recordBase: "/setup/interaction-groups",
            listPath: "/setup/interaction-groups", listLabel: "Interaction groups"),
        Subject(
            subject: .campaign, path: "/campaigns/{no}/statistics", parameter: "no", label: "Campaign",
            recordBase: "/setup/campaigns", listPath: "/setup/campaigns",
            listLabel: "Campaigns"),
    ]

    func register(_ pages: WebPageTable) {
        for subject in Self.subjects {
            pages.get(
                subject.path, "statistics-\(subject.parameter)-\(subject.listPath)", "\(subject.label) statistics."
            ) {
                page in
                try await statistics(page, subject)
            }
        }
    }

    func statistics(_ page: WebRequest, _ subject: Subject) async throws -> Response {
        let code = Key<InteractionStatistics.Subject>(try page.parameter(subject.parameter)).text
        let recordPath = subject.recordBase + "/" + WebRoutes.segment(code)
        let date = page.query("date").trimmingCharacters(in: .whitespaces)
        var data: [String: Any] = [
            "code": code, "label": subject.label, "date": date, "recordPath": recordPath,
            "action": subject.path.replacingOccurrences(of: "{\(subject.parameter)}", with: WebRoutes.segment(code)),
            "crumbs": [
                ["href": subject.listPath, "label": subject.listLabel],
                ["href": recordPath, "label": code],
            ],
        ]
        var status = HTTPResponse.Status.ok
        do {
            let totals = try await web.services.statistics.statistics(
                subject.subject, code: code, dateFilter: date.isEmpty ? nil : date)
            let loaded = try await ActivityCharts(figures: ActivityFigures(store: web.services.store)).load(
                .only(subject.subject, code: code), dateFilter: date.isEmpty ? nil : date, runs: 10)
            data["totals"] = [
                "interactions": String(totals.noOfInteractions), "cost": WebChart.decimal(totals.cost.doubleValue),
                "duration": WebChart.decimal(totals.duration.doubleValue),
            ]
            data["charts"] = loaded.charts
            data["runs"] = loaded.runs.map(ActivityCharts.runView)
        } catch {
            if error.kind == .notFound { throw error }
            data["dateError"] = error.message
            status = .unprocessableContent
        }
        return page.render(
            "statistics", title: "Statistics of \(subject.label.lowercased()) \(code)", data: data, status: status)
    }
}
