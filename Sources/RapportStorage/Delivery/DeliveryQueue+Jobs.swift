import Foundation
import RapportCore

/// Reading claimed entries as jobs, set-based: one query for every entry's merge data and delivery columns, one
/// for the distinct source documents, one for the distinct pinned e-mail bodies. A batch of 512 e-mails is three
/// round trips on PostgreSQL instead of four or five per entry, and each source document crosses the wire once.
extension DeliveryQueue {
    /// The jobs of `entryNos`, in order, in one read transaction.
    func jobs(_ entryNos: [Int64]) async throws -> [Job] {
        guard !entryNos.isEmpty else { return [] }
        return try await store.read { connection in try Self.jobs(entryNos, connection) }
    }

    /// The jobs of `entryNos`, in order. An entry whose row (or contact) is missing cannot be delivered: not found.
    static func jobs(_ entryNos: [Int64], _ connection: any SQLConnection) throws -> [Job] {
        let entries = entryList(entryNos, column: "s.entry_no", connection.dialect)
        let sql = MergeData.query(
            source:
                "FROM interaction_log_entry s LEFT JOIN logged_segment ls ON ls.entry_no = s.logged_segment_entry_no",
            date: "s.date", description: "s.description", subject: "s.subject", entryNo: "s.entry_no",
            language: "s.interaction_language_code", columns: jobColumns)
        var rows: [Int64: SQLRow] = [:]
        for row in try connection.query(sql + " WHERE " + entries.sql, entries.binds) { rows[row.int("key_no")] = row }
        let documents = try blobs(
            "SELECT sha256 AS k, docx AS v FROM document_blob WHERE sha256 IN", rows.values, "document_sha256",
            connection)
        let bodies = try blobs(
            "SELECT sha256 AS k, html AS v FROM email_body_blob WHERE sha256 IN", rows.values, "email_body_sha256",
            connection)
        var templateBodies: [String: String?] = [:]
        return try entryNos.map { entryNo in
            guard let row = rows[entryNo] else { throw RapportError.notFound("Interaction log entry", String(entryNo)) }
            let template = row.text("interaction_template_code")
            let language = row.text("interaction_language_code")
            let body: String?
            if case .text(let html)? = bodies[row.text("email_body_sha256")] {
                body = html.isEmpty ? nil : html
            } else if let known = templateBodies[template + "\u{0}" + language] {
                body = known
            } else {
                // Logged before bodies were pinned: its template's body now, read once per template in the batch.
                body = try templateBody(template: template, language: language, connection)
                templateBodies[template + "\u{0}" + language] = body
            }
            return try job(row, document: documents[row.text("document_sha256")], body: body, connection)
        }
    }

    /// The delivery columns read beside the merge data.
    static let jobColumns = """
        s.send_word_doc_as_attachment, s.delivery_attempts, s.logged_segment_entry_no, s.interaction_language_code,
          ls.interaction_template_code AS header_template, ls.language_code_default AS header_language,
          s.merge_snapshot, s.document_sha256, s.email_body_sha256
        """

    /// One entry's job from its row, its frozen source document and its e-mail body.
    static func job(_ row: SQLRow, document: SQLValue?, body: String?, _ connection: any SQLConnection) throws -> Job {
        let entryNo = row.int("key_no")
        let frozen = MergeSnapshot.fields(row.text("merge_snapshot"), entryNo: entryNo)
        var docx: [UInt8]?
        if frozen != nil {
            if case .blob(let bytes)? = document { docx = bytes }
        } else {
            docx = try legacyDocument(entryNo, row, connection)
        }
        let fields = frozen ?? MergeData.fields(row)
        let subject = fields.document.subject.isEmpty ? fields.document.description : fields.document.subject
        return Job(
            entryNo: entryNo, correspondenceType: CorrespondenceType(rawValue: row.text("correspondence_type")),
            recipient: frozen?.contact.email ?? row.text("email"), subject: subject, fields: fields, template: docx,
            documentKey: frozen == nil ? nil : row["document_sha256"].textValue, emailBody: body,
            sendDocumentAsAttachment: row.bool("send_word_doc_as_attachment"),
            attempts: Int(row.int("delivery_attempts")))
    }

    /// `select` (ending in `IN`) run once for the distinct non-empty `column` values of `rows`: the value (`v`) of
    /// each key (`k`).
    static func blobs(
        _ select: String, _ rows: Dictionary<Int64, SQLRow>.Values, _ column: String, _ connection: any SQLConnection
    ) throws -> [String: SQLValue] {
        let keys = Array(Set(rows.map { $0.text(column) }.filter { !$0.isEmpty })).sorted()
        guard !keys.isEmpty else { return [:] }
        let list = padded(keys.map(SQLValue.text))
        var found: [String: SQLValue] = [:]
        for row in try connection.query(select + " (\(list.sql))", list.binds) { found[row.text("k")] = row["v"] }
        return found
    }

    /// `column IN (...)` for `numbers`: on PostgreSQL `= ANY` of one array value (one statement for every batch
    /// size), on SQLite a list of placeholders padded to a power of two (a handful of statements, each prepared once).
    static func entryList(_ numbers: [Int64], column: String, _ dialect: SQLDialect) -> SQLFragment {
        switch dialect {
        case .postgres:
            let array = "{" + numbers.map(String.init).joined(separator: ",") + "}"
            return SQLFragment("\(column) = ANY(CAST(? AS bigint[]))", [.text(array)])
        case .sqlite:
            let list = padded(numbers.map(SQLValue.integer))
            return SQLFragment("\(column) IN (\(list.sql))", list.binds)
        }
    }

    /// `values` as placeholders padded (with the last value) to a power of two.
    static func padded(_ values: [SQLValue]) -> SQLFragment {
        var size = 1
        while size < values.count { size *= 2 }
        let binds = values + Array(repeating: values.last ?? .null, count: size - values.count)
        return SQLFragment(Array(repeating: "?", count: size).joined(separator: ", "), binds)
    }

    /// The body of `template` in `language` (or in its default language) now; nil when it has none.
    static func templateBody(template: String, language: String, _ connection: any SQLConnection) throws -> String? {
        try connection.scalar(
            "SELECT html FROM template_email_body WHERE template_code = ? AND language_code = ?",
            [.text(template), .text(language)])?.textValue
            ?? connection.scalar(
                """
                SELECT b.html FROM template_email_body b JOIN interaction_template t ON t.code = b.template_code
                WHERE b.template_code = ? AND b.language_code = t.language_code_default
                """, [.text(template)])?.textValue
    }
}
