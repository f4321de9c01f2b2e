import Foundation
import RapportCore

/// Rollback of a logging run (a Rapport feature BC lacks): one transaction takes a logged segment's entries,
/// campaign entries, the frozen documents only they used and their queued deliveries away, and puts the
/// segment back on the worksheet as it was when it was logged. Entries already delivered are refused (409),
/// or, with `includeDelivered`, kept as a record: canceled, not deleted. The rollback is recorded in the
/// audit trail (who, when, counts).
public struct LogRollbackService: Sendable {
    let store: Store
    let clock: @Sendable () -> Date

    public init(store: Store, clock: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.clock = clock
    }

    /// What rolling back would undo, changing nothing; 409 when the run cannot be rolled back at all.
    public func preview(_ entryNo: LoggedSegment.EntryNo) async throws(RapportError) -> LogRollback.Preview {
        try await store.read { connection in
            let run = try Self.requireRun(entryNo.value, connection)
            return try Self.preview(entryNo.value, segmentNo: run.segmentNo, connection)
        }
    }

    /// Rolls the run back; see the type's summary.
    public func rollBack(
        _ entryNo: LoggedSegment.EntryNo, includeDelivered: Bool, by user: ActingUser
    ) async throws(RapportError) -> LogRollback.Outcome {
        let number = entryNo.value
        let now = clock()
        let time = StoredTime.text(now)
        return try await store.write("roll back log") { connection in
            let run = try Self.requireRun(number, connection)
            let before = try Self.preview(number, segmentNo: run.segmentNo, connection)
            if before.deliveriesSent > 0, !includeDelivered {
                throw RapportError(
                    .conflict,
                    "\(before.deliveriesSent) entries of logged segment \(number) were delivered (or are being "
                        + "delivered); roll back with includeDelivered to cancel them and undo the rest.",
                    field: "includeDelivered")
            }
            // The worksheet comes back first, while the entries its version may be read from are all there;
            // then the version Log froze goes (the segment is as if it had never been logged), so the entries
            // can go without copying it.
            try LogRollbackSQL.restore(run.segmentNo, loggedSegment: number, version: run.version, connection)
            try connection.execute(
                "DELETE FROM segment_version WHERE segment_no = ? AND version = ?",
                [.text(run.segmentNo), .integer(run.version)])
            let stamp: [SQLValue] = [.text(user.userId), .text(time)]
            // Canceled and unlinked, the delivered entries count nowhere afterwards: taking them out is all.
            try LogCounters.retract(
                SQLFragment("e.logged_segment_entry_no = ? AND \(LogRollbackSQL.delivered)", [.integer(number)]),
                connection)
            // Delivered entries stay as the record of what went out: canceled, and unlinked from the logged
            // segment, which goes (a segment number is logged once, and the segment comes back).
            let canceled = try connection.execute(
                """
                UPDATE interaction_log_entry SET canceled = 1, logged_segment_entry_no = NULL, modified_by = ?,
                  modified_at = ?
                WHERE entry_no IN (SELECT e.entry_no FROM interaction_log_entry e
                  WHERE e.logged_segment_entry_no = ? AND \(LogRollbackSQL.delivered))
                """, stamp + [.integer(number)])
            let deleted = try InteractionLogUpkeep.deleteEntries(
                where: "SELECT entry_no FROM interaction_log_entry WHERE logged_segment_entry_no = ?",
                [.integer(number)], connection)
            let campaignEntriesDeleted = try connection.execute(
                """
                DELETE FROM campaign_entry WHERE register_no = ?
                  AND NOT EXISTS (SELECT 1 FROM interaction_log_entry e WHERE e.campaign_entry_no = campaign_entry.entry_no)
                """, [.integer(number)])
            // A campaign entry a kept (delivered) entry still points at is canceled with it.
            try connection.execute(
                "UPDATE campaign_entry SET canceled = 1, register_no = NULL, modified_by = ?, modified_at = ? "
                    + "WHERE register_no = ?", stamp + [.integer(number)])
            // The preview above read it in this transaction; nothing since changed it.
            let followUp = before.followUpSegmentNo
            if let followUp { try SegmentService.deleteWorksheet(followUp.text, connection) }
            // The kept header, journal and documents go with the logged segment (ON DELETE CASCADE).
            try connection.execute("DELETE FROM logged_segment WHERE entry_no = ?", [.integer(number)])
            let outcome = LogRollback.Outcome(
                segmentNo: Segment.No(run.segmentNo), entriesDeleted: Int64(deleted), entriesCanceled: Int64(canceled),
                campaignEntriesDeleted: Int64(campaignEntriesDeleted),
                deliveriesDropped: before.deliveriesQueued, followUpSegmentDeleted: followUp)
            try Self.record(number, outcome, includeDelivered: includeDelivered, by: user, at: now, connection)
            return outcome
        }
    }

