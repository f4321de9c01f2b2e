import RapportCore

/// Checks that every code a record points at exists, so an unknown salesperson or mailing group is
/// a 422 naming the field rather than a foreign-key failure.
enum ReferenceCheck {
    static func verify(
        _ record: Record, fields: [FieldSpec], pathPrefix: String = "",
        _ connection: any SQLConnection
    ) throws {
        for field in fields where field.isWritable {
            let path = pathPrefix + field.name
            switch field.kind {
            case .reference(let target):
                guard let code = record[field.name].nonBlankText else { continue }
                try verify(code, target: target, path: path, connection)
            case .codeList(let link):
                for (index, code) in (record.lists[field.name] ?? []).enumerated() {
                    try verify(code, target: link.target, path: "\(path)[\(index)]", connection)
                }
            case .children(let collection):
                for (index, child) in (record.children[field.name] ?? []).enumerated() {
                    try verify(
                        Record(scalars: child), fields: collection.fields, pathPrefix: "\(path)[\(index)].",
                        connection)
                }
            default: continue
            }
        }
    }

    static func verify(
        _ code: String, target: ReferenceTarget, path: String, _ connection: any SQLConnection
    )
        throws
    {
        let found = try connection.exists(
            "SELECT 1 FROM \(target.table) WHERE \(target.keyColumn) = ?", [.text(code)])
        guard found else {
            let label = target.label.prefix(1).uppercased() + target.label.dropFirst()
            throw RapportError.validation(path, "\(label) '\(code)' does not exist.")
        }
    }
}
