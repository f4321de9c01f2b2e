import RapportCore

/// What the lines of one worksheet are merged from and sent with, resolved once per Log before its entries
/// are written: the SHA-256 of each document a line can use (its personalised one, the segment's, its
/// template's for its language or the template's default language, BC §3.4) and of each e-mail body. The
/// entries' `INSERT ... SELECT` then picks a line's hash with a `CASE` over these few values, instead of
/// looking the documents up again for every line.
struct LogSources {
    /// SQL over a line `l` (and `ld`, its personalised document, when `lineDocumentJoin` is used): the
    /// SHA-256 of the document the line merges, NULL when none applies.
    var document: SQLFragment
    /// The join `document` reads personalised documents through; nil when the segment has none.
    var lineDocumentJoin: String?
    /// SQL over a line `l`: the SHA-256 of the e-mail body its template has for its language (or the
    /// template's default language); NULL when none.
    var emailBody: SQLFragment
    /// Where the documents entries may pin are, to store once in `document_blob`: a table with `sha256` and `docx`,
    /// a condition (over alias `d`) with its binds, and the one hash it gives when known beforehand. A segment's line
    /// documents are one source however many there are, their hashes not read beforehand.
    var documents: [(sha256: String?, table: String, condition: String, binds: [SQLValue])]
    /// The e-mail bodies entries may pin, to store once in `email_body_blob`.
    var emailBodies: [(sha256: String, html: String)]

    /// Resolves the sources of worksheet `segmentNo`; e-mail bodies only when `withEmailBodies` (they are
    /// only pinned on entries queued for delivery). Documents stored before their hashes were kept are
    /// hashed here, once: their hash is stamped on the row.
    static func resolve(
        _ segmentNo: String, withEmailBodies: Bool, _ connection: any SQLConnection
    ) throws -> LogSources {
        let header = try connection.query(
            "SELECT interaction_template_code, language_code_default FROM segment_header WHERE no = ?",
            [.text(segmentNo)]
        ).first
        var parts: [SQLFragment] = []
        var documents: [(sha256: String?, table: String, condition: String, binds: [SQLValue])] = []
        var lineDocumentJoin: String?
        if try connection.exists("SELECT 1 FROM segment_line_document WHERE segment_no = ?", [.text(segmentNo)]) {
            try hashMissing(
                "segment_line_document", keys: ["segment_no", "line_no"], condition: "segment_no = ?",
                [.text(segmentNo)], connection)
            lineDocumentJoin =
                "LEFT JOIN segment_line_document ld ON ld.segment_no = l.segment_no AND ld.line_no = l.line_no"
            parts.append(SQLFragment("ld.sha256", []))
            documents.append((nil, "segment_line_document", "d.segment_no = ?", [.text(segmentNo)]))
        }
        try hashMissing(
            "segment_document", keys: ["segment_no"], condition: "segment_no = ?", [.text(segmentNo)], connection)
        if let sha256 = try connection.scalar(
            "SELECT sha256 FROM segment_document WHERE segment_no = ?", [.text(segmentNo)])?.textValue
        {
            // The segment's own document serves the lines that follow the header's template and language.
            var condition: SQLFragment
            if let template = header?["interaction_template_code"].nonBlankText {
                condition = SQLFragment("l.interaction_template_code = ?", [.text(template)])
            } else {
                condition = SQLFragment("l.interaction_template_code IS NULL", [])
            }
            if let language = header?["language_code_default"].nonBlankText {
                condition = SQLFragment(
                    condition.sql + " AND (l.language_code IS NULL OR l.language_code = ?)",
                    condition.binds + [.text(language)])
            }
            parts.append(SQLFragment("CASE WHEN \(condition.sql) THEN ? END", condition.binds + [.text(sha256)]))
            documents.append((sha256, "segment_document", "d.segment_no = ?", [.text(segmentNo)]))
        }
        // Every template's documents, not only those the lines use: the few stored before hashes were kept are
        // hashed once whichever Log comes first, and finding the templates in use would read every line.
        try hashMissing(
            "template_document", keys: ["template_code", "language_code"], condition: "1 = 1", [], connection)
        let templateDocuments = try templateValues("template_document", "sha256", segmentNo, connection)
        if let map = templateMap(templateDocuments) { parts.append(map) }
        for value in templateDocuments {
            documents.append(
                (
                    value.value, "template_document", "d.template_code = ? AND d.language_code = ?",
                    [.text(value.template), .text(value.language)]
                ))
        }
        var emailBody = SQLFragment("NULL", [])
        var emailBodies: [(String, String)] = []
        if withEmailBodies {
            let bodies = try templateValues("template_email_body", "html", segmentNo, connection).map {
                (
                    template: $0.template, language: $0.language, isDefault: $0.isDefault,
                    value: DocumentHash.hex(Array($0.value.utf8)), html: $0.value
                )
            }
            // An e-mail whose template has no body then is pinned to the blank one: a body added to the
            // template later must not reach it either.
            let blank = DocumentHash.hex([])
            emailBodies = bodies.map { ($0.value, $0.html) } + [(blank, "")]
            let map = templateMap(bodies.map { ($0.template, $0.language, $0.isDefault, $0.value) })
            emailBody = SQLFragment(
                "COALESCE(\(map?.sql ?? "NULL"), ?)", (map?.binds ?? []) + [.text(blank)])
        }
        let document =
            parts.isEmpty
            ? SQLFragment("NULL", [])
            : parts.count == 1
                ? parts[0]
                : SQLFragment("COALESCE(\(parts.map(\.sql).joined(separator: ", ")))", parts.flatMap(\.binds))
        return LogSources(
            document: document, lineDocumentJoin: lineDocumentJoin, emailBody: emailBody,
            documents: documents,
            emailBodies: emailBodies.map { (sha256: $0.0, html: $0.1) })
    }

