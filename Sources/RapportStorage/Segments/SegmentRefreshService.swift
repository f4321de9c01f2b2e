import Foundation
import RapportCore

/// Refreshes dynamic segments: replays the criteria over the contacts whose rows, or related rows, changed
/// since the segment's last refresh (their `change_no` is NULL or newer), and over their companies' families.
/// Each refresh is one write transaction; writes are serialised, so a row stamped after a refresh read the
/// stamps is always seen by the next one.
public struct SegmentRefreshService: Sendable {
    let store: Store
    let clock: @Sendable () -> Date

    public init(store: Store, clock: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.clock = clock
    }

    /// What a refresh changed.
    public struct Outcome: Sendable, Equatable {
        public var linesAdded = 0
        public var linesRemoved = 0
        public var noOfLines: Int64 = 0
        public var ms: Int64 = 0
    }

    /// Every table a segment filter reads: each has a `change_no`, and its `contact_no` (or the contact's
    /// own `no`) names the contact whose membership its rows decide.
    static let stampedTables = [
        ("contact", "no"), ("contact_mailing_group", "contact_no"), ("contact_industry_group", "contact_no"),
        ("contact_job_responsibility", "contact_no"), ("contact_business_relation", "contact_no"),
        ("contact_profile_answer", "contact_no"), ("interaction_log_entry", "contact_no"),
    ]

    /// Refreshes a dynamic segment now (409 for a static one); `full` re-evaluates every contact.
    public func refresh(_ segmentNo: Segment.No, full: Bool = false) async throws(RapportError) -> Outcome {
        let now = clock()
        return try await store.write("refresh segment") { connection in
            let key = try SegmentService.requireSegment(segmentNo, connection)
            guard try Self.isDynamic(key, connection) else {
                throw RapportError(
                    .conflict, "Segment \(key) is static; only a dynamic segment refreshes.", field: "kind")
            }
            return try Self.refresh(key, full: full, now: now, connection)
        }
    }

    /// Refreshes the dynamic segment whose next refresh is the most overdue, if one is due; another instance
    /// refreshing at once waits for the write lock and then finds it no longer due. Returns its number.
    public func refreshNextDue() async throws(RapportError) -> Segment.No? {
        let now = clock()
        let due: [SQLValue] = [.text(StoredTime.text(now))]
        // A read first: most ticks find nothing due, and a write would wait for (and hold) the write lock every
        // few seconds on every instance for nothing.
        guard try await store.read({ try $0.exists(Self.nextDueSQL, due) }) else { return nil }
        return try await store.write("refresh due segment") { connection in
            guard let key = try connection.scalar(Self.nextDueSQL, due)?.nonBlankText else { return nil }
            _ = try Self.refresh(key, full: false, now: now, connection)
            return Segment.No(key)
        }
    }

    /// The dynamic segment most overdue for a refresh (in the write transaction, the claim: once refreshed, it is
    /// no longer due).
    static let nextDueSQL = """
        SELECT no FROM segment_header WHERE kind = 'dynamic' AND (next_refresh_at IS NULL OR next_refresh_at <= ?)
        ORDER BY next_refresh_at, no LIMIT 1
        """

    static func isDynamic(_ key: String, _ connection: any SQLConnection) throws -> Bool {
        try connection.scalar("SELECT kind FROM segment_header WHERE no = ?", [.text(key)])?.textValue == "dynamic"
    }

    /// Refreshes inside the caller's transaction (Log refreshes a dynamic segment before logging it).
    static func refresh(_ key: String, full: Bool, now: Date, _ connection: any SQLConnection) throws -> Outcome {
        let started = ContinuousClock.now
        let header = try connection.query(
            "SELECT refreshed_change_no, freshness_seconds FROM segment_header WHERE no = ?", [.text(key)]
        ).first
        let seen = header?.int("refreshed_change_no") ?? 0
        let stamp = try Self.stampChanges(connection)
        let rebuild = full || seen == 0
        if !rebuild { try Self.fillScope(key, since: seen, connection) }
        let actions = try CriteriaJournal.actions(
            table: "segment_criteria_action", owner: "segment_no", key: key, connection)
        let scope = rebuild ? "1 = 1" : DynamicMembershipSQL.scoped("t")
        let membership = try DynamicMembershipSQL(actions, scope: scope, dialect: connection.dialect)
        var outcome = try Self.apply(membership, key: key, scope: scope, connection)
        try connection.execute("DELETE FROM segment_refresh_scope")
        try connection.execute("DELETE FROM segment_refresh_member")
        outcome.noOfLines = try ComputedColumns.noOfLines(key, connection)
        let elapsed = ContinuousClock.now - started
        outcome.ms = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        let freshness = header?.int("freshness_seconds") ?? 0
        try connection.execute(
            """
            UPDATE segment_header SET refreshed_change_no = ?, last_refreshed_at = ?, last_refresh_ms = ?,
              next_refresh_at = ? WHERE no = ?
            """,
            [
                .integer(stamp), .text(StoredTime.text(now)), .integer(outcome.ms),
                .text(StoredTime.text(now.addingTimeInterval(TimeInterval(max(freshness, 10))))), .text(key),
            ])
        return outcome
    }

