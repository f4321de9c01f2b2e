import RapportCore

/// Reads either side of a version comparison: a frozen version's lines and actions, or the segment's
/// live ones, in the same shape.
enum SegmentVersionSQL {
    /// The columns a version keeps, the same in `segment_line` and `segment_version_line`.
    static let columns = SegmentVersion.lineFields.map(\.column).joined(separator: ", ")

    /// One side's lines in line order, and the highest criteria action number it had.
    struct Side {
        var lines: [SegmentVersionLine]
        var lastAction: Int64
    }

    static func lines(of side: SegmentVersion.Side, _ key: String, _ connection: any SQLConnection) throws -> Side {
        let actions = try actions(of: side, key, connection)
        let rows: [SQLRow]
        switch side {
        case .version(let number):
            let source = try SegmentVersionEntries.lines(key, number, connection)
            rows = try connection.query("SELECT \(columns) FROM \(source.sql) ORDER BY entry_order", source.binds)
        case .current:
            rows = try connection.query(
                "SELECT \(columns) FROM segment_line WHERE segment_no = ? ORDER BY line_no", [.text(key)])
        }
        return Side(lines: rows.map { line($0, actions: actions) }, lastAction: actions.keys.max() ?? 0)
    }

    /// The criteria actions of one side by number: what each is, in words.
    static func actions(
        of side: SegmentVersion.Side, _ key: String, _ connection: any SQLConnection
    ) throws -> [Int64: String] {
        let rows: [SQLRow]
        switch side {
        case .version(let number):
            rows = try connection.query(
                "SELECT action_no, action, text FROM segment_version_action WHERE segment_no = ? AND version = ?",
                [.text(key), .integer(number)])
        case .current:
            rows = try connection.query(
                "SELECT action_no, action, text FROM segment_criteria_action WHERE segment_no = ?", [.text(key)])
        }
        var actions: [Int64: String] = [:]
        for row in rows {
            actions[row.int("action_no")] = describe(row.int("action_no"), row.text("action"), row.text("text"))
        }
        return actions
    }

    /// For each contact the segment's undo journal shows removed by an action after `after`, that action.
    static func removingActions(
        _ key: String, after: Int64, _ connection: any SQLConnection
    ) throws -> [String: String] {
        var removed: [String: String] = [:]
        try connection.forEachRow(
            """
            SELECT r.contact_no, a.action_no, a.action, a.text FROM segment_removed_line r
            JOIN segment_criteria_action a ON a.segment_no = r.segment_no AND a.action_no = r.action_no
            WHERE r.segment_no = ? AND r.action_no > ? ORDER BY r.action_no
            """, [.text(key), .integer(after)]
        ) { row in
            let contact = row.text("contact_no")
            if removed[contact] == nil {
                removed[contact] = describe(row.int("action_no"), row.text("action"), row.text("text"))
            }
        }
        return removed
    }

    static func line(_ row: SQLRow, actions: [Int64: String]) -> SegmentVersionLine {
        var fields = Record()
        for field in SegmentVersion.lineFields { fields[field.name] = row[field.column] }
        let action = row.int("added_by_action_no")
        return SegmentVersionLine(fields: fields, explanation: actions[action] ?? SegmentDiff.addedByHand)
    }

    /// The action's text as the criteria list shows it (`Add Contacts: Contact: No. = P0`), and its number.
    static func describe(_ number: Int64, _ action: String, _ text: String) -> String {
        (text.isEmpty ? CriteriaActionKind(rawValue: action)?.caption ?? action : text) + " (action \(number))"
    }
}
