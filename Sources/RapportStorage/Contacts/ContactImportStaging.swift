import RapportCore

/// The staging tables of one import, inside its transaction, and the statements that move them
/// into the contact tables.
struct ContactImportStaging {
    let connection: any SQLConnection
    private(set) var columns: ContactImportColumns?
    private var insertContact: BatchInsert?
    private var insertLink: BatchInsert?
    private var insertAnswer: BatchInsert?
    /// SQLite's page cache sizes before the import (`enlargeCaches`).
    private var cacheSizes: [(schema: String, size: Int64)] = []

    /// The contact table's columns, fold shadows included.
    static let contactColumns: [String] = Catalog.contacts.fields.filter(\.isColumn).flatMap {
        $0.isFolded ? [$0.column, $0.column + "_fold"] : [$0.column]
    }

    static var codeListLinks: [(field: FieldSpec, link: CodeListLink)] {
        Catalog.contacts.fields.compactMap { field in
            if case .codeList(let link) = field.kind { return (field, link) }
            return nil
        }
    }

    init(_ connection: any SQLConnection) throws {
        self.connection = connection
        let flags = Set(
            Catalog.contacts.fields.filter { if case .boolean = $0.kind { true } else { false } }.map(\.column))
        // Staged text is compared with the contact tables' text, which PostgreSQL holds in code-point order.
        let text = connection.dialect == .postgres ? #"TEXT COLLATE "C""# : "TEXT"
        let typed = Self.contactColumns.map { "\($0) \(flags.contains($0) ? "BIGINT" : text)" }
            .joined(separator: ", ")
        if connection.dialect == .sqlite { cacheSizes = try Self.enlargeCaches(connection) }
        if connection.dialect == .postgres {
            // For this transaction only: its sorts, hashes and index builds fit in memory instead of temporary files.
            try connection.execute("SET LOCAL work_mem = '64MB'")
            try connection.execute("SET LOCAL maintenance_work_mem = '256MB'")
        }
        try connection.execute("CREATE TEMP TABLE import_contact (row BIGINT NOT NULL, \(typed))")
        try connection.execute(
            "CREATE TEMP TABLE import_link (row BIGINT NOT NULL, link \(text) NOT NULL, contact_no \(text) NOT NULL, "
                + "code \(text) NOT NULL)")
        try connection.execute(
            "CREATE TEMP TABLE import_answer (row BIGINT NOT NULL, contact_no \(text) NOT NULL, "
                + "questionnaire_code \(text) NOT NULL, line_no BIGINT NOT NULL)")
    }

    /// Removes the staging tables (a refused import rolls them back anyway), and gives SQLite's page caches back
    /// their sizes.
    func drop() {
        for table in ["import_contact", "import_link", "import_answer"] {
            _ = try? connection.execute("DROP TABLE IF EXISTS \(table)")
        }
        for (schema, size) in cacheSizes {
            _ = try? connection.execute("PRAGMA \(schema).cache_size = \(size)")
        }
    }

    /// SQLite's page cache for the import, per database, in KiB: the size the baseline's own load uses (`load.sql`).
    static let importCacheKiB = 262_144

    /// Gives the import's connection larger page caches for its transaction and returns the sizes to go back to.
    /// Without this the staging tables lived in the temporary database's default cache of 2 MB and every page of
    /// theirs went out to a temporary file and back, and the main database's 64 MB held a small part of the tables
    /// being filled: a first load of the 1M bench's contacts took about 5 s less with both (57 s against 52 s,
    /// two runs each; the machine is noisy). Both caches are bounded, whatever the file's size.
    static func enlargeCaches(_ connection: any SQLConnection) throws -> [(schema: String, size: Int64)] {
        var previous: [(schema: String, size: Int64)] = []
        for schema in ["main", "temp"] {
            previous.append((schema, try connection.scalar("PRAGMA \(schema).cache_size")?.intValue ?? -2000))
            try connection.execute("PRAGMA \(schema).cache_size = -\(importCacheKiB)")
        }
        return previous
    }

    mutating func prepare(_ columns: ContactImportColumns) throws {
        self.columns = columns
        insertContact = BatchInsert(connection, table: "import_contact", columns: ["row"] + Self.contactColumns)
        insertLink = BatchInsert(connection, table: "import_link", columns: ["row", "link", "contact_no", "code"])
        insertAnswer = BatchInsert(
            connection, table: "import_answer", columns: ["row", "contact_no", "questionnaire_code", "line_no"])
    }

    func stage(_ contact: StagedContact) throws {
        let row = SQLValue.integer(Int64(contact.row))
        let no = contact.values[Self.noPosition]
        try insertContact?.append(row, contact.values)
        for (table, codes) in contact.links {
            for code in codes { try insertLink?.append([row, .text(table), no, .text(code)]) }
        }
        for answer in contact.answers {
            try insertAnswer?.append([row, no, .text(answer.code), .integer(answer.lineNo)])
        }
    }

