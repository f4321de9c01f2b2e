import RapportCore

extension ActivityFigures {
    /// Interactions per week, twice: by template and by correspondence type.
    public struct WeeklyInteractions: Sendable, Equatable {
        /// `key` is the template code ("" for none).
        public var byTemplate: [WeekCount]
        /// `key` is `hardCopy`, `email` or "" (none).
        public var byCorrespondenceType: [WeekCount]
    }

    /// The interactions of one week (starting on its Monday) for one key, ordered by week then key.
    public struct WeekCount: Sendable, Equatable {
        /// `YYYY-MM-DD`, a Monday.
        public var weekStart: String
        public var key: String
        public var count: Int64

        public init(weekStart: String, key: String, count: Int64) {
            self.weekStart = weekStart
            self.key = key
            self.count = count
        }
    }

    /// One campaign's interactions, cost and duration.
    public struct CampaignFigures: Sendable, Equatable {
        public var campaignNo: String
        public var description: String
        public var noOfInteractions: Int64
        public var cost: Double
        public var duration: Double
    }

    /// One logged segment and how its deliveries are going. Entries logged without sending have no
    /// delivery state and count only in `noOfInteractions`.
    public struct RunProgress: Sendable, Equatable {
        public var entryNo: LoggedSegment.EntryNo
        public var segmentNo: String
        public var description: String
        public var date: String
        public var isCanceled: Bool
        public var noOfInteractions: Int64
        public var sent: Int64
        public var pending: Int64
        public var failed: Int64
    }

    /// A segment being worked on.
    public struct SegmentInProgress: Sendable, Equatable {
        public var no: Segment.No
        public var description: String
        public var templateCode: String
        public var noOfLines: Int64
        /// The text of the last criteria action (`Add Contacts: City = Leeds`), nil before the first.
        public var lastAction: String?
    }
}
