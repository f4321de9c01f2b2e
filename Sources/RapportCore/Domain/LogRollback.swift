/// Rolling back a logging run: what it would undo, and what it did.
public enum LogRollback {
    /// What rolling back a logged segment would undo, changing nothing.
    public struct Preview: Sendable, Equatable {
        /// The segment that comes back.
        public var segmentNo: Segment.No
        /// The run's interaction log entries.
        public var entries: Int64
        /// The run's campaign entries.
        public var campaignEntries: Int64
        /// Entries whose delivery has not been made (pending, or failed): dropped with their entries.
        public var deliveriesQueued: Int64
        /// Entries delivered, or being delivered right now: only an explicit `includeDelivered` touches
        /// them, and it cancels them rather than deleting them.
        public var deliveriesSent: Int64
        /// Frozen source documents that no other entry uses: they go with the run.
        public var documents: Int64
        /// The follow-up segment the Log created, still on the worksheet: it goes with the run.
        public var followUpSegmentNo: Segment.No?

        public init(
            segmentNo: Segment.No, entries: Int64, campaignEntries: Int64, deliveriesQueued: Int64,
            deliveriesSent: Int64, documents: Int64, followUpSegmentNo: Segment.No? = nil
        ) {
            self.followUpSegmentNo = followUpSegmentNo
            self.segmentNo = segmentNo
            self.entries = entries
            self.campaignEntries = campaignEntries
            self.deliveriesQueued = deliveriesQueued
            self.deliveriesSent = deliveriesSent
            self.documents = documents
        }
    }

    /// What a rollback did.
    public struct Outcome: Sendable, Equatable {
        /// The segment, back on the worksheet.
        public var segmentNo: Segment.No
        public var entriesDeleted: Int64
        /// Delivered entries kept, canceled and unlinked from the (gone) logged segment.
        public var entriesCanceled: Int64
        public var campaignEntriesDeleted: Int64
        /// Deliveries that were waiting (pending or failed) and will never be made.
        public var deliveriesDropped: Int64
        /// The follow-up segment the Log had created, deleted with the run.
        public var followUpSegmentDeleted: Segment.No?

        public init(
            segmentNo: Segment.No, entriesDeleted: Int64, entriesCanceled: Int64, campaignEntriesDeleted: Int64,
            deliveriesDropped: Int64, followUpSegmentDeleted: Segment.No? = nil
        ) {
            self.followUpSegmentDeleted = followUpSegmentDeleted
            self.segmentNo = segmentNo
            self.entriesDeleted = entriesDeleted
            self.entriesCanceled = entriesCanceled
            self.campaignEntriesDeleted = campaignEntriesDeleted
            self.deliveriesDropped = deliveriesDropped
        }
    }
}
