extension Catalog {
    /// The audit trail (`GET /audit-log`): read-only, filtered and paged like every list. `at` is an RFC 3339
    /// UTC timestamp filtered as text (`2026-04*`, `2026-04-01..2026-04-30T23:59:59Z`); `changes` filters the
    /// recorded changes as text (`*role*`).
    public static let auditLog = ResourceSpec(
        path: "audit-log", label: "audit entry", table: "audit_entry", keyName: "entryNo",
        fields: [
            FieldSpec("entryNo", .integer, access: .readOnly),
            FieldSpec("at", .code(maxLength: 30), access: .readOnly, summary: "When, as an RFC 3339 UTC timestamp."),
            FieldSpec("userId", .code(maxLength: 50), access: .readOnly),
            FieldSpec(
                "action", .enumeration(AuditEntry.Action.allCases.map(\.rawValue)), required: true, access: .readOnly),
            FieldSpec("resource", .text(maxLength: 50), access: .readOnly, folded: true),
            FieldSpec("key", column: "record_key", .text(maxLength: 250), access: .readOnly, folded: true),
            FieldSpec(
                "changes", .text(maxLength: 1_000_000), access: .readOnly, folded: true,
                summary: "{field: [old, new]}; filtered as the text of the changes."),
        ])
}
