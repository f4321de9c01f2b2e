import RapportCore

/// The use cases of one master-data resource: list, get, create, replace, patch, delete.
/// Each write is one transaction; each answer is the resource as the API shows it.
public struct ResourceService: Sendable {
    public let spec: ResourceSpec
    let table: ResourceTable
    let rules: any ResourceRules
    let store: Store

    public init(_ spec: ResourceSpec, rules: any ResourceRules = NoRules(), store: Store) {
        self.spec = spec
        self.table = ResourceTable(spec)
        self.rules = rules
        self.store = store
    }

    public func list(_ query: ListQuery) async throws(RapportError) -> Page {
        let conditions = try ResourceFilter.conditions(query.filters, spec: spec)
        let (table, spec) = (self.table, self.spec)
        return try await store.read { connection in
            let records = try table.list(
                where: conditions, afterKey: query.afterKey, limit: query.limit + 1, connection)
            let page = records.prefix(query.limit)
            let next = records.count > query.limit ? page.last.map { Cursor.encode(table.keyText($0)) } : nil
            return Page(items: page.map { RecordEncoder.encode($0, fields: spec.fields) }, nextCursor: next)
        }
    }

    public func get(_ key: String) async throws(RapportError) -> JSONValue {
        let key = try normalizedKey(key)
        let (table, spec) = (self.table, self.spec)
        return try await store.read { connection in
            guard let record = try table.fetch(key, connection) else {
                throw RapportError.notFound(spec.capitalizedLabel, key)
            }
            return RecordEncoder.encode(record, fields: spec.fields)
        }
    }

    public func create(_ body: JSONValue) async throws(RapportError) -> JSONValue {
        let service = self
        let body = try await rules.prepareBeforeTransaction(body)
        return try await store.write("create " + spec.label) { connection in
            try service.create(body, in: connection)
        }
    }

    /// PUT replaces every writable field (absent ones return to defaults); PATCH changes only those sent.
    public func update(_ key: String, _ body: JSONValue, replace: Bool) async throws(RapportError) -> JSONValue {
        let service = self
        let body = try await rules.prepareBeforeTransaction(body)
        return try await store.write("update " + spec.label) { connection in
            try service.update(key, body, replace: replace, in: connection)
        }
    }

    public func delete(_ key: String) async throws(RapportError) {
        let key = try normalizedKey(key)
        let (table, spec, rules) = (self.table, self.spec, self.rules)
        try await store.write("delete " + spec.label) { connection in
            guard try table.fetch(key, connection) != nil else {
                throw RapportError.notFound(spec.capitalizedLabel, key)
            }
            try rules.checkDelete(key, connection)
            try table.delete(key, connection)
        }
    }

    // MARK: - Inside a caller's transaction

    /// Creates a record within `connection`'s transaction (bulk loads compose several of these).
    public func create(_ body: JSONValue, in connection: any SQLConnection) throws -> JSONValue {
        var record = try RecordDecoder(fields: spec.fields).decode(body, mode: .full)
        try rules.prepare(&record, existing: nil, connection)
        try ReferenceCheck.verify(record, fields: spec.fields, connection)
        try table.insert(record, connection)
        return try Self.reread(record.text(spec.keyName), table, connection)
    }

    public func update(
        _ key: String, _ body: JSONValue, replace: Bool, in connection: any SQLConnection
    ) throws
        -> JSONValue
    {
        let key = try normalizedKey(key)
        guard let existing = try table.fetch(key, connection) else {
            throw RapportError.notFound(spec.capitalizedLabel, key)
        }
        var record = try RecordDecoder(fields: spec.fields).decode(
            body, mode: replace ? .full : .partial, base: existing)
        let sentKey = record.text(spec.keyName)
        guard sentKey.isEmpty || sentKey == key else {
            throw RapportError.validation(spec.keyName, "\(spec.keyName) cannot be changed (\(key) → \(sentKey)).")
        }
        record[spec.keyName] = .text(key)
        try rules.prepare(&record, existing: existing, connection)
        try ReferenceCheck.verify(record, fields: spec.fields, connection)
        try table.update(record, connection)
        return try Self.reread(key, table, connection)
    }

    /// Creates the record, or changes the fields sent when its key exists (seeding and master-data files).
    public func upsert(_ body: JSONValue, in connection: any SQLConnection) throws -> JSONValue {
        let key =
            body.objectValue?[spec.keyName].flatMap { value -> String? in
                if case .string(let text) = value { return text.trimmingCharacters(in: .whitespaces).uppercased() }
                return nil
            } ?? ""
        if !key.isEmpty, try table.fetch(key, connection) != nil {
            return try update(key, body, replace: false, in: connection)
        }
        return try create(body, in: connection)
    }

    static func reread(_ key: String, _ table: ResourceTable, _ connection: any SQLConnection) throws -> JSONValue {
        guard let record = try table.fetch(key, connection) else {
            throw RapportError.notFound(table.spec.capitalizedLabel, key)
        }
        return RecordEncoder.encode(record, fields: table.spec.fields)
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
