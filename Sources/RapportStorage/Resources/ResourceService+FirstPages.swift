import RapportCore

extension ResourceService {
    /// The first page of each of several resources, in one read transaction: a form's drop-downs (a worksheet
    /// has five) each took a reader of their own, and on a busy server every one of them queued for it.
    /// The pages are the same as `list(ListQuery(limit: limit))` of each service, in the order given.
    public static func firstPages(
        of services: [ResourceService], limit: Int
    ) async throws(RapportError) -> [Page<Record>] {
        guard let store = services.first?.store else { return [] }
        let tables = services.map(\.table)
        return try await store.read { connection in
            try tables.map { table in try page(table, where: [], afterKey: nil, limit: limit, connection) }
        }
    }

    /// One page of `table` after `afterKey`, with the cursor of the next when there is more.
    static func page(
        _ table: ResourceTable, where conditions: [SQLFragment], afterKey: String?, limit: Int,
        _ connection: any SQLConnection
    ) throws -> Page<Record> {
        let records = try table.list(where: conditions, afterKey: afterKey, limit: limit + 1, connection)
        let page = records.prefix(limit)
        let next = records.count > limit ? page.last.map { Cursor.encode(table.keyText($0)) } : nil
        return Page(items: Array(page), nextCursor: next)
    }
}
