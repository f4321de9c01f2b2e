/// Secondary indexes, and on PostgreSQL foreign keys, set aside while a bulk write fills empty tables, and made again
/// from the finished tables.
///
/// Inserting a million rows keeps every index in step row by row, and the indexes on names, cities and post codes
/// take their keys in random order, so each insert touches pages all over a B-tree larger than the page cache.
/// Building an index once from the filled table sorts its keys instead. On PostgreSQL each inserted row also runs
/// one query per foreign key (its referential-integrity triggers), which was 98% of the server's time in a
/// million-contact import; adding a key back checks every row in one join.
///
/// The rule is the same on both databases: only tables that are empty when the write begins are set aside (an
/// import into a full table would rebuild indexes over every row already there), and the drop and the re-creation
/// are in the write's transaction, so a refused or failed import leaves the schema as it was (PostgreSQL's DDL is
/// transactional too). What each database sets aside differs:
/// - SQLite: the indexes of each empty table, as `sqlite_master` has them. Its foreign keys are looked up through
///   the parent's primary key, row by row, and cost little.
/// - PostgreSQL: the foreign keys and secondary indexes of all the tables, and only when all of them are empty
///   (a first load into an empty database). Dropping a foreign key locks its table and the table it refers to
///   (ACCESS EXCLUSIVE, readers too) until the transaction ends, which a load into tables in use must not do. The
///   statements are the literal ones of `DeferrableSchema` (the migrations' own), never read back from the
///   catalogue; the catalogue is only asked whether it has exactly those names, and when it has not (a migration
///   the list has not caught up with), nothing is set aside.
///
/// Primary keys and unique constraints stay on SQLite, and on PostgreSQL where the write's upsert or other tables'
/// foreign keys rely on them (the contact table's). PostgreSQL's relation tables (a contact's mailing groups and the
/// like) have their primary keys rebuilt like the indexes: the file cannot repeat a code for a contact (the checks
/// and the parser see to it), so adding a key back cannot fail on the rows the import wrote.
struct DeferredSchema {
    private let connection: any SQLConnection
    /// The statements that make again what was dropped, in order (on PostgreSQL the primary keys first, then
    /// indexes, then on PostgreSQL the tables' statistics, then foreign keys, whose checking joins are planned with
    /// them).
    private(set) var statements: [String] = []
    /// Those of the tables that were empty (on either database), which the writer need not search or clear.
    private(set) var emptyTables: Set<String> = []

    /// Sets aside what the rule above allows for `tables`; `postgres` has the literal definitions of each of them on
    /// PostgreSQL (SQLite reads its own).
    init(_ connection: any SQLConnection, emptyTablesOf tables: [String], postgres: [DeferrableSchema]) throws {
        self.connection = connection
        for table in tables {
            let filled = try connection.scalar("SELECT CASE WHEN EXISTS (SELECT 1 FROM \(table)) THEN 1 ELSE 0 END")
            if filled?.intValue == 0 { emptyTables.insert(table) }
        }
        switch connection.dialect {
        case .sqlite: try setAsideSQLiteIndexes()
        case .postgres: try setAsidePostgres(tables, postgres)
        }
    }

    /// Makes again what was set aside.
    func restore() throws {
        guard connection.dialect == .sqlite, !statements.isEmpty else { return try build() }
        // SQLite sorts each index's keys in runs the size of its page cache, and with worker threads allowed it
        // sorts a finished run on another core while it reads the table on for the next. With the cache the import
        // gives itself (`ContactImportStaging.importCacheKiB`) a whole index was one run, sorted after the read on
        // one core. Runs of 4 MB on two threads built the 1M bench's 18 indexes in 9.8-10.9 s instead of
        // 12.4-15.6 s (three runs each).
        let threads = try connection.scalar("PRAGMA threads")?.intValue ?? 0
        let cache = try connection.scalar("PRAGMA main.cache_size")?.intValue ?? -2000
        try connection.execute("PRAGMA threads = 2")
        try connection.execute("PRAGMA main.cache_size = -4096")
        defer {
            _ = try? connection.execute("PRAGMA threads = \(threads)")
            _ = try? connection.execute("PRAGMA main.cache_size = \(cache)")
        }
        try build()
    }

