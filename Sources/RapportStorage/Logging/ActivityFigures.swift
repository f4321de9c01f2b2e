import Foundation
import RapportCore

/// The figures behind the home page and the statistics pages: interactions per week by template and by
/// correspondence type, cost and duration per campaign, the delivery progress of the last logged runs
/// and the segments in progress. Each read is one query written once for both dialects, over the per-day
/// totals and logged segment counters `LogCounters` keeps, never over the entries; the only
/// dialect-dependent step, grouping dates into weeks, is done here on the per-day counts.
public struct ActivityFigures: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// What the figures cover: everything, or one template, interaction group or campaign.
    public enum Scope: Sendable, Equatable {
        case everything
        case only(InteractionStatistics.Subject, code: String)
    }

    // MARK: - Reads

    /// Interactions (not canceled) per week, keyed by template and by correspondence type.
    public func weeklyInteractions(
        _ scope: Scope, dateFilter: String?
    ) async throws(RapportError) -> WeeklyInteractions {
        let condition = try totalsCondition(scope, dateFilter: dateFilter)
        let rows = try await store.read { connection in
            try Self.requireSubject(scope, connection)
            return try connection.query(
                "SELECT d.day AS day, d.interaction_template_code AS template, d.correspondence_type AS kind, "
                    + "SUM(d.interactions) AS n FROM interaction_day_total d WHERE \(condition.sql) AND d.day <> '' "
                    + "GROUP BY d.day, d.interaction_template_code, d.correspondence_type",
                condition.binds
            ).map { ($0.text("day"), $0.text("template"), $0.text("kind"), $0.int("n")) }
        }
        var byTemplate: [String: Int64] = [:]
        var byType: [String: Int64] = [:]
        for (day, template, kind, count) in rows where count > 0 {
            guard let week = Self.weekStart(of: day) else { continue }
            byTemplate[week + "\u{0}" + template, default: 0] += count
            byType[week + "\u{0}" + kind, default: 0] += count
        }
        return WeeklyInteractions(
            byTemplate: Self.weekCounts(byTemplate), byCorrespondenceType: Self.weekCounts(byType))
    }

    /// Interactions, cost and duration per campaign, for the entries (not canceled) that have one.
    public func campaigns(_ scope: Scope, dateFilter: String?) async throws(RapportError) -> [CampaignFigures] {
        let condition = try totalsCondition(scope, dateFilter: dateFilter)
        return try await store.read { connection in
            try Self.requireSubject(scope, connection)
            return try connection.query(
                "SELECT d.campaign_no AS no, c.description AS description, SUM(d.interactions) AS n, "
                    + "SUM(d.cost_units) AS cost, SUM(d.duration_units) AS duration "
                    + "FROM interaction_day_total d JOIN campaign c ON c.no = d.campaign_no "
                    + "WHERE \(condition.sql) GROUP BY d.campaign_no, c.description ORDER BY d.campaign_no",
                condition.binds
            ).compactMap { row -> CampaignFigures? in
                guard row.int("n") > 0 else { return nil }
                return CampaignFigures(
                    campaignNo: row.text("no"), description: row.text("description"), noOfInteractions: row.int("n"),
                    cost: LogCounters.value(row.int("cost")), duration: LogCounters.value(row.int("duration")))
            }
        }
    }

    /// The newest logged segments (within the scope) with their entries' delivery states, from their
    /// stored counters.
    public func recentRuns(_ scope: Scope, limit: Int) async throws(RapportError) -> [RunProgress] {
        var scopeSQL = ""
        var binds: [SQLValue] = []
        if case .only(let subject, let code) = scope {
            binds.append(.text(Key<InteractionStatistics.Subject>(code).text))
            switch subject {
            case .template: scopeSQL = "WHERE interaction_template_code = ?"
            case .campaign: scopeSQL = "WHERE campaign_no = ?"
            case .interactionGroup:
                scopeSQL =
                    "WHERE interaction_template_code IN (SELECT code FROM interaction_template "
                    + "WHERE interaction_group_code = ?)"
            }
        }
        binds.append(.integer(Int64(max(limit, 0))))
        let arguments = binds
        let chosen = scopeSQL
        return try await store.read { connection in
            try Self.requireSubject(scope, connection)
            return try connection.query(
                "SELECT l.entry_no AS entry_no, l.segment_no AS segment_no, l.description AS description, "
                    + "l.creation_date AS day, l.canceled AS canceled, l.entries_open + l.entries_canceled AS total, "
                    + "l.deliveries_sent AS sent, l.deliveries_pending AS pending, l.deliveries_error AS failed "
                    + "FROM logged_segment l WHERE l.entry_no IN (SELECT entry_no FROM logged_segment \(chosen) "
                    + "ORDER BY entry_no DESC LIMIT ?) ORDER BY l.entry_no DESC",
                arguments
            ).map {
                RunProgress(
                    entryNo: LoggedSegment.EntryNo($0.int("entry_no")), segmentNo: $0.text("segment_no"),
                    description: $0.text("description"), date: $0.text("day"), isCanceled: $0.bool("canceled"),
                    noOfInteractions: $0.int("total"), sent: $0.int("sent"), pending: $0.int("pending"),
                    failed: $0.int("failed"))
            }
        }
    }

    /// Segments in progress, newest number first, with their line count and last criteria action; only
    /// those of `salespersonCode` when it is given.
    public func segmentsInProgress(
        salespersonCode: String?, limit: Int
    ) async throws(RapportError) -> [SegmentInProgress] {
        var binds: [SQLValue] = []
        var filter = ""
        if let salespersonCode, !salespersonCode.isEmpty {
            filter = "WHERE h.salesperson_code = ? "
            binds.append(.text(salespersonCode))
        }
        binds.append(.integer(Int64(max(limit, 0))))
        let arguments = binds
        let condition = filter
        return try await store.read { connection in
            try connection.query(
                "SELECT h.no AS no, h.description AS description, h.interaction_template_code AS template, "
                    + "(SELECT COUNT(*) FROM segment_line l WHERE l.segment_no = h.no) AS lines, "
                    + "(SELECT a.text FROM segment_criteria_action a WHERE a.segment_no = h.no "
                    + "ORDER BY a.action_no DESC LIMIT 1) AS last_action "
                    + "FROM segment_header h \(condition)ORDER BY h.no DESC LIMIT ?",
                arguments
            ).map {
                SegmentInProgress(
                    no: Segment.No($0.text("no")), description: $0.text("description"),
                    templateCode: $0.text("template"), noOfLines: $0.int("lines"),
                    lastAction: $0["last_action"].textValue)
            }
        }
    }

    // MARK: - Helpers

    /// The per-day totals (alias `d`, the entries not canceled) a figure reads: in scope, within the date
    /// filter. A day kept as '' (an entry without a date) reads as no date, as the entry's would.
    func totalsCondition(_ scope: Scope, dateFilter: String?) throws(RapportError) -> SQLFragment {
        try Self.totalsCondition(scope, dateFilter: dateFilter, dialect: store.dialect)
    }

    static func totalsCondition(
        _ scope: Scope, dateFilter: String?, dialect: SQLDialect
    ) throws(RapportError) -> SQLFragment {
        var condition = SQLFragment("1 = 1", [])
        if case .only(let subject, let code) = scope {
            condition = SQLFragment("d.\(subject.column) = ?", [.text(Key<InteractionStatistics.Subject>(code).text)])
        }
        if let dateFilter, !dateFilter.trimmingCharacters(in: .whitespaces).isEmpty {
            let date = try FilterExpression.parse(dateFilter, as: .date, path: "date").condition(
                on: FilterColumn(sql: "NULLIF(d.day, '')", type: .date), dialect: dialect, path: "date")
            condition = SQLFragment(condition.sql + " AND (\(date.sql))", condition.binds + date.binds)
        }
        return condition
    }

    static func requireSubject(_ scope: Scope, _ connection: any SQLConnection) throws {
        guard case .only(let subject, let code) = scope else { return }
        let key = Key<InteractionStatistics.Subject>(code).text
        let target = subject.target
        guard try connection.exists("SELECT 1 FROM \(target.table) WHERE \(target.keyColumn) = ?", [.text(key)])
        else { throw RapportError.notFound(target.label.prefix(1).uppercased() + target.label.dropFirst(), key) }
    }

    /// The Monday starting the ISO week of a `YYYY-MM-DD` date.
    static func weekStart(of day: String) -> String? {
        guard let date = CalendarDate(day) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        guard
            let moment = calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day))
        else { return nil }
        // weekday: Sunday 1 ... Saturday 7; Monday starts the week.
        let back = (calendar.component(.weekday, from: moment) + 5) % 7
        guard let monday = calendar.date(byAdding: .day, value: -back, to: moment) else { return nil }
        let parts = calendar.dateComponents([.year, .month, .day], from: monday)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    static func weekCounts(_ counts: [String: Int64]) -> [WeekCount] {
        counts.map { key, count in
            let parts = key.split(separator: "\u{0}", maxSplits: 1, omittingEmptySubsequences: false)
            return WeekCount(weekStart: String(parts[0]), key: parts.count > 1 ? String(parts[1]) : "", count: count)
        }.sorted { ($0.weekStart, $0.key) < ($1.weekStart, $1.key) }
    }
}
