import RapportCore

/// Add, Reduce and Refine Contacts, Preview, Go Back and the criteria list: each run is one
/// transaction of a few set-based statements.
public struct SegmentCriteriaService: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// What a run changed, and where the segment stands.
    public struct Outcome: Sendable {
        public var linesAdded = 0
        public var linesRemoved = 0
        public var noOfLines: Int64 = 0
        public var noOfCriteriaActions: Int64 = 0
    }

    public func run(
        _ action: CriteriaAction, on segmentNo: Segment.No, resetCriteria: Bool = true
    )
        async throws(RapportError) -> Outcome
    {
        try await store.write(action.kind.caption) { connection in
            let key = try SegmentService.requireSegment(segmentNo, connection)
            var outcome = try Self.run(action, on: key, resetCriteria: resetCriteria, connection)
            try Self.fillTotals(&outcome, segmentNo: key, connection)
            return outcome
        }
    }

    /// Runs one action inside the caller's transaction (Reuse Criteria replays several).
    static func run(
        _ action: CriteriaAction, on segmentNo: String, resetCriteria: Bool, _ connection: any SQLConnection
    ) throws -> Outcome {
        try SegmentFilterSQL.verifyCodes(action.filters, connection)
        let actionNo = try CriteriaJournal.record(action, segmentNo: segmentNo, connection)
        try SegmentKindRules.criteriaChanged(segmentNo, connection)
        var outcome = Outcome()
        switch action.kind {
        case .add:
            let selection = try ContactSelection.addSelection(
                action, segmentNo: segmentNo, applyChecks: true, dialect: connection.dialect)
            outcome.linesAdded = try connection.execute(
                SegmentLineSQL.insert(segmentNo: segmentNo, actionNo: actionNo, selection: selection))
        case .reduce, .refine:
            let removed = try ContactSelection.removedLines(action, segmentNo: segmentNo, dialect: connection.dialect)
            outcome.linesRemoved = try CriteriaJournal.removeLines(
                where: removed, segmentNo: segmentNo, actionNo: actionNo, connection)
            try CriteriaJournal.resetIfEmptied(
                segmentNo: segmentNo, removed: outcome.linesRemoved, actionNo: actionNo, reset: resetCriteria,
                connection)
        }
        return outcome
    }

    static func fillTotals(_ outcome: inout Outcome, segmentNo: String, _ connection: any SQLConnection) throws {
        let row = try connection.query(
            """
            SELECT (SELECT COUNT(*) FROM segment_line WHERE segment_no = ?) AS lines,
                   (SELECT COUNT(*) FROM segment_criteria_action WHERE segment_no = ?) AS actions
            """, [.text(segmentNo), .text(segmentNo)]
        ).first
        outcome.noOfLines = row?.int("lines") ?? 0
        outcome.noOfCriteriaActions = row?.int("actions") ?? 0
    }

    /// What a run would do, changing nothing: how many, a sample in line order, and for Add how many
    /// matching contacts the options leave out and why.
    public func preview(_ action: CriteriaAction, on segmentNo: Segment.No) async throws(RapportError) -> ContactPreview
    {
        try await store.read { connection in
            let key = try SegmentService.requireSegment(segmentNo, connection)
            try SegmentFilterSQL.verifyCodes(action.filters, connection)
            return action.kind == .add
                ? try Self.previewAdd(action, segmentNo: key, connection)
                : try Self.previewRemove(action, segmentNo: key, connection)
        }
    }

    /// One statement: the filter runs once into `m` (each candidate with its exclusion and existing-line
    /// flags), which gives the counts and, less the checks' refusals, the sample in line order.
    static func previewAdd(
        _ action: CriteriaAction, segmentNo: String, _ connection: any SQLConnection
    ) throws -> ContactPreview {
        let candidates = try ContactSelection.addSelection(
            action, segmentNo: segmentNo, applyChecks: false, dialect: connection.dialect)
        let ctes = candidates.ctes.map(\.sql).map { $0 + ", " }.joined()
        let inSegment = "EXISTS (SELECT 1 FROM segment_line s WHERE s.contact_no = t.no AND s.segment_no = ?)"
        let excluded = action.options.ignoreExclusion ? "0" : "t.exclude_from_segment"
        let already = action.options.allowExistingContacts ? "0" : "CASE WHEN \(inSegment) THEN 1 ELSE 0 END"
        var sample: [Contact.No] = []
        var counts: (total: Int64, excluded: Int64, already: Int64) = (0, 0, 0)
        try connection.forEachRow(
            """
            WITH \(ctes)m AS MATERIALIZED (
              SELECT t.no, t.company_no, t.type, t.name, \(excluded) AS ex, \(already) AS al
              FROM contact t WHERE \(candidates.condition.sql)),
            s AS (
              SELECT t.no, COALESCE(co.name, '') AS k1, COALESCE(t.company_no, '') AS k2, t.type AS k3, t.name AS k4
              FROM m t LEFT JOIN contact co ON co.no = t.company_no
              WHERE t.ex = 0 AND t.al = 0 ORDER BY k1, k2, k3, k4, t.no LIMIT 20)
            SELECT c.total, c.excluded, c.already, s.no
            FROM (SELECT COUNT(*) AS total, COALESCE(SUM(ex), 0) AS excluded,
                    COALESCE(SUM(CASE WHEN ex = 0 AND al = 1 THEN 1 ELSE 0 END), 0) AS already FROM m) c
              LEFT JOIN s ON 1 = 1
            ORDER BY s.k1, s.k2, s.k3, s.k4, s.no
            """,
            candidates.ctes.flatMap(\.binds) + (action.options.allowExistingContacts ? [] : [.text(segmentNo)])
                + candidates.condition.binds
        ) { row in
            counts = (row.int("total"), row.int("excluded"), row.int("already"))
            if case .text(let no) = row["no"] { sample.append(Contact.No(no)) }
        }
        return ContactPreview(
            kind: .add, count: counts.total - counts.excluded - counts.already, sample: sample,
            excludedFromSegment: counts.excluded, alreadyInSegment: counts.already)
    }

    static func previewRemove(
        _ action: CriteriaAction, segmentNo: String, _ connection: any SQLConnection
    ) throws -> ContactPreview {
        let removed = try ContactSelection.removedLines(action, segmentNo: segmentNo, dialect: connection.dialect)
        let count =
            try connection.scalar(
                "SELECT COUNT(*) FROM segment_line l WHERE l.segment_no = ? AND (\(removed.sql))",
                [.text(segmentNo)] + removed.binds)?.intValue ?? 0
        let sample = try connection.query(
            "SELECT l.contact_no FROM segment_line l WHERE l.segment_no = ? AND (\(removed.sql)) ORDER BY l.line_no LIMIT 20",
            [.text(segmentNo)] + removed.binds
        ).map { Contact.No($0.text("contact_no")) }
        return ContactPreview(kind: action.kind, count: count, sample: sample)
    }

    /// Undoes the last criteria action; 409 when there is none.
    public func goBack(_ segmentNo: Segment.No) async throws(RapportError) -> Outcome {
        try await store.write("go back") { connection in
            let key = try SegmentService.requireSegment(segmentNo, connection)
            try CriteriaJournal.goBack(key, connection)
            try SegmentKindRules.criteriaChanged(key, connection)
            var outcome = Outcome()
            try Self.fillTotals(&outcome, segmentNo: key, connection)
            return outcome
        }
    }

    /// The criteria list, actions in order with their filters and readable text.
    public func criteria(_ segmentNo: Segment.No) async throws(RapportError) -> [CriteriaEntry] {
        try await store.read { connection in
            let key = try SegmentService.requireSegment(segmentNo, connection)
            return try CriteriaJournal.actions(
                table: "segment_criteria_action", owner: "segment_no", key: key, connection)
        }
    }
}
