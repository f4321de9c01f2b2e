import RapportCore

/// After logging (BC §5.3, §6): logged segments and their entries, cancel, delete canceled,
/// follow-up segments and Reuse Segment.
public struct LoggedSegmentService: Sendable {
    let store: Store
    public let loggedSegments: ResourceService
    public let entries: ResourceService
    public let campaignEntries: ResourceService

    public init(store: Store) {
        self.store = store
        self.loggedSegments = ResourceService(Catalog.loggedSegments, store: store)
        self.entries = ResourceService(Catalog.interactionLogEntries, store: store)
        self.campaignEntries = ResourceService(Catalog.campaignEntries, store: store)
    }

    /// Cancels or un-cancels a logged segment; its entries and campaign entries follow.
    public func cancel(
        _ entryNo: LoggedSegment.EntryNo, canceled: Bool, by user: ActingUser
    ) async throws(RapportError) -> Record {
        let number = entryNo.value
        let table = ResourceTable(Catalog.loggedSegments)
        return try await store.write("cancel logged segment") { connection in
            let flag = SQLValue.integer(canceled ? 1 : 0)
            let was = try connection.scalar(
                "SELECT canceled FROM logged_segment WHERE entry_no = ?", [.integer(number)])
            let changed = try connection.execute(
                "UPDATE logged_segment SET canceled = ? WHERE entry_no = ?", [flag, .integer(number)])
            guard changed > 0 else { throw RapportError.notFound("Logged segment", String(number)) }
            try Self.auditCancel(
                Catalog.loggedSegments.path, number, was: was, canceled: canceled, by: user, connection)
            let entries = SQLFragment("e.logged_segment_entry_no = ?", [.integer(number)])
            try LogCounters.retract(entries, connection)
            try connection.execute(
                "UPDATE interaction_log_entry SET canceled = ? WHERE logged_segment_entry_no = ?",
                [flag, .integer(number)])
            try LogCounters.add(entries, connection)
            try connection.execute(
                "UPDATE campaign_entry SET canceled = ? WHERE register_no = ?", [flag, .integer(number)])
            return try ResourceService.reread(String(number), table, connection)
        }
    }

    /// Cancels or un-cancels one entry; un-cancelling needs its logged segment and campaign entry un-canceled.
    public func cancelEntry(
        _ entryNo: InteractionLogEntry.EntryNo, canceled: Bool, by user: ActingUser
    ) async throws(RapportError) -> Record {
        let number = entryNo.value
        let table = ResourceTable(Catalog.interactionLogEntries)
        return try await store.write("cancel interaction log entry") { connection in
            guard
                let entry = try connection.query(
                    """
                    SELECT e.entry_no, e.canceled, l.canceled AS segment_canceled, c.canceled AS campaign_canceled
                    FROM interaction_log_entry e
                    LEFT JOIN logged_segment l ON l.entry_no = e.logged_segment_entry_no
                    LEFT JOIN campaign_entry c ON c.entry_no = e.campaign_entry_no
                    WHERE e.entry_no = ?
                    """, [.integer(number)]
                ).first
            else { throw RapportError.notFound("Interaction log entry", String(number)) }
            if !canceled, entry.bool("segment_canceled") {
                throw RapportError(
                    .conflict, "Entry \(number) belongs to a canceled logged segment; un-cancel the logged segment.",
                    field: "canceled")
            }
            if !canceled, entry.bool("campaign_canceled") {
                throw RapportError(.conflict, "Entry \(number) has a canceled campaign entry.", field: "canceled")
            }
            let counted = SQLFragment("e.entry_no = ?", [.integer(number)])
            try LogCounters.retract(counted, connection)
            try connection.execute(
                "UPDATE interaction_log_entry SET canceled = ? WHERE entry_no = ?",
                [.integer(canceled ? 1 : 0), .integer(number)])
            try LogCounters.add(counted, connection)
            try Self.auditCancel(
                Catalog.interactionLogEntries.path, number, was: entry["canceled"], canceled: canceled, by: user,
                connection)
            return try ResourceService.reread(String(number), table, connection)
        }
    }

