import Foundation
import RapportCore
import RapportStorage

/// The charts the home page and the statistics pages share, read through `ActivityFigures` for one
/// scope and date filter.
struct ActivityCharts {
    let figures: ActivityFigures

    /// The chart views (for the `chart` partial) and the runs' progress, or the date filter's refusal.
    func load(
        _ scope: ActivityFigures.Scope, dateFilter: String?, runs: Int = 5
    ) async throws(RapportError) -> (charts: [[String: Any]], runs: [ActivityFigures.RunProgress]) {
        let weekly = try await figures.weeklyInteractions(scope, dateFilter: dateFilter)
        let campaigns = try await figures.campaigns(scope, dateFilter: dateFilter)
        let recent = try await figures.recentRuns(scope, limit: runs)
        var charts = [
            Self.weekly(weekly.byTemplate, id: "chart-templates", title: "Interactions per week by template") {
                $0.isEmpty ? "(no template)" : $0
            },
            Self.weekly(
                weekly.byCorrespondenceType, id: "chart-correspondence",
                title: "Interactions per week by correspondence type"
            ) { $0.isEmpty ? "(none)" : WebFields.humanize($0) },
        ]
        let names = campaigns.map { $0.description.isEmpty ? $0.campaignNo : "\($0.campaignNo) \($0.description)" }
        var cost = WebChart(
            id: "chart-campaign-cost", title: "Cost per campaign", categories: names,
            series: [.init(name: "Cost", values: campaigns.map(\.cost))], layout: .rows)
        cost.format = WebChart.decimal
        charts.append(cost.view)
        charts.append(
            WebChart(
                id: "chart-campaign-duration", title: "Duration per campaign (minutes)", categories: names,
                series: [.init(name: "Duration", values: campaigns.map(\.duration))], layout: .rows
            ).view)
        let oldestFirst = Array(recent.reversed())
        charts.append(
            WebChart(
                id: "chart-deliveries", title: "Delivery outcomes of the last logged segments",
                categories: oldestFirst.map { "\($0.segmentNo) \($0.description)" },
                series: [
                    .init(name: "Sent", values: oldestFirst.map { Double($0.sent) }),
                    .init(name: "Pending", values: oldestFirst.map { Double($0.pending) }),
                    .init(name: "Failed", values: oldestFirst.map { Double($0.failed) }),
                    .init(
                        name: "Not sent",
                        values: oldestFirst.map { Double($0.noOfInteractions - $0.sent - $0.pending - $0.failed) }),
                ], layout: .rows
            ).view)
        return (charts, recent)
    }

    /// A stacked column per week (every week between the first and the last, empty ones too), one
    /// series per key.
    static func weekly(
        _ counts: [ActivityFigures.WeekCount], id: String, title: String, name: (String) -> String
    ) -> [String: Any] {
        let weeks = everyWeek(from: counts.first?.weekStart, to: counts.last?.weekStart)
        let keys = Array(Set(counts.map(\.key))).sorted()
        let position = Dictionary(uniqueKeysWithValues: weeks.enumerated().map { ($0.element, $0.offset) })
        var series = keys.map { WebChart.Series(name: name($0), values: Array(repeating: 0, count: weeks.count)) }
        for count in counts {
            guard let week = position[count.weekStart], let key = keys.firstIndex(of: count.key) else { continue }
            series[key].values[week] += Double(count.count)
        }
        return WebChart(id: id, title: title, categories: weeks, series: series, layout: .columns).view
    }

    /// The Mondays from `first` to `last` (both Mondays), at most two years of them.
    static func everyWeek(from first: String?, to last: String?) -> [String] {
        guard let first, let last, let start = CalendarDate(first), let end = CalendarDate(last) else { return [] }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        guard var day = calendar.date(from: DateComponents(year: start.year, month: start.month, day: start.day))
        else { return [] }
        var weeks: [String] = []
        while weeks.count < 106 {
            let parts = calendar.dateComponents([.year, .month, .day], from: day)
            let text = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
            weeks.append(text)
            guard CalendarDate(text).map({ $0 < end }) == true,
                let next = calendar.date(byAdding: .day, value: 7, to: day)
            else { break }
            day = next
        }
        return weeks
    }

    /// A run as the home page and the statistics pages list it.
    static func runView(_ run: ActivityFigures.RunProgress) -> [String: Any] {
        let delivered = run.sent + run.failed
        let tracked = run.sent + run.pending + run.failed
        return [
            "entryNo": String(run.entryNo.value), "segmentNo": run.segmentNo, "description": run.description,
            "date": run.date, "interactions": String(run.noOfInteractions), "sent": String(run.sent),
            "pending": String(run.pending), "failed": String(run.failed), "hasFailed": run.failed > 0,
            "canceled": run.isCanceled, "tracked": String(tracked), "delivered": String(delivered),
            "isTracked": tracked > 0,
        ]
    }
}
