import RapportCore

extension SegmentLogger {
    /// The segment's own document stays with the logged segment, with its hash, for follow-ups. The
    /// entries need no copy of their lines' documents: each pinned its own in `document_blob`.
    static func keepDocuments(
        _ segmentNo: String, loggedSegment: Int64, _ connection: any SQLConnection
    ) throws {
        try connection.execute(
            """
            INSERT INTO logged_segment_document (entry_no, docx, sha256)
            SELECT ?, docx, sha256 FROM segment_document WHERE segment_no = ?
            """, [.integer(loggedSegment), .text(segmentNo)])
    }
}

extension SegmentLogger {
    /// Removes the logged worksheet. Its lines go first, in one statement of their own: deleted through the
    /// header's cascade, each line would cost a foreign-key action, twice the time of the plain delete.
    static func deleteWorksheet(_ segmentNo: String, _ connection: any SQLConnection) throws {
        try connection.execute("DELETE FROM segment_line_document WHERE segment_no = ?", [.text(segmentNo)])
        try connection.execute("DELETE FROM segment_line WHERE segment_no = ?", [.text(segmentNo)])
        try connection.execute("DELETE FROM segment_header WHERE no = ?", [.text(segmentNo)])
    }
}
