import RapportCore

extension SegmentLogger {
    /// The segment's own document stays with the logged segment (for follow-ups), and each personalised
    /// line document with its entry (for delivery): entries are numbered in line order from `firstEntry` + 1.
    static func keepDocuments(
        _ segmentNo: String, loggedSegment: Int64, firstEntry: Int64, _ connection: any SQLConnection
    ) throws {
        try connection.execute(
            "INSERT INTO logged_segment_document (entry_no, docx) SELECT ?, docx FROM segment_document WHERE segment_no = ?",
            [.integer(loggedSegment), .text(segmentNo)])
        try connection.execute(
            """
            INSERT INTO entry_template_document (entry_no, docx)
            SELECT x.entry_no, d.docx
            FROM (SELECT ? + ROW_NUMBER() OVER (ORDER BY l.line_no) AS entry_no, l.line_no
                  FROM segment_line l WHERE l.segment_no = ?) x
            JOIN segment_line_document d ON d.segment_no = ? AND d.line_no = x.line_no
            """, [.integer(firstEntry), .text(segmentNo), .text(segmentNo)])
    }
}