    /// One value per template language of the templates the worksheet's lines use, and whether that
    /// language is the template's default. When the installation has few such values at all, every one of them:
    /// values of templates no line uses never match in the `CASE`, and finding the templates in use reads every
    /// line (40-60 ms of a 100,000-line Log on PostgreSQL).
    static func templateValues(
        _ table: String, _ column: String, _ segmentNo: String, allUpTo: Int = allTemplateValuesUpTo,
        _ connection: any SQLConnection
    ) throws -> [(template: String, language: String, isDefault: Bool, value: String)] {
        let all = try templateValues(table, column, limit: allUpTo + 1, connection)
        if all.count <= allUpTo { return all }
        return try templateValues(
            table, column,
            used: SQLFragment(
                "d.template_code IN (SELECT DISTINCT interaction_template_code FROM segment_line WHERE segment_no = ?)",
                [.text(segmentNo)]), connection)
    }

    /// Up to this many values a Log's `CASE` holds every template's, not only the used ones'.
    static let allTemplateValuesUpTo = 32

    static func templateValues(
        _ table: String, _ column: String, used: SQLFragment = SQLFragment("1 = 1", []), limit: Int? = nil,
        _ connection: any SQLConnection
    ) throws -> [(template: String, language: String, isDefault: Bool, value: String)] {
        try connection.query(
            """
            SELECT d.template_code, d.language_code, d.\(column) AS value,
              CASE WHEN d.language_code = t.language_code_default THEN 1 ELSE 0 END AS is_default
            FROM \(table) d JOIN interaction_template t ON t.code = d.template_code
            WHERE \(used.sql) AND d.\(column) IS NOT NULL
            ORDER BY d.template_code, d.language_code\(limit.map { " LIMIT \($0)" } ?? "")
            """, used.binds
        ).map { ($0.text("template_code"), $0.text("language_code"), $0.bool("is_default"), $0.text("value")) }
    }

    /// A `CASE` over line `l` that gives the value of its template in its language, else in the template's
    /// default language; nil when there are no values.
    static func templateMap(
        _ values: [(template: String, language: String, isDefault: Bool, value: String)]
    ) -> SQLFragment? {
        guard !values.isEmpty else { return nil }
        var sql = "CASE"
        var binds: [SQLValue] = []
        for value in values {
            sql += " WHEN l.interaction_template_code = ? AND l.language_code = ? THEN ?"
            binds += [.text(value.template), .text(value.language), .text(value.value)]
        }
        for value in values where value.isDefault {
            sql += " WHEN l.interaction_template_code = ? THEN ?"
            binds += [.text(value.template), .text(value.value)]
        }
        return SQLFragment(sql + " END", binds)
    }

    /// Hashes the documents at `table` matching `condition` that were stored before hashes were kept
    /// (migration 0010) and the start-up backfill has not reached yet: the rare case, a read that finds
    /// nothing otherwise.
    static func hashMissing(
        _ table: String, keys: [String], condition: String, _ binds: [SQLValue], _ connection: any SQLConnection
    ) throws {
        let rows = try connection.query(
            "SELECT \(keys.joined(separator: ", ")), docx FROM \(table) WHERE sha256 IS NULL AND \(condition)", binds)
        for row in rows {
            guard case .blob(let docx) = row["docx"] else { continue }
            let match = keys.map { "\($0) = ?" }.joined(separator: " AND ")
            try connection.execute(
                "UPDATE \(table) SET sha256 = ? WHERE \(match)", [.text(DocumentHash.hex(docx))] + keys.map { row[$0] })
        }
    }

    /// SQL over a line `l`: the SHA-256 of the e-mail body its entry pins, an e-mail to deliver's alone (`send`).
    func pinnedEmailBody(send: Bool) -> SQLFragment {
        guard send, emailBody.sql != "NULL" else { return SQLFragment("NULL") }
        return SQLFragment("CASE WHEN l.correspondence_type = 'email' THEN \(emailBody.sql) END", emailBody.binds)
    }

