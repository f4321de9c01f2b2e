import RapportCore

/// The version every Log freezes is read from the entries that Log wrote, not copied: the entries carry each
/// line's fields (the few they did not already have are written beside them), and the version names its
/// range of entry numbers, contiguous and in line order. Before anything changes a field the version shows on
/// one of those entries (a later evaluation or description, a deletion), the version is copied into
/// `segment_version_line` once, and reads from there from then on, exactly as it was.
enum SegmentVersionEntries {
    /// Every column of `segment_line` after its number, as the entries `e` of a Log keep it.
    static let lineColumns: [(column: String, sql: String)] = SegmentLineSQL.columns.map { column in
        switch column {
        case "language_code": (column, "e.interaction_language_code")
        case "correspondence_type": (column, "COALESCE(e.line_correspondence_type, e.correspondence_type)")
        case "document": (column, "e.line_document")
        default: (column, "e.\(column)")
        }
    }

    /// A version's lines as a subquery `v` with `segment_no`, `line_no`, every line column and `entry_order`
    /// (the order to read them in): from the entries when the version is a Log's range of them, else from
    /// `segment_version_line`.
    static func lines(_ key: String, _ version: Int64, _ connection: any SQLConnection) throws -> SQLFragment {
        let range = try connection.query(
            "SELECT first_entry_no, last_entry_no FROM segment_version WHERE segment_no = ? AND version = ?",
            [.text(key), .integer(version)]
        ).first
        if let first = range?["first_entry_no"].intValue, let last = range?["last_entry_no"].intValue {
            return SQLFragment(
                "(\(entriesQuery) WHERE e.entry_no >= ? AND e.entry_no <= ? AND e.line_no IS NOT NULL) v",
                [.integer(first), .integer(last)])
        }
        return SQLFragment(
            "(SELECT l.*, l.line_no AS entry_order FROM segment_version_line l WHERE l.segment_no = ? AND l.version = ?) v",
            [.text(key), .integer(version)])
    }

    static let entriesQuery =
        "SELECT e.segment_no, e.line_no, "
        + lineColumns.map { "\($0.sql) AS \($0.column)" }.joined(separator: ", ")
        + ", e.entry_no AS entry_order FROM interaction_log_entry e"

    /// Copies into `segment_version_line` every version read from entries among those `selected` returns (a
    /// query of entry numbers), before they change or go. A Log's entries are one range, so the version of an
    /// entry is the one whose range starts last at or before it.
    static func materialise(entries selected: String, _ binds: [SQLValue], _ connection: any SQLConnection) throws {
        let versions = try connection.query(
            """
            SELECT DISTINCT v.segment_no, v.version, v.first_entry_no, v.last_entry_no
            FROM interaction_log_entry e
            JOIN segment_version v ON v.first_entry_no = (SELECT w.first_entry_no FROM segment_version w
              WHERE w.first_entry_no <= e.entry_no ORDER BY w.first_entry_no DESC LIMIT 1)
            WHERE e.entry_no IN (\(selected)) AND e.line_no IS NOT NULL AND e.entry_no <= v.last_entry_no
            """, binds)
        let columns = (["line_no"] + lineColumns.map(\.column)).joined(separator: ", ")
        for version in versions {
            let key: [SQLValue] = [version["segment_no"], version["version"]]
            try connection.execute(
                "INSERT INTO segment_version_line (segment_no, version, \(columns)) SELECT segment_no, ?, \(columns) "
                    + "FROM (\(entriesQuery) WHERE e.entry_no >= ? AND e.entry_no <= ? AND e.line_no IS NOT NULL) v",
                [version["version"], version["first_entry_no"], version["last_entry_no"]])
            try connection.execute(
                "UPDATE segment_version SET first_entry_no = NULL, last_entry_no = NULL WHERE segment_no = ? AND version = ?",
                key)
        }
    }
}
