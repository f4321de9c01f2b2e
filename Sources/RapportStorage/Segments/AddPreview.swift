import RapportCore

/// The preview of Add Contacts: how many contacts a run would add, how many matching contacts its options
/// leave out and why, and optionally a sample in line order. The counts are exactly what `ContactSelection`
/// lets Add insert: the same candidates (filters and expansions), less the excluded, less those already in.
enum AddPreview {
    /// Counts only (the worksheet's live count), or counts and the sample (the API's preview).
    static func preview(
        _ action: CriteriaAction, segmentNo: String, withSample: Bool, _ connection: any SQLConnection
    ) throws -> ContactPreview {
        withSample
            ? try withFirstLines(action, segmentNo: segmentNo, connection)
            : try counts(action, segmentNo: segmentNo, connection)
    }

    /// One pass over the candidates with nothing materialised or sorted: the filter reads its indexes, and an
    /// excluded contact is found in the small index of excluded contacts (migration 0020) rather than in its
    /// row. The candidates already in the segment are found as `existingLines` chooses. With a `range`, the
    /// counts of that part of the candidates (`ContactNumberRange`).
    static func counts(
        _ action: CriteriaAction, segmentNo: String, within range: ContactNumberRange = .all,
        smallSegmentLines: Int = AddPreview.smallSegmentLines, _ connection: any SQLConnection
    ) throws -> ContactPreview {
        let candidates = try ContactSelection.addSelection(
            action, segmentNo: segmentNo, applyChecks: false, dialect: connection.dialect, within: range)
        // An excluded candidate is found by a join on the small index of excluded contacts (migration 0020):
        // a probe per candidate on SQLite, a hash join inside the parallel plan on PostgreSQL, where a subquery
        // in the SELECT list ran in the leader alone after the workers were done.
        let ignoresExclusion = action.options.ignoreExclusion
        let join = ignoresExclusion ? "" : " LEFT JOIN contact e ON e.no = t.no AND e.exclude_from_segment = 1"
        let notExcluded = ignoresExclusion ? "" : "e.no IS NULL AND "
        let existing = try existingLines(
            action, segmentNo: segmentNo, expands: !candidates.ctes.isEmpty, smallSegmentLines: smallSegmentLines,
            connection)
        let probes = existing == .probedPerCandidate
        let already =
            probes
            ? "COALESCE(SUM(CASE WHEN \(notExcluded)EXISTS (SELECT 1 FROM segment_line s "
                + "WHERE s.contact_no = t.no AND s.segment_no = ?) THEN 1 ELSE 0 END), 0)" : "0"
        let row = try connection.query(
            """
            \(withClause(candidates.ctes))SELECT COUNT(*) AS total,
              \(ignoresExclusion ? "0" : "COUNT(e.no)") AS excluded, \(already) AS already
            FROM contact t\(join) WHERE \(candidates.condition.sql)
            """,
            candidates.ctes.flatMap(\.binds) + (probes ? [.text(segmentNo)] : []) + candidates.condition.binds
        ).first
        let total = row?.int("total") ?? 0
        let excluded = row?.int("excluded") ?? 0
        let alreadyIn =
            existing == .countedFromLines
            ? try linesAmongCandidates(action, segmentNo: segmentNo, within: range, connection)
            : row?.int("already") ?? 0
        return ContactPreview(
            kind: .add, count: total - excluded - alreadyIn, sample: [], excludedFromSegment: excluded,
            alreadyInSegment: alreadyIn)
    }

    /// How the live count finds the candidates already in the segment.
    enum ExistingLines: Equatable {
        /// Nothing to find: Add may take them again, or the segment has no lines.
        case none
        /// A probe of the segment's lines per candidate not excluded, inside the count's one pass.
        case probedPerCandidate
        /// A second statement driven by the segment's lines (`linesAmongCandidates`).
        case countedFromLines
    }

