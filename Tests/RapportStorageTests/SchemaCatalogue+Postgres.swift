import Foundation
import RapportStorage

extension SchemaCatalogue {
    /// Reads PostgreSQL's catalogue of the current schema: `information_schema` and `pg_catalog`. A text
    /// column that does not compare in code-point order (`COLLATE "C"`) reads as another type.
    static func postgres(_ connection: any SQLConnection) throws -> SchemaCatalogue {
        var tables: [String: Table] = [:]
        let names = try connection.query(
            "SELECT table_name::text AS name FROM information_schema.tables "
                + "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'", []
        ).map { $0.text("name") }
        for name in names {
            let columns = try connection.query(
                """
                SELECT column_name::text AS name, data_type::text AS type, is_nullable::text AS nullable,
                  column_default::text AS dflt, collation_name::text AS collation
                FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?
                ORDER BY ordinal_position
                """, [.text(name)]
            ).map { column in
                let type = column.text("type")
                let collation = column.text("collation")
                return Column(
                    name: column.text("name"),
                    type: type == "text" && collation != "C"
                        ? "text collate \(collation.isEmpty ? "default" : collation)" : type,
                    isNullable: column.text("nullable") == "YES",
                    defaultValue: column["dflt"].textValue.map(postgresDefault))
            }
            let primaryKey = try connection.query(
                """
                SELECT a.attname::text AS name FROM pg_constraint c
                  CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, n)
                  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
                WHERE c.conrelid = ?::regclass AND c.contype = 'p' ORDER BY k.n
                """, [.text(name)]
            ).map { $0.text("name") }
            let checks = try connection.query(
                "SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = ?::regclass "
                    + "AND contype = 'c'", [.text(name)]
            ).flatMap { SQLTokens.checkExpressions(in: $0.text("def")) }
            tables[name] = Table(
                columns: columns, primaryKey: primaryKey, foreignKeys: try postgresForeignKeys(name, connection),
                indexes: try postgresIndexes(name, connection),
                checks: checks.map { Check(expression: $0, tableColumns: Set(columns.map(\.name))) }.sorted())
        }
        return SchemaCatalogue(tables: tables)
    }

    /// `''::text` → `''`, `'0'::bigint` → `0`: the literal as SQLite reports it.
    static func postgresDefault(_ expression: String) -> String {
        var value = expression
        if let cast = value.range(of: "::", options: .backwards) { value = String(value[..<cast.lowerBound]) }
        while value.hasPrefix("("), value.hasSuffix(")") { value = String(value.dropFirst().dropLast()) }
        if value.hasPrefix("'"), value.hasSuffix("'"), value.count > 2, Double(value.dropFirst().dropLast()) != nil {
            value = String(value.dropFirst().dropLast())
        }
        return value
    }

    static let postgresActions = [
        "a": "NO ACTION", "c": "CASCADE", "r": "RESTRICT", "n": "SET NULL", "d": "SET DEFAULT",
    ]

    static func postgresForeignKeys(_ table: String, _ connection: any SQLConnection) throws -> [ForeignKey] {
        let rows = try connection.query(
            """
            SELECT c.oid::bigint AS id, f.relname::text AS target, c.confdeltype::text AS on_delete,
              c.confupdtype::text AS on_update, a.attname::text AS from_column, b.attname::text AS to_column
            FROM pg_constraint c JOIN pg_class f ON f.oid = c.confrelid
              CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY AS k(from_num, to_num, n)
              JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.from_num
              JOIN pg_attribute b ON b.attrelid = c.confrelid AND b.attnum = k.to_num
            WHERE c.conrelid = ?::regclass AND c.contype = 'f' ORDER BY c.oid, k.n
            """, [.text(table)])
        return Dictionary(grouping: rows) { $0.int("id") }.values.map { parts in
            ForeignKey(
                columns: parts.map { $0.text("from_column") }, table: parts[0].text("target"),
                referencedColumns: parts.map { $0.text("to_column") },
                onDelete: postgresActions[parts[0].text("on_delete")] ?? parts[0].text("on_delete"),
                onUpdate: postgresActions[parts[0].text("on_update")] ?? parts[0].text("on_update"))
        }.sorted()
    }

    static func postgresIndexes(_ table: String, _ connection: any SQLConnection) throws -> [Index] {
        try connection.query(
            """
            SELECT i.relname::text AS name, x.indisunique AS is_unique,
              EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.contype = 'u') AS by_constraint,
              (SELECT string_agg(a.attname::text, ',' ORDER BY k.n)
                 FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
                 JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum) AS columns
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
            WHERE x.indrelid = ?::regclass AND NOT x.indisprimary
            """, [.text(table)]
        ).map { index in
            Index(
                name: index.bool("by_constraint") ? nil : index.text("name"), isUnique: index.bool("is_unique"),
                columns: index.text("columns").split(separator: ",").map(String.init))
        }.sorted()
    }
}
