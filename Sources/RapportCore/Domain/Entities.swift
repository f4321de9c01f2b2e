// The records of the domain that use cases name by key. Each is a namespace for its key type until it
// carries fields of its own; master data with no rules of its own stays a `Record` described by `Catalog`.

/// A contact: a company or a person.
public enum Contact {
    public typealias No = Key<Contact>
}

/// A segment worksheet header.
public enum Segment {
    public typealias No = Key<Segment>
}

/// A line of a segment.
public enum SegmentLine {
    public typealias No = Number<SegmentLine>
}

/// A logged segment (its entry number).
public enum LoggedSegment {
    public typealias EntryNo = Number<LoggedSegment>
}

/// An interaction log entry.
public enum InteractionLogEntry {
    public typealias EntryNo = Number<InteractionLogEntry>
}

/// An interaction template.
public enum InteractionTemplate {
    public typealias Code = Key<InteractionTemplate>
}

/// A language.
public enum Language {
    public typealias Code = Key<Language>
}

/// A mailing group.
public enum MailingGroup {
    public typealias Code = Key<MailingGroup>
}

/// A user of the API and web UI.
public enum User {
    public typealias ID = Key<User>
}
