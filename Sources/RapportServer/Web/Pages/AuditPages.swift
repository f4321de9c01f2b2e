import Foundation
import Hummingbird
import RapportCore
import RapportStorage

/// The audit trail for admins, newest first, filtered like every list.
struct AuditPages {
    let web: WebRoutes

    static let path = "/setup/audit-log"
    static let filters = ["userId", "action", "resource", "key", "at"]

    func register(_ pages: WebPageTable) {
        let auditLog = web.services.auditLog
        pages.get(Self.path, "auditLog", "The audit trail (admins).") { page in
            guard page.user.role == .admin else { throw RapportError(.forbidden, "Only admins may see the audit log.") }
            let list = WebList(spec: Catalog.auditLog, filterNames: Self.filters, limit: 100) {
                query throws(RapportError) in
                try await auditLog.list(query, newestFirst: true).map(Self.row)
            }
            let data = await list.load(page, path: Self.path)
            return page.render("audit-log", title: "Audit log", data: data, status: WebList.status(data))
        }
    }

    /// An entry as the page shows it: the API's shape, with the changes as a list of readable lines.
    static func row(_ entry: AuditEntry) -> JSONValue {
        var object = entry.json.objectValue ?? JSONObject()
        object["changeList"] = .array(
            entry.changes.map { change in
                .object(
                    JSONObject([
                        ("field", .string(change.field)), ("old", .string(Self.text(change.old))),
                        ("new", .string(Self.text(change.new))),
                    ]))
            })
        return .object(object)
    }

    static func text(_ value: AuditValue) -> String {
        value == .null ? "(none)" : value.text.isEmpty ? "(blank)" : value.text
    }
}