    /// Hands out the next change number and stamps every unseen row with it; returns it.
    static func stampChanges(_ connection: any SQLConnection) throws -> Int64 {
        try connection.execute("UPDATE change_counter SET value = value + 1 WHERE id = 1")
        let stamp = try connection.scalar("SELECT value FROM change_counter WHERE id = 1")?.intValue ?? 0
        for (table, _) in stampedTables {
            try connection.execute("UPDATE \(table) SET change_no = ? WHERE change_no IS NULL", [.integer(stamp)])
        }
        return stamp
    }

    /// The contacts to re-evaluate: those changed since `since`, the companies of these and of their lines,
    /// and every person of those companies.
    static func fillScope(_ key: String, since: Int64, _ connection: any SQLConnection) throws {
        let changed = stampedTables.map { "SELECT \($1) FROM \($0) WHERE change_no > ?" }.joined(separator: " UNION ")
        try connection.execute(
            "INSERT INTO segment_refresh_scope (contact_no) \(changed)",
            Array(repeating: .integer(since), count: stampedTables.count))
        try connection.execute(
            """
            INSERT INTO segment_refresh_scope (contact_no)
            SELECT x.no FROM (
              SELECT c.company_no AS no FROM contact c
              WHERE c.no IN (SELECT contact_no FROM segment_refresh_scope) AND c.company_no IS NOT NULL
              UNION SELECT l.contact_company_no FROM segment_line l WHERE l.segment_no = ?
                AND l.contact_company_no IS NOT NULL AND l.contact_no IN (SELECT contact_no FROM segment_refresh_scope)
            ) x WHERE x.no NOT IN (SELECT contact_no FROM segment_refresh_scope)
            """, [.text(key)])
        try connection.execute(
            """
            INSERT INTO segment_refresh_scope (contact_no)
            SELECT c.no FROM contact c WHERE c.company_no IN (SELECT contact_no FROM segment_refresh_scope)
              AND c.no NOT IN (SELECT contact_no FROM segment_refresh_scope)
            """)
    }

    /// Lists the members in scope, removes the scope's lines of non-members and adds a line for each member
    /// without one, built from the header like every line. The members drive the insert (SQLite keeps the
    /// order of a CROSS JOIN): led by the contact table, it would read every contact.
    static func apply(
        _ membership: DynamicMembershipSQL, key: String, scope: String, _ connection: any SQLConnection
    ) throws -> Outcome {
        let with = membership.ctes.isEmpty ? "" : "WITH " + membership.ctes.map(\.sql).joined(separator: ", ") + " "
        try connection.execute(
            with + """
                INSERT INTO segment_refresh_member (contact_no, action_no)
                SELECT t.no, \(membership.addedBy.sql) FROM contact t WHERE (\(scope)) AND (\(membership.member.sql))
                """, membership.ctes.flatMap(\.binds) + membership.addedBy.binds + membership.member.binds)
        let lineScope = scope == "1 = 1" ? "1 = 1" : "contact_no IN (SELECT contact_no FROM segment_refresh_scope)"
        var outcome = Outcome()
        outcome.linesRemoved = try connection.execute(
            """
            DELETE FROM segment_line WHERE segment_no = ? AND \(lineScope)
              AND contact_no NOT IN (SELECT contact_no FROM segment_refresh_member)
            """, [.text(key)])
        let values = SegmentLineSQL.values.dropLast() + ["m.action_no"]
        outcome.linesAdded = try connection.execute(
            """
            WITH base AS (SELECT COALESCE(MAX(line_no), 0) AS max_line FROM segment_line WHERE segment_no = ?)
            INSERT INTO segment_line (segment_no, line_no, \(SegmentLineSQL.columns.joined(separator: ", ")))
            SELECT h.no, base.max_line + 10000 * ROW_NUMBER() OVER (ORDER BY \(SegmentLineSQL.order)),
              \(values.joined(separator: ", "))
            FROM segment_header h CROSS JOIN base CROSS JOIN segment_refresh_member m CROSS JOIN contact t
            LEFT JOIN contact co ON co.no = t.company_no
            LEFT JOIN interaction_template tt ON tt.code = h.interaction_template_code
            WHERE h.no = ? AND t.no = m.contact_no AND NOT EXISTS (SELECT 1 FROM segment_line s WHERE s.segment_no = h.no AND s.contact_no = t.no)
            """, [.text(key), .text(key)])
        return outcome
    }
}
