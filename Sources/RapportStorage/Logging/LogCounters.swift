import RapportCore

/// The counting rules of the interaction log's stored counters (migration 0015), written once for both
/// dialects and kept in the transaction that writes the entries they count:
/// - per logged segment: its entries open and canceled, and its entries in each delivery state;
/// - per day (`interaction_day_total`): the interactions, cost and duration of the entries that are not
///   canceled, by template, interaction group, campaign and correspondence type.
///
/// Every write path that adds, changes or removes entries calls `retract` on the entries it is about to
/// change and `add` once they are changed (or only `add` for new entries, only `retract` for entries about
/// to go); a change of delivery state alone calls `moveDeliveries`. Log, the bulk write, calls `addDays`
/// and `addLoggedRun`. Each is one set-based statement per table, however many entries it covers.
enum LogCounters {
    /// Cost and duration are kept as whole units of this fraction (the API's scale), so adding and taking
    /// away stays exact.
    static let unitsPerOne = 100_000

    /// The delivery states a logged segment counts, each in its column `deliveries_<state>`.
    static let deliveryStates = Catalog.deliveryStatuses

    /// Counts the entries `entries` selects (a condition over alias `e`) into the counters.
    static func add(_ entries: SQLFragment, _ connection: any SQLConnection) throws {
        try count(entries, sign: "+", connection)
    }

    /// Takes the entries `entries` selects out of the counters, before they change or go.
    static func retract(_ entries: SQLFragment, _ connection: any SQLConnection) throws {
        try count(entries, sign: "-", connection)
        // A day no entry counts in any more goes, so the totals hold only what the entries make.
        try connection.execute("DELETE FROM interaction_day_total WHERE interactions = 0", [])
    }

    /// Before the entries `entries` selects change their delivery state to `state` (nil: none), moves them
    /// from the delivery counters of their present states to that of `state`.
    static func moveDeliveries(
        _ entries: SQLFragment, to state: DeliveryStatus?, _ connection: any SQLConnection
    ) throws {
        let statement = moveDeliveries(entries, to: state)
        try connection.execute(statement.sql, statement.binds)
    }

    /// `moveDeliveries`' statement, to run with others (`SQLConnection.executeEach`).
    static func moveDeliveries(_ entries: SQLFragment, to state: DeliveryStatus?) -> SQLFragment {
        let assignments = deliveryStates.map { name in
            "deliveries_\(name) = deliveries_\(name) - s.n_\(name)" + (state?.rawValue == name ? " + s.n" : "")
        }
        return SQLFragment(
            "UPDATE logged_segment SET \(assignments.joined(separator: ", ")) FROM (SELECT "
                + "e.logged_segment_entry_no AS no, COUNT(*) AS n, \(deliverySums) FROM interaction_log_entry e "
                + "WHERE e.logged_segment_entry_no IS NOT NULL AND (\(entries.sql)) "
                + "GROUP BY e.logged_segment_entry_no) s WHERE logged_segment.entry_no = s.no",
            entries.binds)
    }

    /// A new Log's logged segment: `entries` entries, all open, and (when it sends) those queued pending.
    /// Log knows the first and counts only the second, as it did before counters, so its logged segment's
    /// counters cost it nothing more; the day totals are `addDays`' one statement.
    static func addLoggedRun(
        _ loggedSegment: Int64, entries: Int, sends: Bool, _ connection: any SQLConnection
    ) throws {
        let pending =
            sends
            ? "(SELECT COUNT(*) FROM interaction_log_entry e WHERE e.logged_segment_entry_no = ? "
                + "AND e.delivery_status = 'pending')" : "?"
        try connection.execute(
            "UPDATE logged_segment SET entries_open = ?, deliveries_pending = \(pending) WHERE entry_no = ?",
            [.integer(Int64(entries)), sends ? .integer(loggedSegment) : .integer(0), .integer(loggedSegment)])
    }

    // MARK: - The two statements

