import RapportCore

/// A segment's kind and freshness target: a dynamic segment refreshes at least every `freshnessSeconds`
/// (300 unless told), a static one has no target.
enum SegmentKindRules {
    static let defaultFreshness: Int64 = 300
    static let minimumFreshness: Int64 = 10

    /// Fills a dynamic segment's missing target, and clears the target of a segment made static without one sent.
    static func settle(_ record: inout Record, patch: Record) {
        let sentFreshness = patch.scalars["freshnessSeconds"] != nil
        if record.text("kind") == "dynamic", record["freshnessSeconds"] == .null {
            record["freshnessSeconds"] = .integer(defaultFreshness)
        }
        if record.text("kind") != "dynamic", !sentFreshness {
            record["freshnessSeconds"] = .null
        }
    }

    static func check(_ record: Record) throws {
        let freshness = record["freshnessSeconds"]
        if record.text("kind") == "dynamic" {
            guard let seconds = freshness.intValue, seconds >= minimumFreshness else {
                throw RapportError.validation(
                    "freshnessSeconds", "freshnessSeconds must be at least \(minimumFreshness) for a dynamic segment.")
            }
        } else if freshness != .null {
            throw RapportError.validation("freshnessSeconds", "freshnessSeconds applies only to a dynamic segment.")
        }
    }

    /// A segment that changes kind starts over: made dynamic, it is rebuilt in full at its first refresh, due now.
    static func kindChanged(_ key: String, _ connection: any SQLConnection) throws {
        try connection.execute(
            "UPDATE segment_header SET refreshed_change_no = 0, next_refresh_at = NULL WHERE no = ?", [.text(key)])
    }

    /// Criteria actions other than manual lines (Add, Reduce, Refine, reuse, Go Back) change the lines by their
    /// own rules; a dynamic segment is rebuilt in full at its next refresh, due now, so its lines follow the new
    /// criteria for every contact. A manual line is consistent with its pin already.
    static func criteriaChanged(_ key: String, _ connection: any SQLConnection) throws {
        try connection.execute(
            "UPDATE segment_header SET refreshed_change_no = 0, next_refresh_at = NULL WHERE no = ? AND kind = 'dynamic'",
            [.text(key)])
    }
}
