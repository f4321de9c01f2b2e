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
