import RapportCore

/// Reads and writes the records of one `ResourceSpec` inside a transaction: the generic half of
/// every master-data resource. Rules specific to a resource come in through `ResourceRules`.
package struct ResourceTable: Sendable {
    package let spec: ResourceSpec

    package init(_ spec: ResourceSpec) {
        self.spec = spec
    }

    var keyColumn: String { spec.key.column }

    /// A key from a path or cursor, bound with the key column's type (entry numbers are integers).
    func keyValue(_ key: String) -> SQLValue {
        if case .integer = spec.key.kind { return .integer(Int64(key) ?? -1) }
        return .text(key)
    }

    /// A record's key as text, for cursors and messages.
    func keyText(_ record: Record) -> String { spec.keyText(of: record) }

    /// Fields read from the resource's own row (stored columns and computed expressions), in select order.
    var selectedFields: [FieldSpec] {
        spec.fields.filter { field in
            if case .secret = field.kind { return false }
            if case .computed = field.access { return true }
            return field.isColumn
        }
    }

    func selectList(_ dialect: SQLDialect) -> String {
        selectedFields.map { field in
            if case .computed = field.access {
                return ComputedColumns.sql(for: field, in: spec.table, dialect: dialect)
            }
            return "t.\(field.column)"
        }.joined(separator: ", ")
    }

    // MARK: - Reads

    package func fetch(_ key: String, _ connection: any SQLConnection) throws -> Record? {
        let rows = try connection.query(
            "SELECT \(selectList(connection.dialect)) FROM \(spec.table) t WHERE t.\(keyColumn) = ?", [keyValue(key)])
        var records = rows.map(record(from:))
        try loadRelated(&records, connection)
        return records.first
    }

    /// One page of records in key order, after `afterKey`, matching `conditions` (SQL over alias `t`).
    package func list(
        where conditions: [SQLFragment], afterKey: String?, limit: Int, _ connection: any SQLConnection
    ) throws -> [Record] {
        var clauses = conditions
        if let afterKey { clauses.append(SQLFragment("t.\(keyColumn) > ?", [keyValue(afterKey)])) }
        let whereSQL = clauses.isEmpty ? "" : " WHERE " + clauses.map { "(\($0.sql))" }.joined(separator: " AND ")
        let binds = clauses.flatMap(\.binds) + [.integer(Int64(limit))]
        let rows = try connection.query(
            "SELECT \(selectList(connection.dialect)) FROM \(spec.table) t\(whereSQL) ORDER BY t.\(keyColumn) LIMIT ?",
            binds)
        var records = rows.map(record(from:))
        try loadRelated(&records, connection)
        return records
    }

    func record(from row: SQLRow) -> Record {
        var record = Record()
        for (index, field) in selectedFields.enumerated() { record[field.name] = row.values[index] }
        return record
    }

    /// Fills code lists and children for a page of records: one query per relation, not per record.
    func loadRelated(_ records: inout [Record], _ connection: any SQLConnection) throws {
        guard !records.isEmpty else { return }
        let keys = records.map { $0[spec.keyName] }
        let placeholders = Array(repeating: "?", count: keys.count).joined(separator: ", ")
        var position: [String: Int] = [:]
        for (index, record) in records.enumerated() { position[keyText(record)] = index }
        for field in spec.fields {
            switch field.kind {
            case .codeList(let link):
                for index in records.indices { records[index].lists[field.name] = [] }
                let sql =
                    "SELECT \(link.ownerColumn), \(link.codeColumn) FROM \(link.table) "
                    + "WHERE \(link.ownerColumn) IN (\(placeholders)) ORDER BY \(link.ownerColumn), \(link.codeColumn)"
                try connection.forEachRow(sql, keys) { row in
                    if let index = position[row.values[0].textValue ?? ""] {
                        records[index].lists[field.name, default: []].append(row.values[1].textValue ?? "")
                    }
                }
            case .children(let collection):
                for index in records.indices { records[index].children[field.name] = [] }
                let columns = collection.fields.map { field -> String in
                    if case .computed = field.access {
                        return ComputedColumns.sql(for: field, in: collection.table, dialect: connection.dialect)
                    }
                    return "t.\(field.column)"
                }
                let order = collection.orderBy.compactMap { name in
                    collection.fields.first { $0.name == name }.map { "t.\($0.column)" }
                }
                let sql =
                    "SELECT t.\(collection.ownerColumn), \(columns.joined(separator: ", ")) FROM "
                    + "\(collection.table) t WHERE t.\(collection.ownerColumn) IN (\(placeholders)) "
                    + "ORDER BY " + (["t.\(collection.ownerColumn)"] + order).joined(separator: ", ")
                try connection.forEachRow(sql, keys) { row in
                    let owner = row.values[0].textValue ?? row.values[0].intValue.map { String($0) } ?? ""
                    guard let index = position[owner] else { return }
                    var child: [String: SQLValue] = [:]
                    for (offset, childField) in collection.fields.enumerated() {
                        child[childField.name] = row.values[offset + 1]
                    }
                    records[index].children[field.name, default: []].append(child)
                }
            default: break
            }
        }
    }

    // MARK: - Writes

    /// Inserts a new record; a taken key is `already_exists`.
    package func insert(_ record: Record, _ connection: any SQLConnection) throws {
        let columns = writtenColumns(record)
        let sql =
            "INSERT INTO \(spec.table) (\(columns.map(\.column).joined(separator: ", "))) VALUES ("
            + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        do {
            try connection.execute(sql, columns.map(\.value))
        } catch StorageError.uniqueViolation {
            let key = record.text(spec.keyName)
            throw RapportError(.alreadyExists, "\(spec.capitalizedLabel) \(key) already exists.", field: spec.keyName)
        }
        try writeRelated(record, connection)
    }

    /// Overwrites the stored columns, code lists and children of an existing record.
    package func update(_ record: Record, _ connection: any SQLConnection) throws {
        let columns = writtenColumns(record).filter { $0.column != keyColumn }
        if !columns.isEmpty {
            let sql =
                "UPDATE \(spec.table) SET " + columns.map { "\($0.column) = ?" }.joined(separator: ", ")
                + " WHERE \(keyColumn) = ?"
            try connection.execute(sql, columns.map(\.value) + [record[spec.keyName]])
        }
        try writeRelated(record, connection)
    }

    /// Deletes a record; one still referenced elsewhere is a `conflict`.
    package func delete(_ key: String, _ connection: any SQLConnection) throws {
        do {
            let deleted = try connection.execute("DELETE FROM \(spec.table) WHERE \(keyColumn) = ?", [keyValue(key)])
            guard deleted > 0 else { throw RapportError.notFound(spec.capitalizedLabel, key) }
        } catch StorageError.foreignKeyViolation {
            throw RapportError(
                .conflict, "\(spec.capitalizedLabel) \(key) is still in use and cannot be deleted.",
                field: spec.keyName)
        }
    }

    private func writtenColumns(_ record: Record) -> [(column: String, value: SQLValue)] {
        var columns: [(column: String, value: SQLValue)] = []
        for field in spec.fields where field.isColumn {
            guard let value = record.scalars[field.name] else { continue }
            columns.append((field.column, value))
            if field.isFolded { columns.append((field.column + "_fold", .text(CaseFold.fold(value.textValue ?? "")))) }
        }
        return columns
    }

    private func writeRelated(_ record: Record, _ connection: any SQLConnection) throws {
        let key = record[spec.keyName]
        for field in spec.fields {
            switch field.kind {
            case .codeList(let link):
                guard let codes = record.lists[field.name] else { continue }
                try connection.execute("DELETE FROM \(link.table) WHERE \(link.ownerColumn) = ?", [key])
                let insert = "INSERT INTO \(link.table) (\(link.ownerColumn), \(link.codeColumn)) VALUES (?, ?)"
                for code in codes { try connection.execute(insert, [key, .text(code)]) }
            case .children(let collection) where field.isWritable:
                guard let rows = record.children[field.name] else { continue }
                try connection.execute("DELETE FROM \(collection.table) WHERE \(collection.ownerColumn) = ?", [key])
                let childColumns = collection.fields.filter(\.isColumn)
                let sql =
                    "INSERT INTO \(collection.table) (\(collection.ownerColumn), "
                    + childColumns.map(\.column).joined(separator: ", ") + ") VALUES (?"
                    + String(repeating: ", ?", count: childColumns.count) + ")"
                for row in rows {
                    try connection.execute(sql, [key] + childColumns.map { row[$0.name] ?? $0.defaultValue })
                }
            default: continue
            }
        }
    }
}
