import Foundation
import RapportCore

/// Reads the audit trail: filtered by any field and paged like every list, oldest first (the API) or newest
/// first (the admin page).
public struct AuditLog: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }

    public func list(_ query: ListQuery, newestFirst: Bool = false) async throws(RapportError) -> Page<AuditEntry> {
        var conditions = try ResourceFilter.conditions(query.filters, spec: Catalog.auditLog, dialect: store.dialect)
        if let after = query.afterKey {
            guard let entryNo = Int64(after) else {
                throw .validation("cursor", "cursor is not one this server issued.")
            }
            conditions.append(SQLFragment(newestFirst ? "t.entry_no < ?" : "t.entry_no > ?", [.integer(entryNo)]))
        }
        let whereSQL =
            conditions.isEmpty ? "" : " WHERE " + conditions.map { "(\($0.sql))" }.joined(separator: " AND ")
        let sql =
            "SELECT entry_no, at, user_id, action, resource, record_key, changes FROM audit_entry t\(whereSQL) "
            + "ORDER BY t.entry_no \(newestFirst ? "DESC" : "ASC") LIMIT ?"
        let binds = conditions.flatMap(\.binds) + [.integer(Int64(query.limit + 1))]
        let limit = query.limit
        return try await store.read { connection in
            let entries = try connection.query(sql, binds).map(Self.entry)
            let page = Array(entries.prefix(limit))
            let next = entries.count > limit ? page.last.map { Cursor.encode(String($0.entryNo.value)) } : nil
            return Page(items: page, nextCursor: next)
        }
    }

    static func entry(_ row: SQLRow) throws -> AuditEntry {
        guard let action = AuditEntry.Action(rawValue: row.text("action")) else {
            throw RapportError(.unavailable, "Audit entry \(row.int("entry_no")) has an unknown action.")
        }
        return AuditEntry(
            entryNo: AuditEntry.EntryNo(row.int("entry_no")), at: StoredTime.date(row.text("at")),
            userId: row.text("user_id"), action: action, resource: row.text("resource"), key: row.text("record_key"),
            changes: try StoredAuditChanges.decode(row.text("changes")))
    }
}
