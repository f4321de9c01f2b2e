/// The changes between two versions of a record, field by field, as the audit trail records them.
public enum AuditChanges {
    /// The fields that differ between `old` and `new` (nil for a record created or deleted). Computed fields
    /// are left out (they follow other rows); a secret field shows only that it was changed or cleared, and
    /// only when `sent` carries it.
    public static func between(
        _ old: Record?, _ new: Record?, fields: [FieldSpec], sent: Record? = nil
    ) -> [AuditChange] {
        var changes: [AuditChange] = []
        for field in fields {
            if case .computed = field.access { continue }
            if case .secret = field.kind {
                guard let value = sent?.scalars[field.name] else { continue }
                let cleared = value == .null || value.textValue == ""
                changes.append(
                    AuditChange(
                        field.name, old: AuditChange.hidden, new: cleared ? AuditChange.cleared : AuditChange.changed))
                continue
            }
            let before = old.map { value(of: field, in: $0) } ?? .null
            let after = new.map { value(of: field, in: $0) } ?? .null
            if before == after || (before.isBlank && after.isBlank) { continue }
            changes.append(AuditChange(field.name, old: before, new: after))
        }
        return changes.sorted { $0.field < $1.field }
    }

    /// A field of a record in the shape its kind gives it (booleans as booleans, lists as lists).
    public static func value(of field: FieldSpec, in record: Record) -> AuditValue {
        switch field.kind {
        case .codeList:
            return record.lists[field.name].map { .list($0.map { .text($0) }) } ?? .null
        case .children(let collection):
            guard let rows = record.children[field.name] else { return .null }
            return .list(
                rows.map { row in
                    var object: [String: AuditValue] = [:]
                    for child in collection.fields {
                        if case .computed = child.access { continue }
                        object[child.name] = scalar(row[child.name] ?? .null, kind: child.kind)
                    }
                    return .object(object)
                })
        default:
            return scalar(record[field.name], kind: field.kind)
        }
    }

    static func scalar(_ value: SQLValue, kind: FieldKind) -> AuditValue {
        switch (value, kind) {
        case (.null, _): .null
        case (.integer(let number), .boolean): .bool(number != 0)
        case (.integer(let number), _): .integer(number)
        case (.real(let number), _): .number(number)
        case (.text(let text), _): .text(text)
        case (.blob(let bytes), _): .text("(\(bytes.count) bytes)")
        }
    }
}
