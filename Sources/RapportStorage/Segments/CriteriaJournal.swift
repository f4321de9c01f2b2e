import RapportCore

/// The criteria list and the undo journal of a segment: recording actions, the lines they removed,
/// and undoing the last one.
enum CriteriaJournal {
    /// Records an action; returns its number (1, 2, 3...).
    static func record(_ action: CriteriaAction, segmentNo: String, _ connection: any SQLConnection) throws -> Int64 {
        let next =
            try connection.scalar(
                "SELECT COALESCE(MAX(action_no), 0) + 1 FROM segment_criteria_action WHERE segment_no = ?",
                [.text(segmentNo)])?.intValue ?? 1
        let options = action.options
        try connection.execute(
            """
            INSERT INTO segment_criteria_action (segment_no, action_no, action, allow_existing_contacts,
              expand_companies, allow_related_companies, ignore_exclusion, entire_companies, filters, text)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(segmentNo), .integer(next), .text(action.kind.rawValue), flag(options.allowExistingContacts),
                flag(options.expandCompanies), flag(options.allowRelatedCompanies), flag(options.ignoreExclusion),
                flag(options.entireCompanies), .text(StoredFilters.encode(action.filters)),
                .text(action.text),
            ])
        return next
    }

    static func flag(_ value: Bool) -> SQLValue { .integer(value ? 1 : 0) }

    /// Moves the lines matching `condition` (on alias `l`) into the journal under `actionNo`, then deletes
    /// them; returns how many.
    static func removeLines(
        where condition: SQLFragment, segmentNo: String, actionNo: Int64, _ connection: any SQLConnection
    ) throws -> Int {
        let columns = SegmentLineSQL.allColumns.joined(separator: ", ")
        let lineColumns = SegmentLineSQL.allColumns.map { "l.\($0)" }.joined(separator: ", ")
        switch connection.dialect {
        case .postgres:
            // One pass: the DELETE hands the rows it removed to the journal's INSERT, and its join carries only
            // the row ids (RETURNING reads each deleted row once). Copying first and then deleting what the journal
            // holds joined the lines' whole rows (a hash spilled to disk), then found each one again by its key:
            // Reduce of 100,000 lines by PROMO took 1.67 times psql's bare DELETE of bench_C.sql.
            return try connection.execute(
                "WITH removed AS (DELETE FROM segment_line l WHERE l.segment_no = ? AND (\(condition.sql)) "
                    + "RETURNING \(lineColumns)) "
                    + "INSERT INTO segment_removed_line (action_no, \(columns)) SELECT ?, \(columns) FROM removed",
                [.text(segmentNo)] + condition.binds + [.integer(actionNo)])
        case .sqlite:
            // SQLite has no DELETE in a WITH: the journal is filled first, then what it holds is deleted.
            let moved = try connection.execute(
                "INSERT INTO segment_removed_line (action_no, \(columns)) SELECT ?, \(lineColumns) "
                    + "FROM segment_line l WHERE l.segment_no = ? AND (\(condition.sql))",
                [.integer(actionNo), .text(segmentNo)] + condition.binds)
            guard moved > 0 else { return 0 }
            // The lines' documents go with them here, not through the key's ON DELETE CASCADE, which Reduce and
            // Refine turn off (`SegmentCriteriaService.run`).
            try connection.execute(
                "DELETE FROM segment_line_document WHERE segment_no = ? AND line_no IN "
                    + "(SELECT line_no FROM segment_removed_line WHERE segment_no = ? AND action_no = ?)",
                [.text(segmentNo), .text(segmentNo), .integer(actionNo)])
            try connection.execute(
                "DELETE FROM segment_line WHERE segment_no = ? AND line_no IN "
                    + "(SELECT line_no FROM segment_removed_line WHERE segment_no = ? AND action_no = ?)",
                [.text(segmentNo), .text(segmentNo), .integer(actionNo)])
            return moved
        }
    }

    /// When an action emptied the segment, BC asks whether to reset the criteria (default yes).
    static func resetIfEmptied(
        segmentNo: String, removed: Int, actionNo: Int64, reset: Bool, _ connection: any SQLConnection
    ) throws {
        guard removed > 0, reset, actionNo > 1 else { return }
        guard try ComputedColumns.noOfLines(segmentNo, connection) == 0 else { return }
        try clear(segmentNo, connection)
    }

    static func clear(_ segmentNo: String, _ connection: any SQLConnection) throws {
        try connection.execute("DELETE FROM segment_removed_line WHERE segment_no = ?", [.text(segmentNo)])
        try connection.execute("DELETE FROM segment_criteria_action WHERE segment_no = ?", [.text(segmentNo)])
    }

    /// Undoes the last action exactly: removes the lines it inserted and restores the lines it removed,
    /// with their overrides and original line numbers.
    static func goBack(_ segmentNo: String, _ connection: any SQLConnection) throws {
        guard
            let last = try connection.scalar(
                "SELECT MAX(action_no) FROM segment_criteria_action WHERE segment_no = ?", [.text(segmentNo)])?.intValue
        else {
            throw RapportError(
                .conflict, "Segment \(segmentNo) has no criteria action to undo.", field: "noOfCriteriaActions")
        }
        let key: [SQLValue] = [.text(segmentNo), .integer(last)]
        try connection.execute("DELETE FROM segment_line WHERE segment_no = ? AND added_by_action_no = ?", key)
        let columns = SegmentLineSQL.allColumns.joined(separator: ", ")
        try connection.execute(
            "INSERT INTO segment_line (\(columns)) SELECT \(columns) FROM segment_removed_line "
                + "WHERE segment_no = ? AND action_no = ?", key)
        try connection.execute("DELETE FROM segment_removed_line WHERE segment_no = ? AND action_no = ?", key)
        try connection.execute("DELETE FROM segment_criteria_action WHERE segment_no = ? AND action_no = ?", key)
    }

    /// The recorded actions of a segment (or of saved criteria), in order.
    static func actions(
        table: String, owner: String, key: String, _ connection: any SQLConnection
    ) throws
        -> [CriteriaEntry]
    {
        try connection.query(
            """
            SELECT action_no, action, allow_existing_contacts, expand_companies, allow_related_companies,
              ignore_exclusion, entire_companies, filters, text
            FROM \(table) WHERE \(owner) = ? ORDER BY action_no
            """, [.text(key)]
        ).map { row in
            let filters = try StoredFilters.decode(row.text("filters"))
            let options = CriteriaOptions(
                allowExistingContacts: row.bool("allow_existing_contacts"),
                expandCompanies: row.bool("expand_companies"),
                allowRelatedCompanies: row.bool("allow_related_companies"),
                ignoreExclusion: row.bool("ignore_exclusion"),
                entireCompanies: row.bool("entire_companies"))
            let kind = CriteriaActionKind(rawValue: row.text("action")) ?? .add
            return CriteriaEntry(
                actionNo: row.int("action_no"), action: CriteriaAction(kind: kind, options: options, filters: filters),
                text: row.text("text"))
        }
    }
}