    // MARK: - Inside a transaction

    struct Run {
        var segmentNo: String
        /// The segment version Log froze: it holds the lines and criteria actions to restore.
        var version: Int64
    }

    /// The run of logged segment `number`, or 404; 409 when it cannot be rolled back.
    static func requireRun(_ number: Int64, _ connection: any SQLConnection) throws -> Run {
        guard
            let row = try connection.query(
                """
                SELECT l.segment_no, k.version, k.entry_no AS kept FROM logged_segment l
                LEFT JOIN logged_segment_header k ON k.entry_no = l.entry_no WHERE l.entry_no = ?
                """, [.integer(number)]
            ).first
        else { throw RapportError.notFound("Logged segment", String(number)) }
        let run = Run(segmentNo: row.text("segment_no"), version: row.int("version"))
        guard row["kept"] != .null else {
            throw RapportError(
                .conflict,
                "Logged segment \(number) was logged before Rapport kept what a rollback needs; cancel it instead.")
        }
        guard
            try connection.exists(
                "SELECT 1 FROM segment_version WHERE segment_no = ? AND version = ?",
                [.text(run.segmentNo), .integer(run.version)])
        else {
            throw RapportError(
                .conflict, "The version of segment \(run.segmentNo) that logged segment \(number) froze is gone.")
        }
        if try connection.exists("SELECT 1 FROM segment_header WHERE no = ?", [.text(run.segmentNo)]) {
            throw RapportError(.conflict, "A segment \(run.segmentNo) exists again; it cannot come back twice.")
        }
        return run
    }

    static func preview(
        _ number: Int64, segmentNo: String, _ connection: any SQLConnection
    ) throws -> LogRollback.Preview {
        let entries = try connection.query(
            """
            SELECT COUNT(*) AS entries,
              COALESCE(SUM(CASE WHEN \(LogRollbackSQL.undelivered) THEN 1 ELSE 0 END), 0) AS queued,
              COALESCE(SUM(CASE WHEN \(LogRollbackSQL.delivered) THEN 1 ELSE 0 END), 0) AS sent
            FROM interaction_log_entry e WHERE e.logged_segment_entry_no = ?
            """, [.integer(number)]
        ).first
        let documents = try connection.scalar(
            """
            SELECT COUNT(DISTINCT e.document_sha256) FROM interaction_log_entry e
            WHERE e.logged_segment_entry_no = ? AND e.document_sha256 IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM interaction_log_entry o WHERE o.document_sha256 = e.document_sha256
                AND (o.logged_segment_entry_no IS NULL OR o.logged_segment_entry_no <> ?))
            """, [.integer(number), .integer(number)])
        let campaignEntries = try connection.scalar(
            "SELECT COUNT(*) FROM campaign_entry WHERE register_no = ?", [.integer(number)])
        return LogRollback.Preview(
            segmentNo: Segment.No(segmentNo), entries: entries?.int("entries") ?? 0,
            campaignEntries: campaignEntries?.intValue ?? 0, deliveriesQueued: entries?.int("queued") ?? 0,
            deliveriesSent: entries?.int("sent") ?? 0, documents: documents?.intValue ?? 0,
            followUpSegmentNo: try followUpWorksheet(number, connection).map { Segment.No($0) })
    }

    /// One audit entry for the whole rollback (a delete of the logged segment), with its counts.
    static func record(
        _ number: Int64, _ outcome: LogRollback.Outcome, includeDelivered: Bool, by user: ActingUser, at now: Date,
        _ connection: any SQLConnection
    ) throws {
        try AuditTrail.record(
            .delete, Catalog.loggedSegments.path, key: String(number),
            changes: [
                AuditChange("rolledBack", old: .bool(false), new: .bool(true)),
                AuditChange("segmentNo", old: .text(outcome.segmentNo.text), new: .null),
                AuditChange("includeDelivered", old: .null, new: .bool(includeDelivered)),
                AuditChange("entriesDeleted", old: .null, new: .integer(outcome.entriesDeleted)),
                AuditChange("entriesCanceled", old: .null, new: .integer(outcome.entriesCanceled)),
                AuditChange("campaignEntriesDeleted", old: .null, new: .integer(outcome.campaignEntriesDeleted)),
                AuditChange("deliveriesDropped", old: .null, new: .integer(outcome.deliveriesDropped)),
                AuditChange(
                    "followUpSegmentDeleted", old: .null,
                    new: outcome.followUpSegmentDeleted.map { .text($0.text) } ?? .null),
            ], by: user, connection, at: now)
    }
}
