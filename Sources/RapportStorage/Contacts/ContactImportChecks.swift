import RapportCore

/// The checks an import makes over the whole staged file, one statement each, reporting rows.
struct ContactImportChecks {
    let connection: any SQLConnection
    let columns: ContactImportColumns?

    func run(into problems: inout ProblemList) throws {
        guard let columns else { return }
        // With the type in the index, the company check's look-ups for a million persons never leave it.
        try connection.execute("CREATE INDEX import_contact_no ON import_contact (no, type)")
        try duplicates(into: &problems)
        let references = Catalog.contacts.fields.compactMap { field -> (field: FieldSpec, target: ReferenceTarget)? in
            guard columns.isPresent(field.name), case .reference(let target) = field.kind else { return nil }
            return (field, target)
        }
        try unknownReferences(references, into: &problems)
        try unknownListCodes(
            ContactImportStaging.codeListLinks.filter { columns.isPresent($0.field.name) }, into: &problems)
        if columns.isPresent("companyNo") { try companies(into: &problems) }
        if columns.isPresent("profileAnswers") { try answers(into: &problems) }
    }

    private func duplicates(into problems: inout ProblemList) throws {
        // PostgreSQL grouped the million numbers of the 1M bench by hashing, in batches that spilled to disk: this
        // check took 0.65-0.79 s of the import. Read in order from `import_contact_no`, they are grouped without
        // spilling: 0.50 s. Only for this statement of the import's transaction.
        let sorts = connection.dialect == .postgres
        if sorts { try connection.execute("SET LOCAL enable_hashagg = off") }
        defer { if sorts { _ = try? connection.execute("SET LOCAL enable_hashagg TO DEFAULT") } }
        try connection.forEachRow(
            """
            SELECT i.row, i.no, (SELECT MIN(f.row) FROM import_contact f WHERE f.no = i.no) AS first_row
            FROM import_contact i
            WHERE i.no IN (SELECT no FROM import_contact GROUP BY no HAVING COUNT(*) > 1)
            """, []
        ) { row in
            guard row.int("row") != row.int("first_row") else { return }
            problems.append(
                Problem(
                    row: Int(row.int("row")), field: "no",
                    message: "Contact \(row.text("no")) appears more than once (first on row \(row.int("first_row"))).")
            )
        }
    }

    /// Reference fields naming codes that do not exist, in one pass over the staged contacts: each field's
    /// column is NULL unless its code is unknown. Problems are listed field by field, each in row order.
    private func unknownReferences(
        _ references: [(field: FieldSpec, target: ReferenceTarget)], into problems: inout ProblemList
    ) throws {
        guard !references.isEmpty else { return }
        let unknown = references.enumerated().map { index, reference in
            let column = "i.\(reference.field.column)"
            let target = reference.target
            return "CASE WHEN \(column) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM \(target.table) r "
                + "WHERE r.\(target.keyColumn) = \(column)) THEN \(column) END AS unknown\(index)"
        }
        let anyUnknown = references.indices.map { "unknown\($0) IS NOT NULL" }.joined(separator: " OR ")
        var found = FieldProblems(fields: references.map { ($0.field.name, $0.target) }, limit: problems.limit)
        try connection.forEachRow(
            "SELECT * FROM (SELECT i.row, \(unknown.joined(separator: ", ")) FROM import_contact i) checked "
                + "WHERE \(anyUnknown) ORDER BY row", []
        ) { row in
            for index in references.indices {
                if let code = row.values[index + 1].textValue { found.add(index, row: row.values[0], code: code) }
            }
        }
        found.list(into: &problems)
    }

    /// Code-list cells naming codes that do not exist, in one pass over the staged links.
    private func unknownListCodes(
        _ links: [(field: FieldSpec, link: CodeListLink)], into problems: inout ProblemList
    ) throws {
        guard !links.isEmpty else { return }
        let cases = links.enumerated().map { index, link in
            "WHEN '\(link.link.table)' THEN NOT EXISTS (SELECT 1 FROM \(link.link.target.table) r WHERE r.code = l.code)"
        }
        let position = Dictionary(
            links.enumerated().map { ($1.link.table, $0) }, uniquingKeysWith: { first, _ in first })
        var found = FieldProblems(fields: links.map { ($0.field.name, $0.link.target) }, limit: problems.limit)
        try connection.forEachRow(
            "SELECT l.row, l.link, l.code FROM import_link l WHERE CASE l.link \(cases.joined(separator: " ")) "
                + "ELSE false END ORDER BY l.row", []
        ) { row in
            guard let index = position[row.values[1].textValue ?? ""] else { return }
            found.add(index, row: row.values[0], code: row.values[2].textValue ?? "")
        }
        found.list(into: &problems)
    }

    /// A person's company must be a company: in the file, or already stored and not turned into a person by it.
    private func companies(into problems: inout ProblemList) throws {
        try connection.forEachRow(
            """
            SELECT i.row, i.company_no FROM import_contact i
            WHERE i.type = 'person' AND i.company_no IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM import_contact f WHERE f.no = i.company_no AND f.type = 'company')
              AND NOT EXISTS (SELECT 1 FROM contact c WHERE c.no = i.company_no AND c.type = 'company'
                              AND NOT EXISTS (SELECT 1 FROM import_contact x WHERE x.no = c.no))
            ORDER BY i.row
            """, []
        ) { row in
            problems.append(
                Problem(
                    row: Int(row.int("row")), field: "companyNo",
                    message: "Company contact '\(row.text("company_no"))' does not exist in the file or the database."))
        }
    }

    private func answers(into problems: inout ProblemList) throws {
        try connection.forEachRow(
            """
            SELECT a.row, a.questionnaire_code, a.line_no, q.type FROM import_answer a
            LEFT JOIN profile_questionnaire_line q
              ON q.questionnaire_code = a.questionnaire_code AND q.line_no = a.line_no
            WHERE q.type IS NULL OR q.type <> 'answer'
            ORDER BY a.row
            """, []
        ) { row in
            let code = row.text("questionnaire_code")
            let line = row.int("line_no")
            let message =
                row["type"] == .null
                ? "Questionnaire \(code) has no line \(line)."
                : "Line \(line) of questionnaire \(code) is a question, not an answer."
            problems.append(Problem(row: Int(row.int("row")), field: "profileAnswers", message: message))
        }
    }
}

/// The problems one pass over the staged rows finds for several fields, kept apart so that they are listed
/// field by field as separate checks would list them (which matters once there are more than can be listed).
private struct FieldProblems {
    let fields: [(name: String, target: ReferenceTarget)]
    let limit: Int
    private var listed: [[Problem]]
    private var unlisted: [Int]

    init(fields: [(name: String, target: ReferenceTarget)], limit: Int) {
        self.fields = fields
        self.limit = limit
        listed = Array(repeating: [], count: fields.count)
        unlisted = Array(repeating: 0, count: fields.count)
    }

    /// The code `code` of field `index` on row `row` does not exist.
    mutating func add(_ index: Int, row: SQLValue, code: String) {
        guard listed[index].count < limit else {
            unlisted[index] += 1
            return
        }
        let target = fields[index].target
        let label = target.label.prefix(1).uppercased() + target.label.dropFirst()
        listed[index].append(
            Problem(
                row: Int(row.intValue ?? 0), field: fields[index].name, message: "\(label) '\(code)' does not exist."))
    }

    func list(into problems: inout ProblemList) {
        for index in fields.indices {
            for problem in listed[index] { problems.append(problem) }
            problems.countUnlisted(unlisted[index])
        }
    }
}
