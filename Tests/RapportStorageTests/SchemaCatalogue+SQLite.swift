import RapportStorage

extension SchemaCatalogue {
    /// SQLite's declared types, in PostgreSQL's names. The shipped SQLite migrations also spell some
    /// columns `BIGINT` and `DOUBLE PRECISION`, which SQLite reads as INTEGER and REAL.
    static let sqliteTypes = [
        "INTEGER": "bigint", "BIGINT": "bigint", "REAL": "double precision", "DOUBLE PRECISION": "double precision",
        "TEXT": "text", "BLOB": "bytea",
    ]

    /// Reads SQLite's catalogue: `sqlite_master` and the table-valued pragmas.
    static func sqlite(_ connection: any SQLConnection) throws -> SchemaCatalogue {
        var tables: [String: Table] = [:]
        let rows = try connection.query(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", [])
        for row in rows {
            let name = row.text("name")
            let info = try connection.query(
                "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid",
                [.text(name)])
            let columns = info.map { column in
                Column(
                    name: column.text("name"),
                    type: sqliteTypes[column.text("type").uppercased()] ?? "unknown \(column.text("type"))",
                    isNullable: !column.bool("notnull"), defaultValue: column["dflt_value"].textValue)
            }
            let primaryKey = info.filter { $0.int("pk") > 0 }.sorted { $0.int("pk") < $1.int("pk") }
                .map { $0.text("name") }
            let names = Set(columns.map(\.name))
            tables[name] = Table(
                columns: columns, primaryKey: primaryKey, foreignKeys: try sqliteForeignKeys(name, connection),
                indexes: try sqliteIndexes(name, connection),
                checks: SQLTokens.checkExpressions(in: row.text("sql"))
                    .map { Check(expression: $0, tableColumns: names) }.sorted())
        }
        return SchemaCatalogue(tables: tables)
    }

    static func sqliteForeignKeys(_ table: String, _ connection: any SQLConnection) throws -> [ForeignKey] {
        let rows = try connection.query(
            "SELECT id, \"table\", \"from\", \"to\", on_delete, on_update FROM pragma_foreign_key_list(?) "
                + "ORDER BY id, seq", [.text(table)])
        return Dictionary(grouping: rows) { $0.int("id") }.values.map { parts in
            ForeignKey(
                columns: parts.map { $0.text("from") }, table: parts[0].text("table"),
                referencedColumns: parts.map { $0.text("to") }, onDelete: parts[0].text("on_delete"),
                onUpdate: parts[0].text("on_update"))
        }.sorted()
    }

    static func sqliteIndexes(_ table: String, _ connection: any SQLConnection) throws -> [Index] {
        let rows = try connection.query(
            "SELECT name, \"unique\", origin FROM pragma_index_list(?) WHERE origin <> 'pk'", [.text(table)])
        return try rows.map { index in
            let columns = try connection.query(
                "SELECT name FROM pragma_index_info(?) ORDER BY seqno", [.text(index.text("name"))]
            ).map { $0.text("name") }
            return Index(
                name: index.text("origin") == "c" ? index.text("name") : nil, isUnique: index.bool("unique"),
                columns: columns)
        }.sorted()
    }
}
