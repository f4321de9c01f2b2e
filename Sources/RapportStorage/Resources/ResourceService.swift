import RapportCore

/// The use cases of one master-data resource: list, get, create, replace, patch, delete.
/// Each write is one transaction; each answer is the record as stored, read back after the write.
public struct ResourceService: Sendable {
    public let spec: ResourceSpec
    let table: ResourceTable
    let rules: any ResourceRules
    let store: Store

    /// A resource with no rules of its own (`standard(_:store:)` picks the rules a resource has).
    public init(_ spec: ResourceSpec, store: Store) {
        self.init(spec, rules: NoRules(), store: store)
    }

    package init(_ spec: ResourceSpec, rules: any ResourceRules, store: Store) {
        self.spec = spec
        self.table = ResourceTable(spec)
        self.rules = rules
        self.store = store
    }

    public func list(_ query: ListQuery) async throws(RapportError) -> Page<Record> {
        let conditions = try ResourceFilter.conditions(query.filters, spec: spec, dialect: store.dialect)
        let table = self.table
        return try await store.read { connection in
            try Self.page(table, where: conditions, afterKey: query.afterKey, limit: query.limit, connection)
        }
    }

    /// How many records there are.
    public func count() async throws(RapportError) -> Int {
        let table = spec.table
        return try await store.read { connection in
            Int(try connection.scalar("SELECT COUNT(*) FROM \(table)")?.intValue ?? 0)
        }
    }

    public func get(_ key: String) async throws(RapportError) -> Record {
        let key = try normalizedKey(key)
        let (table, spec) = (self.table, self.spec)
        return try await store.read { connection in
            guard let record = try table.fetch(key, connection) else {
                throw RapportError.notFound(spec.capitalizedLabel, key)
            }
            return record
        }
    }

    /// Creates a record; `record` holds every writable field (defaults where the caller had none).
    public func create(_ record: Record, by user: ActingUser) async throws(RapportError) -> Record {
        let service = self
        let record = try await rules.prepareBeforeTransaction(record)
        return try await store.write("create " + spec.label) { connection in
            try service.create(record, by: user, in: connection)
        }
    }

    /// Replaces (PUT) or patches (PATCH) the record with this key.
    public func update(_ key: String, _ change: RecordChange, by user: ActingUser) async throws(RapportError) -> Record
    {
        let service = self
        let change = try await change.preparing(rules.prepareBeforeTransaction)
        return try await store.write("update " + spec.label) { connection in
            try service.update(key, change, by: user, in: connection)
        }
    }

    public func delete(_ key: String, by user: ActingUser) async throws(RapportError) {
        let key = try normalizedKey(key)
        let (table, spec, rules) = (self.table, self.spec, self.rules)
        try await store.write("delete " + spec.label) { connection in
            guard let existing = try table.fetch(key, connection) else {
                throw RapportError.notFound(spec.capitalizedLabel, key)
            }
            try rules.checkDelete(key, connection)
            try table.delete(key, connection)
            try AuditTrail.record(.delete, spec, key: key, old: existing, new: nil, by: user, connection)
        }
    }

    // MARK: - Inside a caller's transaction

    /// Creates a record within `connection`'s transaction (bulk loads compose several of these).
    func create(_ record: Record, by user: ActingUser, in connection: any SQLConnection) throws -> Record {
        var record = record
        try rules.prepare(&record, existing: nil, connection)
        try ReferenceCheck.verify(record, fields: spec.fields, connection)
        try table.insert(record, connection)
        let created = try Self.reread(record.text(spec.keyName), table, connection)
        try AuditTrail.record(
            .create, spec, key: spec.keyText(of: created), old: nil, new: created, sent: record, by: user, connection)
        return created
    }

    func update(
        _ key: String, _ change: RecordChange, by user: ActingUser, in connection: any SQLConnection
    ) throws -> Record {
        let key = try normalizedKey(key)
        guard let existing = try table.fetch(key, connection) else {
            throw RapportError.notFound(spec.capitalizedLabel, key)
        }
        var record = change.applied(to: existing)
        let sentKey = record.text(spec.keyName)
        guard sentKey.isEmpty || sentKey == key else {
            throw RapportError.validation(spec.keyName, "\(spec.keyName) cannot be changed (\(key) → \(sentKey)).")
        }
        record[spec.keyName] = .text(key)
        try rules.prepare(&record, existing: existing, connection)
        try ReferenceCheck.verify(record, fields: spec.fields, connection)
        try table.update(record, connection)
        let updated = try Self.reread(key, table, connection)
        let sent: Record =
            switch change {
            case .replace(let record), .patch(let record): record
            }
        try AuditTrail.record(.update, spec, key: key, old: existing, new: updated, sent: sent, by: user, connection)
        return updated
    }

    /// Creates the record, or patches it when its key exists (seeding and master-data files).
    func upsert(_ upsert: RecordUpsert, by user: ActingUser, in connection: any SQLConnection) throws -> Record {
        let key = upsert.complete.text(spec.keyName)
        if !key.isEmpty, try table.fetch(key, connection) != nil {
            return try update(key, .patch(upsert.sent), by: user, in: connection)
        }
        return try create(upsert.complete, by: user, in: connection)
    }

    static func reread(_ key: String, _ table: ResourceTable, _ connection: any SQLConnection) throws -> Record {
        guard let record = try table.fetch(key, connection) else {
            throw RapportError.notFound(table.spec.capitalizedLabel, key)
        }
        return record
    }

    /// Path keys are codes: compared upper-cased; one too long cannot exist.
    func normalizedKey(_ key: String) throws(RapportError) -> String {
        if case .integer = spec.key.kind {
            guard let number = Int64(key), number > 0 else { throw RapportError.notFound(spec.capitalizedLabel, key) }
            return String(number)
        }
        let code = key.trimmingCharacters(in: .whitespaces).uppercased()
        guard !code.isEmpty, code.count <= spec.maxKeyLength else {
            throw RapportError.notFound(spec.capitalizedLabel, key)
        }
        return code
    }
}
