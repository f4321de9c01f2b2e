/// Whether the contact import may write with SQLite's row-by-row foreign-key checks off.
///
/// The import checks every reference of the file itself, set-based, before it writes (`ContactImportChecks`): the
/// codes of each reference field and code list, the companies, the questionnaire lines of the answers. A relation
/// row's contact is a contact of the same file. So SQLite's own checks, one look-up per key per row, only repeat them:
/// on the 1M bench they were 6 of the import's 50-odd seconds (two look-ups for each of 4.1M relation rows, five for
/// each contact).
///
/// That holds only while the tables have exactly the foreign keys those checks cover, which are the ones
/// `ContactTablesPostgresSchema` lists for PostgreSQL. The catalogue is asked before each import; a migration that
/// adds a key the list has not caught up with keeps SQLite checking (and `ContactImportForeignKeysTests` fails).
enum ContactImportForeignKeys {
    /// The covered keys, as `table FOREIGN KEY (…) REFERENCES parent (…)[ ON DELETE …]`.
    static let covered: Set<String> = Set(
        ContactTablesPostgresSchema.all.flatMap { schema in
            schema.foreignKeys.map { "\(schema.table) \($0.definition)" }
        })

    /// True on SQLite when the contact tables' foreign keys are exactly the covered ones; always false on PostgreSQL,
    /// whose first load sets its keys aside in its own way (`DeferredSchema`).
    static func checkedByImport(_ connection: any SQLConnection) throws -> Bool {
        guard connection.dialect == .sqlite else { return false }
        return try sqliteKeys(connection) == covered
    }

    /// The SQLite catalogue's foreign keys of the contact tables, written as `covered` writes them.
    static func sqliteKeys(_ connection: any SQLConnection) throws -> Set<String> {
        var keys: Set<String> = []
        for table in ContactTablesPostgresSchema.all.map(\.table) {
            var parts: [Int64: (parent: String, from: [String], to: [String], onDelete: String)] = [:]
            try connection.forEachRow(
                "SELECT id, \"table\" AS parent, \"from\" AS child_column, \"to\" AS parent_column, on_delete "
                    + "FROM pragma_foreign_key_list(?) ORDER BY id, seq", [.text(table)]
            ) { row in
                let id = row.int("id")
                var part = parts[id] ?? (row.text("parent"), [], [], row.text("on_delete"))
                part.from.append(row.text("child_column"))
                part.to.append(row.text("parent_column"))
                parts[id] = part
            }
            for part in parts.values {
                let onDelete = part.onDelete == "NO ACTION" ? "" : " ON DELETE \(part.onDelete)"
                keys.insert(
                    "\(table) FOREIGN KEY (\(part.from.joined(separator: ", "))) REFERENCES \(part.parent) "
                        + "(\(part.to.joined(separator: ", ")))\(onDelete)")
            }
        }
        return keys
    }
}