    /// Runs `insert`, an `INSERT` of entries (columns `document_sha256` and `email_body_sha256` among them), and
    /// stores, once each, the documents and e-mail bodies its entries pinned that the blob tables do not hold yet;
    /// returns how many entries it wrote. On PostgreSQL, which checks an entry's pins when the statement that writes
    /// it ends (migration 0030), they are stored in that statement, from the rows it returns, with `postgresAlso`:
    /// more statements over those rows (`e`, with the columns `returning` names). SQLite, which has no `INSERT` in a
    /// `WITH` and checks its keys at the commit, stores them afterwards, one short statement per source.
    func writeEntries(
        _ insert: SQLFragment, returning: [String] = [], postgresAlso: [SQLFragment] = [],
        _ connection: any SQLConnection
    ) throws -> Int {
        let candidates = try withoutStored(connection)
        guard connection.dialect == .postgres else {
            let written = try connection.execute(insert.sql, insert.binds)
            for statement in candidates.storeStatements(pinnedIn: "interaction_log_entry") {
                try connection.execute(statement.sql, statement.binds)
            }
            return written
        }
        let stores = candidates.storeStatements(pinnedIn: "p")
        let columns = returning + (stores.isEmpty ? [] : ["document_sha256", "email_body_sha256"])
        var parts = [
            "e AS (\(insert.sql) RETURNING \((columns.isEmpty ? ["entry_no"] : columns).joined(separator: ", ")))"
        ]
        if !stores.isEmpty { parts.append("p AS (SELECT DISTINCT document_sha256, email_body_sha256 FROM e)") }
        var binds = insert.binds
        for (index, statement) in (postgresAlso + stores).enumerated() {
            parts.append("w\(index) AS (\(statement.sql))")
            binds += statement.binds
        }
        return Int(
            try connection.scalar("WITH \(parts.joined(separator: ", ")) SELECT COUNT(*) FROM e", binds)?.intValue ?? 0)
    }

    /// These sources less the documents and e-mail bodies already stored, of those whose hashes are known
    /// beforehand (all but a segment's line documents), in one query: a Log whose documents and bodies are stored
    /// (the usual case) then has nothing to store, and on PostgreSQL its statement nothing more to do.
    func withoutStored(_ connection: any SQLConnection) throws -> LogSources {
        let documentHashes = documents.compactMap(\.sha256)
        let bodyHashes = emailBodies.map(\.sha256)
        guard !documentHashes.isEmpty || !bodyHashes.isEmpty else { return self }
        let marks = { (hashes: [String]) in hashes.isEmpty ? "NULL" : hashes.map { _ in "?" }.joined(separator: ", ") }
        let stored = try connection.query(
            "SELECT 'document' AS kind, sha256 FROM document_blob WHERE sha256 IN (\(marks(documentHashes))) "
                + "UNION ALL SELECT 'body', sha256 FROM email_body_blob WHERE sha256 IN (\(marks(bodyHashes)))",
            (documentHashes + bodyHashes).map { .text($0) })
        let storedDocuments = Set(stored.filter { $0.text("kind") == "document" }.map { $0.text("sha256") })
        let storedBodies = Set(stored.filter { $0.text("kind") == "body" }.map { $0.text("sha256") })
        var rest = self
        rest.documents.removeAll { $0.sha256.map(storedDocuments.contains) ?? false }
        rest.emailBodies.removeAll { storedBodies.contains($0.sha256) }
        return rest
    }

    /// The statements that store the candidates that the blob tables do not hold yet and that an entry in
    /// `pinnedIn` (a relation with the entries' `document_sha256` and `email_body_sha256`) pinned: one for each
    /// source of documents, one for each e-mail body. A hash missing from its blob table can only be pinned by the
    /// entries just written (earlier entries' blobs are there), so one look-up says whether to store it.
    func storeStatements(pinnedIn pins: String) -> [SQLFragment] {
        documents.map { source in
            SQLFragment(
                """
                INSERT INTO document_blob (sha256, docx)
                SELECT d.sha256, d.docx FROM \(source.table) d WHERE \(source.condition) AND d.sha256 IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM document_blob b WHERE b.sha256 = d.sha256)
                  AND EXISTS (SELECT 1 FROM \(pins) pin WHERE pin.document_sha256 = d.sha256)
                ON CONFLICT (sha256) DO NOTHING
                """, source.binds)
        }
            + emailBodies.map { body in
                SQLFragment(
                    """
                    INSERT INTO email_body_blob (sha256, html)
                    SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM email_body_blob b WHERE b.sha256 = ?)
                      AND EXISTS (SELECT 1 FROM \(pins) pin WHERE pin.email_body_sha256 = ?)
                    ON CONFLICT (sha256) DO NOTHING
                    """, [.text(body.sha256), .text(body.html), .text(body.sha256), .text(body.sha256)])
            }
    }
}
