import Foundation
import Hummingbird
import RapportCore
import RapportStorage

/// The first page after sign-in: the user's segments in progress, the last logged segments with their
/// delivery progress, and the charts of the last half year.
struct HomePages {
    let web: WebRoutes

    /// The home page's charts cover this many weeks back from today.
    static let weeks = 26

    func register(_ pages: WebPageTable) {
        pages.get("/", "home", "Home: segments in progress, logged segments and charts.") { page in
            try await home(page)
        }
    }

    func home(_ page: WebRequest) async throws -> Response {
        let figures = ActivityFigures(store: web.services.store)
        let since = Self.since(weeks: Self.weeks)
        let loaded = try await ActivityCharts(figures: figures).load(.everything, dateFilter: since + "..")
        // The user's own segments when they are a salesperson with some; everyone's otherwise.
        var segments = try await figures.segmentsInProgress(salespersonCode: page.user.salespersonCode, limit: 8)
        var isOwn = page.user.salespersonCode != nil
        if segments.isEmpty, isOwn {
            segments = try await figures.segmentsInProgress(salespersonCode: nil, limit: 8)
            isOwn = false
        }
        let data: [String: Any] = [
            "segments": segments.map { segment in
                [
                    "no": segment.no.text, "path": "/segments/" + WebRoutes.segment(segment.no.text),
                    "description": segment.description, "lines": String(segment.noOfLines),
                    "template": segment.templateCode, "lastAction": segment.lastAction ?? "No criteria yet",
                ]
            },
            "isOwn": isOwn, "salespersonCode": page.user.salespersonCode ?? "",
            "runs": loaded.runs.map(ActivityCharts.runView), "charts": loaded.charts, "since": since,
            "canWrite": page.user.role >= .marketer,
        ]
        return page.render("home", title: "Home", data: data)
    }

    /// The Monday `weeks` weeks before today's week, as `YYYY-MM-DD`.
    static func since(weeks: Int, now: Date = Date()) -> String {
        let today = CalendarDate.today(in: .gmt, now: now).description
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let start = calendar.date(byAdding: .day, value: -7 * weeks, to: now) ?? now
        let text = CalendarDate.today(in: .gmt, now: start).description
        return text < today ? text : today
    }
}