    /// Deletes the canceled logged segments; their entries and campaign entries stay, unlinked (BC §5.3).
    public func deleteCanceled(by user: ActingUser) async throws(RapportError) -> Int {
        let table = ResourceTable(Catalog.loggedSegments)
        return try await store.write("delete canceled logged segments") { connection in
            let canceled = "SELECT entry_no FROM logged_segment WHERE canceled = 1"
            // One entry per deleted logged segment, with what it was (read before its entries are unlinked).
            let deleted = try table.list(
                where: [SQLFragment("t.canceled = 1", [])], afterKey: nil, limit: Int(Int32.max), connection)
            for segment in deleted {
                try AuditTrail.record(
                    .delete, Catalog.loggedSegments, key: table.keyText(segment), old: segment, new: nil, by: user,
                    connection)
            }
            // Unlinking changes no day total (the canceled entries count in none), and the logged segments'
            // own counters go with them.
            try connection.execute(
                "UPDATE interaction_log_entry SET logged_segment_entry_no = NULL WHERE logged_segment_entry_no IN (\(canceled))",
                [])
            try connection.execute(
                "UPDATE campaign_entry SET register_no = NULL WHERE register_no IN (\(canceled))", [])
            return try connection.execute("DELETE FROM logged_segment WHERE canceled = 1", [])
        }
    }

    /// Records a cancel (or un-cancel: an update) of logged data; setting the value it had changes nothing.
    static func auditCancel(
        _ resource: String, _ entryNo: Int64, was: SQLValue?, canceled: Bool, by user: ActingUser,
        _ connection: any SQLConnection
    ) throws {
        let before = was?.intValue == 1
        guard before != canceled else { return }
        try AuditTrail.record(
            canceled ? .cancel : .update, resource, key: String(entryNo),
            changes: [AuditChange("canceled", old: .bool(before), new: .bool(canceled))], by: user, connection)
    }

    /// A new segment with the contacts of a logged segment ("Follow-up on segment X").
    public func followUp(
        _ entryNo: LoggedSegment.EntryNo, copyInteraction: Bool, by user: ActingUser
    ) async throws(RapportError) -> Record {
        let number = entryNo.value
        let table = ResourceTable(Catalog.segments)
        return try await store.write("create follow-up segment") { connection in
            let no = try FollowUp.create(from: number, copyInteraction: copyInteraction, by: user, connection)
            return try ResourceService.reread(no, table, connection)
        }
    }

    /// Reuse Segment (BC §2.8): adds a line per entry of a logged segment, each keeping its campaign.
    /// `confirm` answers BC's question when the segment already has criteria actions.
    public func reuse(
        _ loggedSegment: LoggedSegment.EntryNo, on segmentNo: Segment.No, confirm: Bool
    ) async throws(RapportError) -> SegmentCriteriaService.Outcome {
        let entry = loggedSegment.value
        return try await store.write("reuse logged segment") { connection in
            let key = try SegmentService.requireSegment(segmentNo, connection)
            try SavedCriteriaService.requireConfirmation(
                key, confirm: confirm, what: "reuse a logged segment", connection)
            guard try connection.exists("SELECT 1 FROM logged_segment WHERE entry_no = ?", [.integer(entry)]) else {
                throw RapportError.validation("loggedSegmentEntryNo", "Logged segment \(entry) does not exist.")
            }
            var outcome = SegmentCriteriaService.Outcome()
            outcome.linesAdded = try FollowUp.addLines(fromLoggedSegment: entry, to: key, connection)
            try SegmentCriteriaService.fillTotals(&outcome, segmentNo: key, connection)
            return outcome
        }
    }

    /// The newest logged segments, for a choice list: no counts, so it stays instant over millions of
    /// entries (the full list computes each segment's interactions and deliveries).
    public func recent(
        limit: Int
    ) async throws(RapportError) -> [RecentLoggedSegment] {
        try await store.read { connection in
            try connection.query(
                "SELECT entry_no, segment_no, description FROM logged_segment ORDER BY entry_no DESC LIMIT ?",
                [.integer(Int64(limit))]
            ).map {
                RecentLoggedSegment(
                    entryNo: LoggedSegment.EntryNo($0.int("entry_no")), segmentNo: Segment.No($0.text("segment_no")),
                    description: $0.text("description"))
            }
        }
    }
}

/// A logged segment as a choice list shows it.
public struct RecentLoggedSegment: Sendable, Equatable {
    public var entryNo: LoggedSegment.EntryNo
    public var segmentNo: Segment.No
    public var description: String
}
