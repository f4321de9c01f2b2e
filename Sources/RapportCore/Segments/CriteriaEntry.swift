/// One recorded criteria action of a segment or of saved criteria: its number, what it did and the
/// text the criteria list shows.
public struct CriteriaEntry: Sendable, Equatable {
    public var actionNo: Int64
    public var action: CriteriaAction
    public var text: String

    public init(actionNo: Int64, action: CriteriaAction, text: String) {
        self.actionNo = actionNo
        self.action = action
        self.text = text
    }
}

/// Saved criteria: a segment's actions stored under a code to replay on today's data (BC §2.6).
public struct SavedCriteria: Sendable, Equatable {
    public typealias Code = Key<SavedCriteria>

    public var code: SavedCriteria.Code
    public var description: String
    public var userId: String
    public var actions: [CriteriaEntry]

    public init(code: SavedCriteria.Code, description: String, userId: String, actions: [CriteriaEntry]) {
        self.code = code
        self.description = description
        self.userId = userId
        self.actions = actions
    }
}

/// What Add, Reduce or Refine would do, changing nothing: how many lines, a sample of contacts in
/// line order, and for Add how many matching contacts the options leave out and why.
public struct ContactPreview: Sendable, Equatable {
    public var kind: CriteriaActionKind
    /// Lines that would be added (Add) or removed (Reduce, Refine).
    public var count: Int64
    public var sample: [Contact.No]
    public var excludedFromSegment: Int64
    public var alreadyInSegment: Int64

    public init(
        kind: CriteriaActionKind, count: Int64, sample: [Contact.No], excludedFromSegment: Int64 = 0,
        alreadyInSegment: Int64 = 0
    ) {
        self.kind = kind
        self.count = count
        self.sample = sample
        self.excludedFromSegment = excludedFromSegment
        self.alreadyInSegment = alreadyInSegment
    }
}
