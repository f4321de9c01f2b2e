// The enumerations of the contract, spelled as the API spells them. The catalogue lists their raw values
// for the JSON edge and the schema's CHECK constraints; rules compare the typed values.

/// A contact is a company or a person working for one.
public enum ContactType: String, Sendable, CaseIterable {
    case company
    case person
}

/// How an interaction reaches its contact (BC's Correspondence Type).
public enum CorrespondenceType: String, Sendable, CaseIterable {
    case hardCopy
    case email
}

/// Whether an interaction went out to the contact or came in from them.
public enum InformationFlow: String, Sendable, CaseIterable {
    case outbound
    case inbound
}

/// Who started an interaction.
public enum Initiator: String, Sendable, CaseIterable {
    case us
    case them
}

/// How an interaction went (BC's Evaluation).
public enum Evaluation: String, Sendable, CaseIterable {
    case veryPositive
    case positive
    case neutral
    case negative
    case veryNegative
}

/// Where a logged entry's delivery stands.
public enum DeliveryStatus: String, Sendable, CaseIterable {
    case pending
    case sent
    case error
}

extension Record {
    /// An enumeration field as its typed value; nil when blank or not one of its values.
    public func option<Value: RawRepresentable>(_ name: String, as _: Value.Type = Value.self) -> Value?
    where Value.RawValue == String {
        Value(rawValue: text(name))
    }

    /// A date field; nil when blank.
    public func date(_ name: String) -> CalendarDate? {
        CalendarDate(text(name))
    }
}