    private func build() throws {
        for sql in statements { try connection.execute(sql) }
    }

    private mutating func setAsideSQLiteIndexes() throws {
        for table in emptyTables.sorted() {
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

    private mutating func setAsidePostgres(_ tables: [String], _ schemas: [DeferrableSchema]) throws {
        let byTable = Dictionary(schemas.map { ($0.table, $0) }, uniquingKeysWith: { first, _ in first })
        let listed = tables.compactMap { byTable[$0] }
        guard listed.count == tables.count, emptyTables.count == tables.count,
            try DeferrableSchema.catalogueNames(of: tables, connection) == Set(listed.flatMap(\.names))
        else { return }
        for schema in listed {
            for key in schema.foreignKeys {
                try connection.execute("ALTER TABLE \(schema.table) DROP CONSTRAINT \(key.name)")
            }
            if let key = schema.rebuiltPrimaryKey {
                try connection.execute("ALTER TABLE \(schema.table) DROP CONSTRAINT \(key.name)")
            }
            for index in schema.indexes { try connection.execute("DROP INDEX \(index.name)") }
        }
        // Statistics before the keys: with them each key's check is planned as a parallel hash join, and the first
        // queries after the commit need not wait for autovacuum to learn that the tables hold a million rows.
        statements =
            listed.compactMap(\.addPrimaryKey) + listed.flatMap { $0.indexes.map(\.sql) }
            + ["ANALYZE " + tables.joined(separator: ", ")] + listed.compactMap(\.addForeignKeys)
    }
}

/// One table's primary and foreign keys and secondary indexes on PostgreSQL, in the migrations' own words, for
/// `DeferredSchema`.
struct DeferrableSchema: Sendable {
    let table: String
    /// The primary key's constraint name and definition (`PRIMARY KEY (…)`), named so that the catalogue check
    /// covers it.
    let primaryKey: (name: String, definition: String)
    /// Whether the primary key is dropped too and added back once the table is filled: one sorted build instead of
    /// a B-tree kept in step row by row (the four million relation rows of the 1M bench took about twice as long to
    /// insert with it). Only for a key no other table's foreign key refers to: a referred key stays, as does the
    /// contact table's, which the write's upsert relies on.
    let rebuildsPrimaryKey: Bool
    /// Each constraint's name and its definition as `ALTER TABLE … ADD CONSTRAINT name` takes it.
    let foreignKeys: [(name: String, definition: String)]
    /// Each index's name and its `CREATE INDEX` statement.
    let indexes: [(name: String, sql: String)]

    var names: [String] { [primaryKey.name] + foreignKeys.map(\.name) + indexes.map(\.name) }

    var rebuiltPrimaryKey: (name: String, definition: String)? { rebuildsPrimaryKey ? primaryKey : nil }

    /// The statement adding the primary key back, when it was dropped.
    var addPrimaryKey: String? {
        rebuiltPrimaryKey.map { "ALTER TABLE \(table) ADD CONSTRAINT \($0.name) \($0.definition)" }
    }

    /// One statement adding every foreign key back, each checked over the whole table in one pass.
    var addForeignKeys: String? {
        guard !foreignKeys.isEmpty else { return nil }
        return "ALTER TABLE \(table) "
            + foreignKeys.map { "ADD CONSTRAINT \($0.name) \($0.definition)" }.joined(separator: ", ")
    }

    /// The names of the primary and foreign keys and of the indexes that back no primary key or unique constraint on
    /// `tables` in the current schema, as the catalogue has them.
    static func catalogueNames(of tables: [String], _ connection: any SQLConnection) throws -> Set<String> {
        let list = tables.map { "'\($0)'" }.joined(separator: ", ")
        let rows = try connection.query(
            """
            SELECT con.conname AS name FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid
            WHERE con.contype IN ('p', 'f') AND t.relnamespace = current_schema()::regnamespace AND t.relname IN (\(list))
            UNION ALL
            SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
            WHERE t.relnamespace = current_schema()::regnamespace AND t.relname IN (\(list))
              AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = x.indexrelid
                              AND con.conrelid = t.oid AND con.contype IN ('p', 'u', 'x'))
            """, [])
        return Set(rows.map { $0.text("name") })
    }
}
