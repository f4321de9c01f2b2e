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
    /// row. The candidates already in the segment are found from whichever side is smaller: a small segment's
    /// own lines, each looked up among the candidates (the load's segments, a few hundred lines against tens of
    /// thousands of candidates: a probe of the lines per candidate was half the count's time), or, on SQLite, a
    /// probe of the segment's lines per candidate not excluded for a large one (more than `smallSegmentLines`,
    /// where SQLite would still look each line up among the candidates). With a
    /// `range`, the counts of that part of the candidates (`ContactNumberRange`).
    static func counts(
        _ action: CriteriaAction, segmentNo: String, within range: ContactNumberRange = .all,
        smallSegmentLines: Int = AddPreview.smallSegmentLines, _ connection: any SQLConnection
    ) throws -> ContactPreview {
        let candidates = try ContactSelection.addSelection(
            action, segmentNo: segmentNo, applyChecks: false, dialect: connection.dialect, within: range)
        let ctes = candidates.ctes.isEmpty ? "" : "WITH " + candidates.ctes.map(\.sql).joined(separator: ", ") + " "
        // An excluded candidate is found by a join on the small index of excluded contacts (migration 0020):
        // a probe per candidate on SQLite, a hash join inside the parallel plan on PostgreSQL, where a subquery
        // in the SELECT list ran in the leader alone after the workers were done.
        let ignoresExclusion = action.options.ignoreExclusion
        let join = ignoresExclusion ? "" : " LEFT JOIN contact e ON e.no = t.no AND e.exclude_from_segment = 1"
        let notExcluded = ignoresExclusion ? "" : "e.no IS NULL AND "
        let checksLines = !action.options.allowExistingContacts
        // PostgreSQL reads the segment's lines once into a hash for the IN form, whatever their number; its
        // per-candidate probe was planned as a scan of every segment's lines per candidate when the statistics
        // still said the lines were few (32 s for one count under load).
        let fromLines =
            try checksLines
            && (connection.dialect == .postgres || isSmall(segmentNo, atMost: smallSegmentLines, connection))
        let already =
            checksLines && !fromLines
            ? "COALESCE(SUM(CASE WHEN \(notExcluded)EXISTS (SELECT 1 FROM segment_line s "
                + "WHERE s.contact_no = t.no AND s.segment_no = ?) THEN 1 ELSE 0 END), 0)" : "0"
        let row = try connection.query(
            """
            \(ctes)SELECT COUNT(*) AS total, \(ignoresExclusion ? "0" : "COUNT(e.no)") AS excluded, \(already) AS already
            FROM contact t\(join) WHERE \(candidates.condition.sql)
            """,
            candidates.ctes.flatMap(\.binds) + (checksLines && !fromLines ? [.text(segmentNo)] : [])
                + candidates.condition.binds
        ).first
        let total = row?.int("total") ?? 0
        var skipped = (excluded: row?.int("excluded") ?? 0, already: row?.int("already") ?? 0)
        if fromLines {
            skipped.already =
                try connection.scalar(
                    """
                    \(ctes)SELECT COUNT(*) FROM contact t\(join)
                    WHERE \(notExcluded)t.no IN (SELECT s.contact_no FROM segment_line s WHERE s.segment_no = ?)
                    AND (\(candidates.condition.sql))
                    """,
                    candidates.ctes.flatMap(\.binds) + [.text(segmentNo)] + candidates.condition.binds
                )?.intValue ?? 0
        }
        return ContactPreview(
            kind: .add, count: total - skipped.excluded - skipped.already, sample: [],
            excludedFromSegment: skipped.excluded, alreadyInSegment: skipped.already)
    }

    /// At most this many lines make a segment small enough to look its lines up among the candidates: each
    /// line costs about three candidates' probes (SQLite, the 1M bench), and a live count has tens of
    /// thousands of candidates.
    static let smallSegmentLines = 2000

    /// Whether the segment has at most `limit` lines (counted no further than that).
    static func isSmall(_ segmentNo: String, atMost limit: Int, _ connection: any SQLConnection) throws -> Bool {
        let lines =
            try connection.scalar(
                "SELECT COUNT(*) FROM (SELECT 1 FROM segment_line WHERE segment_no = ? LIMIT ?) n",
                [.text(segmentNo), .integer(Int64(limit + 1))]
            )?.intValue ?? 0
        return lines <= limit
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
