import RapportCore

/// A resource's JSON: request bodies into `Record`s by its `FieldSpec`s (the field at fault named in
/// every refusal), and records back into the API's JSON.
struct ResourceCodec: Sendable {
    let fields: [FieldSpec]

    init(_ spec: ResourceSpec) {
        self.fields = spec.fields
    }

    init(fields: [FieldSpec]) {
        self.fields = fields
    }

    /// A POST or PUT body: every writable field, absent ones at their defaults, required ones present.
    func complete(_ body: JSONValue) throws(RapportError) -> Record {
        try RecordDecoder(fields: fields).decode(body, mode: .full)
    }

    /// A PATCH body: only the fields sent.
    func sent(_ body: JSONValue) throws(RapportError) -> Record {
        try RecordDecoder(fields: fields).decode(body, mode: .partial)
    }

    /// PUT (`replace`) or PATCH.
    func change(_ body: JSONValue, replace: Bool) throws(RapportError) -> RecordChange {
        replace ? .replace(try complete(body)) : .patch(try sent(body))
    }

    /// A record of a master-data file: created as `complete`, or patched with what was `sent`.
    func upsert(_ body: JSONValue) throws(RapportError) -> RecordUpsert {
        RecordUpsert(complete: try complete(body), sent: try sent(body))
    }

    func encode(_ record: Record) -> JSONValue {
        RecordEncoder.encode(record, fields: fields)
    }

    /// `{"items": [...], "nextCursor": ...}`.
    func encode(_ page: Page<Record>) -> JSONValue {
        JSONValue.page(page.items.map(encode), nextCursor: page.nextCursor)
    }
}

extension JSONValue {
    /// A list answer: `{"items": [...], "nextCursor": ...}` (every list has both).
    static func page(_ items: [JSONValue], nextCursor: String?) -> JSONValue {
        .object(JSONObject([("items", .array(items)), ("nextCursor", nextCursor.map { .string($0) } ?? .null)]))
    }
}
