/// Secondary indexes set aside while a bulk write fills an empty table, and built again from the finished table.
///
/// Inserting a million rows keeps every index in step row by row, and the indexes on names, cities and post codes
/// take their keys in random order, so each insert touches pages all over a B-tree larger than the page cache.
/// Building an index once from the filled table sorts its keys instead. That only pays when the table starts
/// empty: an import into a full table would rebuild indexes over every row already there. The drop and the
/// re-creation are in the write's transaction, so a refused import leaves the indexes as they were.
///
/// SQLite only: on PostgreSQL `DROP INDEX` locks the table against readers until the transaction ends.
struct DeferredIndexes {
    private let connection: any SQLConnection
    /// The `CREATE INDEX` statements of the indexes dropped, in the order they were found.
    private(set) var statements: [String] = []
    /// Those of the tables that were empty (on either database), which the writer need not search or clear.
    private(set) var emptyTables: Set<String> = []

    /// Drops the secondary indexes of each of `tables` that is empty (none on PostgreSQL). Indexes behind a
    /// primary key or a unique constraint have no SQL of their own and stay.
    init(_ connection: any SQLConnection, emptyTablesOf tables: [String]) throws {
        self.connection = connection
        for table in tables {
            let filled = try connection.scalar("SELECT CASE WHEN EXISTS (SELECT 1 FROM \(table)) THEN 1 ELSE 0 END")
            guard filled?.intValue == 0 else { continue }
            emptyTables.insert(table)
            guard connection.dialect == .sqlite else { continue }
            var dropped: [(name: String, sql: String)] = []
            try connection.forEachRow(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL "
                    + "ORDER BY name", [.text(table)]
            ) { row in dropped.append((row.text("name"), row.text("sql"))) }
            for index in dropped {
                try connection.execute("DROP INDEX \(index.name)")
                statements.append(index.sql)
            }
        }
    }

    /// Builds the dropped indexes again.
    func restore() throws {
        for sql in statements { try connection.execute(sql) }
    }
}
