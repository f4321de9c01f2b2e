/// How a write treats the fields it was not sent.
public enum RecordChange: Sendable, Equatable {
    /// PUT: `record` holds every writable field; absent ones were given their defaults by the caller.
    case replace(Record)
    /// PATCH: `record` holds only the fields sent; the others keep their stored values.
    case patch(Record)

    /// The same change with its record transformed (slow preparation before a write transaction).
    public func preparing(
        _ prepare: (Record) async throws(RapportError) -> Record
    ) async throws(RapportError) -> RecordChange {
        switch self {
        case .replace(let record): .replace(try await prepare(record))
        case .patch(let record): .patch(try await prepare(record))
        }
    }

    /// The record as it will be written over `existing`.
    public func applied(to existing: Record) -> Record {
        switch self {
        case .replace(let record): existing.applying(record)
        case .patch(let record): existing.applying(record)
        }
    }
}

/// A record to create, or to patch when its key already exists (master-data files, seeding):
/// `complete` has defaults for what was not sent, `sent` only what was.
public struct RecordUpsert: Sendable, Equatable {
    public var complete: Record
    public var sent: Record

    public init(complete: Record, sent: Record) {
        self.complete = complete
        self.sent = sent
    }
}

extension Record {
    /// This record with every value of `other` laid over it: what `other` holds wins.
    public func applying(_ other: Record) -> Record {
        var merged = self
        merged.scalars.merge(other.scalars) { _, new in new }
        merged.lists.merge(other.lists) { _, new in new }
        merged.children.merge(other.children) { _, new in new }
        return merged
    }
}

extension Record {
    /// Every writable field at its default: what a create starts from before the fields sent.
    public init(defaultsOf fields: [FieldSpec]) {
        self.init()
        for field in fields where field.isWritable {
            switch field.kind {
            case .codeList: lists[field.name] = []
            case .children: children[field.name] = []
            default: self[field.name] = field.defaultValue
            }
        }
    }
}