    /// Writes the rows still queued in the batches; every row is in the staging tables afterwards.
    func flush() throws {
        try insertContact?.flush()
        try insertLink?.flush()
        try insertAnswer?.flush()
    }

    static let noPosition = contactColumns.firstIndex(of: "no") ?? 0

    /// Upserts the staged contacts and replaces the relations the file carries; returns the counts, with the tables a
    /// first load filled with their indexes set aside (to settle once the import's outcome is recorded:
    /// `ContactImporter.settle`).
    func commit() throws -> ContactImporter.Result {
        guard let columns else { return ContactImporter.Result(created: 0, updated: 0) }
        // Into an empty database (a first load) the indexes are built once at the end instead of row by row, and on
        // PostgreSQL the foreign keys are checked in one pass each at the end instead of one query per row.
        let indexes = try DeferredSchema(
            connection, emptyTablesOf: ["contact"] + Self.codeListLinks.map(\.link.table) + ["contact_profile_answer"],
            postgres: ContactTablesPostgresSchema.all)
        let total = Int(try connection.scalar("SELECT COUNT(*) FROM import_contact")?.intValue ?? 0)
        let updated =
            indexes.emptyTables.contains("contact")
            ? 0
            : Int(
                try connection.scalar(
                    "SELECT COUNT(*) FROM import_contact i WHERE EXISTS (SELECT 1 FROM contact c WHERE c.no = i.no)")?
                    .intValue ?? 0)
        try connection.execute(upsertSQL(columns, intoEmptyTable: indexes.emptyTables.contains("contact")))
        // A file names each contact once (the checks refuse repeats) and each code once per contact, so the
        // staged relations have no repeats to remove.
        let staged = "SELECT no FROM import_contact"
        for (field, link) in Self.codeListLinks where columns.isPresent(field.name) {
            if !indexes.emptyTables.contains(link.table) {
                try connection.execute("DELETE FROM \(link.table) WHERE contact_no IN (\(staged))")
            }
            try connection.execute(
                "INSERT INTO \(link.table) (contact_no, code) SELECT contact_no, code FROM import_link WHERE link = ?",
                [.text(link.table)])
        }
        if columns.isPresent("profileAnswers") {
            if !indexes.emptyTables.contains("contact_profile_answer") {
                try connection.execute("DELETE FROM contact_profile_answer WHERE contact_no IN (\(staged))")
            }
            try connection.execute(
                "INSERT INTO contact_profile_answer (contact_no, questionnaire_code, line_no) "
                    + "SELECT contact_no, questionnaire_code, line_no FROM import_answer")
        }
        try indexes.restore()
        return ContactImporter.Result(
            created: total - updated, updated: updated,
            loadedTables: indexes.statements.isEmpty ? [] : indexes.emptyTables.sorted())
    }

    /// New contacts get every column (defaults where the file is silent); existing ones only the
    /// columns the file has. A person's company link is kept when the file has no companyNo column. Into an empty
    /// table nothing can conflict (the checks refuse a number the file repeats): a plain insert, without looking
    /// each number up first.
    func upsertSQL(_ columns: ContactImportColumns, intoEmptyTable: Bool) -> String {
        var selected: [String] = []
        var updates: [String] = []
        for field in Catalog.contacts.fields where field.isColumn {
            for column in field.isFolded ? [field.column, field.column + "_fold"] : [field.column] {
                selected.append(Self.selectExpression(column, field: field))
                if column == "no" || column == "company_no" { continue }
                if columns.isPresent(field.name) {
                    updates.append("\(column) = excluded.\(column)")
                }
            }
        }
        let companyUpdate =
            columns.isPresent("companyNo")
            ? "company_no = excluded.company_no"
            : "company_no = CASE WHEN excluded.type = 'company' THEN excluded.no "
                + "WHEN contact.company_no = contact.no THEN NULL ELSE contact.company_no END"
        updates.append(companyUpdate)
        let insert =
            "INSERT INTO contact (\(Self.contactColumns.joined(separator: ", "))) SELECT "
            + selected.joined(separator: ", ")
            // File order keeps the table's rows near the file's, nothing more: SQLite's staging rows are numbered in
            // file order already (ORDER BY row would sort the whole file), and PostgreSQL reads its temporary table in
            // the order COPY wrote it (sorting it spilled 240 MB to disk for a million contacts).
            + " FROM import_contact WHERE 1 = 1\(connection.dialect == .sqlite ? " ORDER BY rowid" : "")"
        guard !intoEmptyTable else { return insert }
        return insert + " ON CONFLICT (no) DO UPDATE SET " + updates.joined(separator: ", ")
    }

    static func selectExpression(_ column: String, field: FieldSpec) -> String {
        // A person without a company has NULL, not blank: the column is a foreign key.
        if field.name == "companyNo" { return column }
        return switch field.kind {
        case .boolean: "CAST(COALESCE(\(column), 0) AS BIGINT)"
        case .code, .text: "COALESCE(\(column), '')"
        default: column
        }
    }
}
