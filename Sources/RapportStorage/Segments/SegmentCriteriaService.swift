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
        // Reduce and Refine write no foreign key that `requireSegment` has not just checked, and the one rule
        // SQLite's keys keep for them, that a removed line's document goes with it, `CriteriaJournal.removeLines`
        // keeps in one statement. With SQLite's keys on, each of the lines deleted looked for its document one at a
        // time: 0.025 s of the 0.175 s a delete of 22,478 of the 1M bench's lines takes.
        try await store.write(action.kind.caption, checkingOwnForeignKeys: action.kind != .add) { connection in
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
            SELECT (\(ComputedColumns.noOfLinesSQL(connection.dialect))) AS lines,
                   (SELECT COUNT(*) FROM segment_criteria_action WHERE segment_no = ?) AS actions
            """, [.text(segmentNo), .text(segmentNo)]
        ).first
        outcome.noOfLines = row?.int("lines") ?? 0
        outcome.noOfCriteriaActions = row?.int("actions") ?? 0
    }

    /// What a run would do, changing nothing: how many, for Add how many matching contacts the options leave
    /// out and why, and with `withSample` the first contacts in line order (the worksheet's live count asks
    /// for the counts alone, which need no sorting).
    public func preview(
        _ action: CriteriaAction, on segmentNo: Segment.No, withSample: Bool = true
    ) async throws(RapportError) -> ContactPreview {
        if action.kind == .add && !withSample { return try await liveCount(action, on: segmentNo) }
        return try await store.read { connection in
            let key = try SegmentService.requireSegment(segmentNo, connection)
            try SegmentFilterSQL.verifyCodes(action.filters, connection)
            return action.kind == .add
                ? try AddPreview.preview(action, segmentNo: key, withSample: withSample, connection)
                : try Self.previewRemove(action, segmentNo: key, withSample: withSample, connection)
        }
    }

    /// The counts of Add alone, in two parts side by side where the backend gains from it
    /// (`AddPreview.maySplit`) and no other read of this process is running: a split costs three transactions
    /// instead of one and gains only from a core no one else wants, so on a busy server each count runs whole.
    /// Each part reads in a transaction of its own, so a change committed between them can show in one part and
    /// not the other: a live count, which the worksheet asks again as the filters change; Add itself counts in
    /// its own single transaction.
    func liveCount(_ action: CriteriaAction, on segmentNo: Segment.No) async throws(RapportError) -> ContactPreview {
        try await liveCount(action, on: segmentNo, readersFree: store.usage.snapshot.readsInFlight == 0)
    }

    /// The live count in two parts when `readersFree` and the backend gains from it, else whole in one
    /// transaction.
    func liveCount(
        _ action: CriteriaAction, on segmentNo: Segment.No, readersFree: Bool
    ) async throws(RapportError) -> ContactPreview {
        guard readersFree, AddPreview.maySplit(action, dialect: store.dialect) else {
            return try await store.read { connection in
                let key = try SegmentService.requireSegment(segmentNo, connection)
                try SegmentFilterSQL.verifyCodes(action.filters, connection)
                return try AddPreview.counts(action, segmentNo: key, connection)
            }
        }
        let (key, split) = try await store.read { connection in
            let key = try SegmentService.requireSegment(segmentNo, connection)
            try SegmentFilterSQL.verifyCodes(action.filters, connection)
            return (key, try AddPreview.splitPoint(connection))
        }
        let parts = ContactNumberRange.parts(splitAt: split)
        guard parts.count == 2 else {
            return try await store.read { connection in try AddPreview.counts(action, segmentNo: key, connection) }
        }
        async let lower = store.read { connection in
            try AddPreview.counts(action, segmentNo: key, within: parts[0], connection)
        }
        let upper = try await store.read { connection in
            try AddPreview.counts(action, segmentNo: key, within: parts[1], connection)
        }
        do {
            return AddPreview.sum([try await lower, upper])
        } catch {
            // `async let` forgets that `store.read` throws only RapportError.
            throw Store.translate(error)
        }
    }

    static func previewRemove(
        _ action: CriteriaAction, segmentNo: String, withSample: Bool, _ connection: any SQLConnection
    ) throws -> ContactPreview {
        let removed = try ContactSelection.removedLines(action, segmentNo: segmentNo, dialect: connection.dialect)
        let count =
            try connection.scalar(
                "SELECT COUNT(*) FROM segment_line l WHERE l.segment_no = ? AND (\(removed.sql))",
                [.text(segmentNo)] + removed.binds)?.intValue ?? 0
        guard withSample else { return ContactPreview(kind: action.kind, count: count, sample: []) }
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