    static func count(_ entries: SQLFragment, sign: String, _ connection: any SQLConnection) throws {
        try addDays(entries, sign: sign, connection)
        let counted = ["entries_open", "entries_canceled"] + deliveryStates.map { "deliveries_\($0)" }
        let assignments = counted.map { "\($0) = \($0) \(sign) s.n_\($0.split(separator: "_").last ?? "")" }
        try connection.execute(
            "UPDATE logged_segment SET \(assignments.joined(separator: ", ")) FROM (SELECT "
                + "e.logged_segment_entry_no AS no, SUM(CASE WHEN e.canceled = 0 THEN 1 ELSE 0 END) AS n_open, "
                + "SUM(CASE WHEN e.canceled = 1 THEN 1 ELSE 0 END) AS n_canceled, \(deliverySums) "
                + "FROM interaction_log_entry e WHERE e.logged_segment_entry_no IS NOT NULL AND (\(entries.sql)) "
                + "GROUP BY e.logged_segment_entry_no) s WHERE logged_segment.entry_no = s.no",
            entries.binds)
    }

    /// Adds (sign "+") or takes away ("-") the selected entries that are not canceled to or from their days.
    /// SQLite upserts entry by entry into the few rows of the totals: its GROUP BY would sort every entry
    /// first, twice as slow over a 100,000-entry Log. PostgreSQL refuses to update a row twice in one
    /// statement, and groups by hashing, so it groups first. The rule is the same either way.
    static func addDays(_ entries: SQLFragment, sign: String, _ connection: any SQLConnection) throws {
        let statement = days(from: "interaction_log_entry e", entries, sign: sign, connection.dialect)
        try connection.execute(statement.sql, statement.binds)
    }

    /// `addDays`' statement over `source`, a relation whose alias `e` has the entries' columns (the table, or the
    /// rows an `INSERT … RETURNING` gave in the same statement).
    static func days(from source: String, _ entries: SQLFragment, sign: String, _ dialect: SQLDialect) -> SQLFragment {
        let keys = ["interaction_template_code", "interaction_group_code", "campaign_no", "correspondence_type"]
        let columns = (["day"] + keys + ["interactions", "cost_units", "duration_units"]).joined(separator: ", ")
        let keyValues = (["e.date"] + keys.map { "e.\($0)" }).map { "COALESCE(\($0), '')" }.joined(separator: ", ")
        let updates = ["interactions", "cost_units", "duration_units"].map {
            "\($0) = interaction_day_total.\($0) + excluded.\($0)"
        }
        let grouped = dialect == .postgres
        let figures =
            grouped
            ? "\(sign)COUNT(*), \(sign)SUM(\(units("e.cost"))), \(sign)SUM(\(units("e.duration")))"
            : "\(sign)1, \(sign)\(units("e.cost")), \(sign)\(units("e.duration"))"
        return SQLFragment(
            "INSERT INTO interaction_day_total (\(columns)) SELECT \(keyValues), \(figures) "
                + "FROM \(source) WHERE e.canceled = 0 AND (\(entries.sql))"
                + (grouped ? " GROUP BY 1, 2, 3, 4, 5" : "")
                + " ON CONFLICT (day, \(keys.joined(separator: ", "))) DO UPDATE SET \(updates.joined(separator: ", "))",
            entries.binds)
    }

    /// The entries' columns `days` reads, for an `INSERT … RETURNING` that feeds it.
    static let dayColumns = [
        "date", "interaction_template_code", "interaction_group_code", "campaign_no", "correspondence_type", "cost",
        "duration", "canceled",
    ]

    /// `n_<state>`: how many of the selected entries are in each delivery state.
    static var deliverySums: String {
        deliveryStates.map { "SUM(CASE WHEN e.delivery_status = '\($0)' THEN 1 ELSE 0 END) AS n_\($0)" }
            .joined(separator: ", ")
    }

    /// A cost or duration in whole units.
    static func units(_ column: String) -> String {
        "CAST(ROUND(\(column) * \(unitsPerOne)) AS BIGINT)"
    }

    /// Units read back as the decimal they stand for.
    static func value(_ units: Int64) -> Double {
        Double(units) / Double(unitsPerOne)
    }
}
