/// A record's values as plain inputs, read by the same field rules (`FieldKind.value(of:path:)`) as a JSON
/// body, a CSV cell or a form field. The command line and the demo build records with it, so neither needs
/// to speak JSON to create a user or a master-data file.
public struct RecordInputs: Sendable {
    /// Scalar fields by name, dotted for nested ones (`companyInformation.name`).
    public var scalars: [(name: String, value: FieldInput)]
    /// Child collections by field name, one list of inputs per child row.
    public var children: [(name: String, rows: [[(name: String, value: FieldInput)]])]

    public init(
        _ scalars: [(name: String, value: FieldInput)],
        children: [(name: String, rows: [[(name: String, value: FieldInput)]])] = []
    ) {
        self.scalars = scalars
        self.children = children
    }

    /// Only the fields given, each checked; a field the spec does not know is refused, as in a request body.
    public func sent(_ fields: [FieldSpec], pathPrefix: String = "") throws(RapportError) -> Record {
        var record = Record()
        for (name, input) in scalars {
            let path = pathPrefix + name
            let field = try Self.field(name, in: fields, path: path)
            if field.isRequired, input == .null || input == .string("") {
                throw RapportError.validation(path, "\(path) is required.")
            }
            record[name] = try field.kind.value(of: input, path: path)
        }
        for (name, rows) in children {
            let path = pathPrefix + name
            guard case .children(let collection) = try Self.field(name, in: fields, path: path).kind else {
                throw RapportError.validation(path, "\(path) is not a list of lines.")
            }
            record.children[name] = try rows.enumerated().map { index, row throws(RapportError) in
                try RecordInputs(row).complete(collection.fields, pathPrefix: "\(path)[\(index)].").scalars
            }
        }
        return record
    }

    /// What a create stores: every writable field at its default, then the fields given; required fields
    /// must be among them.
    public func complete(_ fields: [FieldSpec], pathPrefix: String = "") throws(RapportError) -> Record {
        let given = Set(scalars.map(\.name)).union(children.map(\.name))
        if let missing = fields.first(where: { $0.isWritable && $0.isRequired && !given.contains($0.name) }) {
            let path = pathPrefix + missing.name
            throw RapportError.validation(path, "\(path) is required.")
        }
        return Record(defaultsOf: fields).applying(try sent(fields, pathPrefix: pathPrefix))
    }

    /// A master-data file's record: created as `complete`, or patched with what was `sent`.
    public func upsert(_ fields: [FieldSpec], pathPrefix: String = "") throws(RapportError) -> RecordUpsert {
        RecordUpsert(
            complete: try complete(fields, pathPrefix: pathPrefix), sent: try sent(fields, pathPrefix: pathPrefix))
    }

    private static func field(_ name: String, in fields: [FieldSpec], path: String) throws(RapportError) -> FieldSpec {
        guard let field = fields.first(where: { $0.name == name }), field.isWritable else {
            throw RapportError.validation(path, "\(path) is not a field of this resource.")
        }
        return field
    }
}
