import RapportCore

/// The worksheet a Log deletes, kept at Log and put back by a rollback, set-based both ways: a few
/// `INSERT ... SELECT` statements whatever the segment's size. The lines and criteria actions are the
/// version Log froze (its entries or `segment_version_line`, and `segment_version_action`, hold every
/// column); the header row,
/// the undo journal and the personalised line documents are kept in the tables of migration 0013; the
/// segment's own document is in `logged_segment_document` already.
enum LogRollbackSQL {
    /// Every column of `segment_header`, as `logged_segment_header` keeps them (a schema test holds the two
    /// equal, so a column added to the header must be added to the kept copy too).
    package static let headerColumns = [
        "no", "description", "salesperson_code", "date", "interaction_template_code", "interaction_group_code",
        "language_code_default", "subject_default", "correspondence_type_default",
        "ignore_contact_correspondence_type", "information_flow", "initiated_by", "unit_cost", "unit_duration",
        "send_word_docs_as_attachment", "campaign_no", "campaign_target", "campaign_response", "kind",
        "freshness_seconds", "last_refreshed_at", "last_refresh_ms", "next_refresh_at", "refreshed_change_no",
    ]

    /// The header's counters of its lines (PostgreSQL's migration 0026), not kept: the header comes back with
    /// none, and the lines put back after it count themselves in again.
    package static let headerCounters = ["no_of_lines", "cost_total", "duration_total"]

    /// The columns of the undo journal after its segment number.
    static let journalColumns = (["action_no", "line_no"] + SegmentLineSQL.columns).joined(separator: ", ")

    /// The criteria action columns after the segment number, the same in the worksheet and a version.
    static let actionColumns = [
        "action_no", "action", "allow_existing_contacts", "expand_companies", "allow_related_companies",
        "ignore_exclusion", "entire_companies", "filters", "text",
    ].joined(separator: ", ")

    /// Keeps, in Log's transaction and before the header goes, what nothing else keeps of worksheet `key`.
    static func keep(
        _ key: String, loggedSegment entryNo: Int64, version: Int64, _ connection: any SQLConnection
    ) throws {
        let header = headerColumns.joined(separator: ", ")
        try connection.execute(
            "INSERT INTO logged_segment_header (entry_no, version, \(header)) "
                + "SELECT ?, ?, \(header) FROM segment_header WHERE no = ?",
            [.integer(entryNo), .integer(version), .text(key)])
        try connection.execute(
            "INSERT INTO logged_segment_removed_line (entry_no, \(journalColumns)) "
                + "SELECT ?, \(journalColumns) FROM segment_removed_line WHERE segment_no = ?",
            [.integer(entryNo), .text(key)])
        try connection.execute(
            "INSERT INTO logged_segment_line_document (entry_no, line_no, docx, sha256) "
                + "SELECT ?, line_no, docx, sha256 FROM segment_line_document WHERE segment_no = ?",
            [.integer(entryNo), .text(key)])
    }

    /// Puts worksheet `key` back as logged segment `entryNo` kept it: header, lines with their numbers and
    /// fields, criteria actions, undo journal, the segment's and the lines' documents. Called before the run's
    /// entries go: the version Log froze may be read from them.
    static func restore(
        _ key: String, loggedSegment entryNo: Int64, version: Int64, _ connection: any SQLConnection
    ) throws {
        let header = headerColumns.joined(separator: ", ")
        let logged: [SQLValue] = [.integer(entryNo)]
        let frozen: [SQLValue] = [.text(key), .integer(version)]
        try connection.execute(
            "INSERT INTO segment_header (\(header)) SELECT \(header) FROM logged_segment_header WHERE entry_no = ?",
            logged)
        let lines = (["line_no"] + SegmentLineSQL.columns).joined(separator: ", ")
        let source = try SegmentVersionEntries.lines(key, version, connection)
        try connection.execute(
            "INSERT INTO segment_line (segment_no, \(lines)) SELECT segment_no, \(lines) FROM \(source.sql)",
            source.binds)
        try connection.execute(
            "INSERT INTO segment_criteria_action (segment_no, \(actionColumns)) SELECT segment_no, \(actionColumns) "
                + "FROM segment_version_action WHERE segment_no = ? AND version = ?", frozen)
        try connection.execute(
            "INSERT INTO segment_removed_line (segment_no, \(journalColumns)) SELECT ?, \(journalColumns) "
                + "FROM logged_segment_removed_line WHERE entry_no = ?", [.text(key), .integer(entryNo)])
        try connection.execute(
            "INSERT INTO segment_document (segment_no, docx, sha256) SELECT ?, docx, sha256 "
                + "FROM logged_segment_document WHERE entry_no = ?", [.text(key), .integer(entryNo)])
        try connection.execute(
            "INSERT INTO segment_line_document (segment_no, line_no, docx, sha256) SELECT ?, line_no, docx, sha256 "
                + "FROM logged_segment_line_document WHERE entry_no = ?", [.text(key), .integer(entryNo)])
    }

    /// An entry delivered, or claimed by a worker that may be sending it right now (over entries `e`).
    static let delivered =
        "(e.delivery_status = 'sent' OR (e.delivery_status = 'pending' AND e.delivery_claimed_by IS NOT NULL))"

    /// An entry whose delivery is still to be made: waiting in the queue, or failed and waiting to be resent.
    static let undelivered =
        "((e.delivery_status = 'pending' AND e.delivery_claimed_by IS NULL) OR e.delivery_status = 'error')"
}
