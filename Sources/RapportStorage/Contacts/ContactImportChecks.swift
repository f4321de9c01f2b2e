import RapportCore

/// The checks an import makes over the whole staged file, one statement each, reporting rows.
struct ContactImportChecks {
    let connection: any SQLConnection
    let columns: ContactImportColumns?

    func run(into problems: inout ProblemList) throws {
        guard let columns else { return }
        try connection.execute("CREATE INDEX import_contact_no ON import_contact (no)")
        try duplicates(into: &problems)
        for field in Catalog.contacts.fields where columns.isPresent(field.name) {
            if case .reference(let target) = field.kind {
                try unknownCodes(
                    "SELECT i.row, i.\(field.column) FROM import_contact i WHERE i.\(field.column) IS NOT NULL "
                        + "AND NOT EXISTS (SELECT 1 FROM \(target.table) r WHERE r.\(target.keyColumn) = i.\(field.column))",
                    field: field.name, target: target, into: &problems)
            }
        }
        for (field, link) in ContactImportStaging.codeListLinks where columns.isPresent(field.name) {
            try unknownCodes(
                "SELECT l.row, l.code FROM import_link l WHERE l.link = ? AND NOT EXISTS "
                    + "(SELECT 1 FROM \(link.target.table) r WHERE r.code = l.code)",
                [.text(link.table)], field: field.name, target: link.target, into: &problems)
        }
        if columns.isPresent("companyNo") { try companies(into: &problems) }
        if columns.isPresent("profileAnswers") { try answers(into: &problems) }
    }

    private func duplicates(into problems: inout ProblemList) throws {
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

    private func unknownCodes(
        _ sql: String, _ binds: [SQLValue] = [], field: String, target: ReferenceTarget,
        into problems: inout ProblemList
    ) throws {
        try connection.forEachRow(sql + " ORDER BY 1", binds) { row in
            let label = target.label.prefix(1).uppercased() + target.label.dropFirst()
            problems.append(
                Problem(
                    row: Int(row.values[0].intValue ?? 0), field: field,
                    message: "\(label) '\(row.values[1].textValue ?? "")' does not exist."))
        }
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
