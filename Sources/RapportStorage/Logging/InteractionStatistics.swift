import Foundation
import RapportCore

/// Statistics of templates, interaction groups and campaigns: interactions, cost and duration of the
/// entries that are not canceled, optionally within a date filter, summed from the per-day totals
/// `LogCounters` keeps (a few rows per day), never from the entries.
public struct InteractionStatistics: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }

    public enum Subject: Sendable {
        case template, interactionGroup, campaign

        var column: String {
            switch self {
            case .template: "interaction_template_code"
            case .interactionGroup: "interaction_group_code"
            case .campaign: "campaign_no"
            }
        }

        var target: ReferenceTarget {
            switch self {
            case .template: Catalog.templateTarget
            case .interactionGroup: Catalog.interactionGroupTarget
            case .campaign: Catalog.campaignTarget
            }
        }
    }

    /// Interactions, cost and duration of the entries that are not canceled.
    public struct Figures: Sendable, Equatable {
        public var noOfInteractions: Int64
        public var cost: Decimal
        public var duration: Decimal
    }

    public func statistics(
        _ subject: Subject, code: String, dateFilter: String?
    ) async throws(RapportError) -> Figures {
        let key = Key<Subject>(code).text
        var condition = SQLFragment("d.\(subject.column) = ?", [.text(key)])
        if let dateFilter, !dateFilter.isEmpty {
            let date = try FilterExpression.parse(dateFilter, as: .date, path: "date").condition(
                on: FilterColumn(sql: "NULLIF(d.day, '')", type: .date), dialect: store.dialect, path: "date")
            condition = SQLFragment(condition.sql + " AND (\(date.sql))", condition.binds + date.binds)
        }
        let filter = condition
        return try await store.read { connection in
            let target = subject.target
            guard
                try connection.exists(
                    "SELECT 1 FROM \(target.table) WHERE \(target.keyColumn) = ?", [.text(key)])
            else { throw RapportError.notFound(target.label.prefix(1).uppercased() + target.label.dropFirst(), key) }
            let row = try connection.query(
                "SELECT COALESCE(SUM(d.interactions), 0) AS n, COALESCE(SUM(d.cost_units), 0) AS cost, "
                    + "COALESCE(SUM(d.duration_units), 0) AS duration FROM interaction_day_total d WHERE \(filter.sql)",
                filter.binds
            ).first
            return Figures(
                noOfInteractions: row?.int("n") ?? 0,
                cost: Decimal(stored: LogCounters.value(row?.int("cost") ?? 0), scale: Decimal.apiScale),
                duration: Decimal(stored: LogCounters.value(row?.int("duration") ?? 0), scale: Decimal.apiScale))
        }
    }
}