    /// Whichever side is smaller drives: a small segment's lines (at most `smallSegmentLines`), each looked up
    /// among the candidates (the load's segments, a few hundred lines against tens of thousands of candidates:
    /// a probe of the lines per candidate was half the count's time), else on SQLite a probe of the lines per
    /// candidate, also when an expansion builds the candidates, which a second statement would build again.
    /// PostgreSQL always counts from the lines, and plans that join itself (a merge or hash of the lines when
    /// they are many): its per-candidate probe was planned as a scan of every segment's lines per candidate when the statistics
    /// still said the lines were few (32 s for one count under load). An empty segment (every new one) has
    /// nothing to find.
    static func existingLines(
        _ action: CriteriaAction, segmentNo: String, expands: Bool, smallSegmentLines: Int,
        _ connection: any SQLConnection
    ) throws -> ExistingLines {
        guard !action.options.allowExistingContacts else { return .none }
        let isPostgres = connection.dialect == .postgres
        let lines = try lineCount(segmentNo, upTo: isPostgres ? 1 : smallSegmentLines + 1, connection)
        if lines == 0 { return .none }
        return isPostgres || (lines <= smallSegmentLines && !expands) ? .countedFromLines : .probedPerCandidate
    }

    /// At most this many lines make a segment small enough to look its lines up among the candidates: each
    /// line costs about three candidates' probes (SQLite, the 1M bench), and a live count has tens of
    /// thousands of candidates.
    static let smallSegmentLines = 2000

    /// The segment's number of lines, counted no further than `limit`.
    static func lineCount(_ segmentNo: String, upTo limit: Int, _ connection: any SQLConnection) throws -> Int64 {
        try connection.scalar(
            "SELECT COUNT(*) FROM (SELECT 1 FROM segment_line WHERE segment_no = ? LIMIT ?) n",
            [.text(segmentNo), .integer(Int64(limit))]
        )?.intValue ?? 0
    }

    /// The candidates not excluded that already have a line, counted from the lines: each contact of the
    /// segment (once, however many lines it has) is asked whether it is a candidate, a few probes per line
    /// whatever the number of candidates, with a company's relations probed per contact too
    /// (`probesCompanies`) rather than built as the set of matching companies. The CROSS JOIN keeps SQLite's
    /// plan driven by the lines: left to itself, with the lines as an IN list, it crossed them with the
    /// salespeople and matching companies' lists (bench A whole: 33 s). PostgreSQL orders the join itself.
    static func linesAmongCandidates(
        _ action: CriteriaAction, segmentNo: String, within range: ContactNumberRange, _ connection: any SQLConnection
    ) throws -> Int64 {
        let candidates = try ContactSelection.addSelection(
            action, segmentNo: segmentNo, applyChecks: false, dialect: connection.dialect, within: range,
            probesCompanies: true)
        let notExcluded = action.options.ignoreExclusion ? "" : "t.exclude_from_segment = 0 AND "
        return try connection.scalar(
            """
            \(withClause(candidates.ctes))SELECT COUNT(*)
            FROM (SELECT DISTINCT s.contact_no FROM segment_line s WHERE s.segment_no = ?) l CROSS JOIN contact t
            WHERE t.no = l.contact_no AND \(notExcluded)(\(candidates.condition.sql))
            """,
            candidates.ctes.flatMap(\.binds) + [.text(segmentNo)] + candidates.condition.binds
        )?.intValue ?? 0
    }

    /// The WITH clause of `ctes`, or nothing.
    static func withClause(_ ctes: [SQLFragment]) -> String {
        ctes.isEmpty ? "" : "WITH " + ctes.map(\.sql).joined(separator: ", ") + " "
    }

    /// One statement: the filter runs once into `m` (each candidate with its exclusion and existing-line
    /// flags), which gives the counts and, less the checks' refusals, the sample in line order. The sample
    /// needs every candidate's sort keys, so it is the costlier form; a separate LIMITed query would run the
    /// filter twice.
    static func withFirstLines(
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
}
