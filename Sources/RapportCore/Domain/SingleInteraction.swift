/// One interaction with one contact, recorded on its own (BC's Create Interaction): the template, the
/// line fields that may override it (the same names as a segment line's), and what only an entry has.
public struct SingleInteraction: Sendable, Equatable {
    public var templateCode: InteractionTemplate.Code
    /// Overrides by segment-line field name: description, date, subject, correspondenceType, languageCode,
    /// cost, duration, evaluation, salespersonCode, campaignNo.
    public var fields: Record
    /// Nil is now, in the configured time zone.
    public var timeOfInteraction: TimeOfDay?
    public var attemptFailed: Bool
    /// The phone number or e-mail address used; nil takes the contact's for the correspondence.
    public var contactVia: String?
    public var comments: [String]
    /// Deliver it (a letter or an e-mail) like a logged segment's entries.
    public var send: Bool

    public init(
        templateCode: InteractionTemplate.Code, fields: Record = Record(), timeOfInteraction: TimeOfDay? = nil,
        attemptFailed: Bool = false, contactVia: String? = nil, comments: [String] = [], send: Bool = false
    ) {
        self.templateCode = templateCode
        self.fields = fields
        self.timeOfInteraction = timeOfInteraction
        self.attemptFailed = attemptFailed
        self.contactVia = contactVia
        self.comments = comments
        self.send = send
    }

    /// The line fields a single interaction may set, as the API names them.
    public static let overridableFields = [
        "description", "date", "subject", "correspondenceType", "languageCode", "cost", "duration", "evaluation",
        "salespersonCode", "campaignNo",
    ]
}

/// A phone call just made (BC's Make Phone Call), recorded on setup's phone-call template.
public struct PhoneCall: Sendable, Equatable {
    public var description: String?
    public var evaluation: Evaluation?
    public var attemptFailed: Bool
    /// The number dialled; nil takes the contact's phone number (else mobile).
    public var contactVia: String?
    public var comments: [String]

    public init(
        description: String? = nil, evaluation: Evaluation? = nil, attemptFailed: Bool = false,
        contactVia: String? = nil, comments: [String] = []
    ) {
        self.description = description
        self.evaluation = evaluation
        self.attemptFailed = attemptFailed
        self.contactVia = contactVia
        self.comments = comments
    }
}
