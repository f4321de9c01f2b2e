/// What may change on an interaction log entry after logging (BC lets Evaluation, Description and the
/// comment lines be edited; everything else is fixed once logged). A nil member is left as it is.
public struct EntryChange: Sendable, Equatable {
    /// `.some(nil)` clears the evaluation.
    public var evaluation: Evaluation??
    public var description: String?
    /// The comment lines, replacing the entry's; an unchanged line keeps its user and date.
    public var comments: [String]?

    public init(evaluation: Evaluation?? = nil, description: String? = nil, comments: [String]? = nil) {
        self.evaluation = evaluation
        self.description = description
        self.comments = comments
    }
}
