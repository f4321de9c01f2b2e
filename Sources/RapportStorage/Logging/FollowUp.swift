import RapportCore

/// Follow-up segments (BC §6) and Reuse Segment (BC §2.8): lines for the contacts of a logged segment.
enum FollowUp {
    /// Creates a segment numbered from the series, "Follow-up on segment X", with the logged segment's
    /// campaign (and, with `copyInteraction`, its interaction fields), and one line per entry.
    static func create(
        from entryNo: Int64, copyInteraction: Bool, by user: ActingUser, _ connection: any SQLConnection
    )
        throws -> String
    {
        guard
            let logged = try connection.query("SELECT * FROM logged_segment WHERE entry_no = ?", [.integer(entryNo)])
                .first
        else { throw RapportError.notFound("Logged segment", String(entryNo)) }
        let seriesCode = try connection.scalar("SELECT segment_nos FROM setup WHERE id = 1")?.nonBlankText
        guard seriesCode != nil else {
            throw RapportError.validation(
                "segmentNos", "A follow-up segment takes its number from setup.segmentNos, which is not set.")
        }
        let no = try NumberSeriesIssuer.assign(
            explicit: "", seriesCode: seriesCode, seriesField: "segmentNos", keyField: "no", connection)
        if try connection.exists("SELECT 1 FROM logged_segment WHERE segment_no = ?", [.text(no)]) {
            throw RapportError(.alreadyLogged, "Segment number \(no) has already been logged.", field: "segmentNos")
        }
        let description = String("Follow-up on segment \(logged.text("segment_no"))".prefix(50))
        let copied = copyInteraction ? Catalog.loggedInteractionFields.filter { $0.column != "campaign_no" } : []
        let columns = ["no", "description", "salesperson_code", "date", "campaign_no"] + copied.map(\.column)
        let values: [SQLValue] =
            [
                .text(no), .text(description), user.salespersonCode.map { .text($0) } ?? .null,
                .text(try SegmentHeaderRules.today(connection)), logged["campaign_no"],
            ] + copied.map { logged[$0.column] }
        try connection.execute(
            "INSERT INTO segment_header (\(columns.joined(separator: ", "))) VALUES ("
                + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")", values)
        if copyInteraction, let template = logged["interaction_template_code"].nonBlankText,
            try connection.exists("SELECT 1 FROM interaction_template WHERE code = ?", [.text(template)])
        {
            try connection.execute(
                "UPDATE segment_header SET interaction_group_code = (SELECT interaction_group_code FROM interaction_template WHERE code = ?) WHERE no = ?",
                [.text(template), .text(no)])
        } else if copyInteraction {
            try connection.execute(
                "UPDATE segment_header SET interaction_template_code = NULL WHERE no = ?", [.text(no)])
        }
        if copyInteraction {
            try connection.execute(
                """
                INSERT INTO segment_document (segment_no, docx, sha256)
                SELECT ?, docx, sha256 FROM logged_segment_document WHERE entry_no = ?
                """,
                [.text(no), .integer(entryNo)])
        }
        _ = try addLines(fromLoggedSegment: entryNo, to: no, connection)
        return no
    }

    /// Records an Add action (Allow Existing Contacts, filtered on the logged segment) and adds the lines.
    static func addLines(
        fromLoggedSegment entryNo: Int64, to segmentNo: String, _ connection: any SQLConnection
    )
        throws -> Int
    {
        let filters = try SegmentFilters.parse(["interactions": ["loggedSegmentEntryNo": String(entryNo)]])
        let action = CriteriaAction(kind: .add, options: CriteriaOptions(allowExistingContacts: true), filters: filters)
        let actionNo = try CriteriaJournal.record(action, segmentNo: segmentNo, connection)
        return try connection.execute(
            SegmentLineSQL.insert(segmentNo: segmentNo, actionNo: actionNo, fromLoggedSegment: entryNo))
    }
}
