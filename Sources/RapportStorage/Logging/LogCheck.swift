import RapportCore

/// The pre-flight check of Log (BC §5.2 and CheckSegmentLine), over the whole segment at once: every
/// problem that would stop logging, per line, and the warnings that would not.
struct LogCheck {
    var problems: [Problem] = []
    var warnings: [Problem] = []
    /// How many problems there are in all (the lists stop at `limit`).
    var problemCount = 0
    var warningCount = 0

    static let limit = 1000

    static func run(segmentNo: String, send: Bool, _ connection: any SQLConnection) throws -> LogCheck {
        var check = LogCheck()
        if try connection.exists("SELECT 1 FROM logged_segment WHERE segment_no = ?", [.text(segmentNo)]) {
            check.add(Problem(field: "no", message: "Segment \(segmentNo) has already been logged."))
        }
        let header = try connection.query(
            "SELECT description, (SELECT COUNT(*) FROM segment_line l WHERE l.segment_no = h.no) AS lines "
                + "FROM segment_header h WHERE h.no = ?", [.text(segmentNo)]
        ).first
        if header?.text("description").isEmpty ?? true {
            check.add(Problem(field: "description", message: "The segment needs a description to be logged."))
        }
        if header?.int("lines") == 0 {
            check.add(Problem(field: "noOfLines", message: "Segment \(segmentNo) is empty."))
        }
        try connection.forEachRow(
            """
            SELECT l.line_no, l.contact_no, l.date, l.salesperson_code, l.interaction_template_code, l.description,
              l.correspondence_type, t.email, t.language_code AS contact_language, l.language_code,
              s.code AS salesperson, s.blocked
            FROM segment_line l
            JOIN contact t ON t.no = l.contact_no
            LEFT JOIN salesperson s ON s.code = l.salesperson_code
            WHERE l.segment_no = ? AND (l.date IS NULL OR l.salesperson_code IS NULL OR s.blocked = 1
              OR l.interaction_template_code IS NULL OR l.description = ''
              OR (l.correspondence_type = 'email' AND t.email = '')
              OR (t.language_code IS NOT NULL AND (l.language_code IS NULL OR l.language_code <> t.language_code)))
            ORDER BY l.line_no
            """, [.text(segmentNo)]
        ) { row in check.inspect(row, send: send) }
        if send { try check.findLinesWithoutContent(segmentNo: segmentNo, connection) }
        return check
    }

    /// A line to be sent needs something to send: a hard copy its Word document, an e-mail an e-mail body or
    /// a document (product.md §2: the check lists every problem, not the delivery later).
    private mutating func findLinesWithoutContent(segmentNo: String, _ connection: any SQLConnection) throws {
        let body = """
            SELECT 1 FROM template_email_body b WHERE b.template_code = x.template_code AND (b.language_code = x.language_code
              OR b.language_code = (SELECT t.language_code_default FROM interaction_template t WHERE t.code = x.template_code))
            """
        try connection.forEachRow(
            """
            SELECT x.line_no, l.contact_no, l.correspondence_type
            FROM (\(MergedDocumentService.sourceSQL)) x
            JOIN segment_line l ON l.segment_no = ? AND l.line_no = x.line_no
            WHERE x.source IS NULL AND l.interaction_template_code IS NOT NULL
              AND (l.correspondence_type = 'hardCopy' OR (l.correspondence_type = 'email' AND NOT EXISTS (\(body))))
            ORDER BY x.line_no
            """, [.text(segmentNo), .text(segmentNo)]
        ) { row in
            let type = CorrespondenceType(rawValue: row.text("correspondence_type"))
            add(
                Problem(
                    lineNo: Int(row.int("line_no")), contactNo: row.text("contact_no"), field: "document",
                    message: type == .hardCopy
                        ? "The line is to be sent as a hard copy but has no Word document."
                        : "The line is to be sent by e-mail but has neither an e-mail body nor a Word document."))
        }
    }

    private mutating func inspect(_ row: SQLRow, send: Bool) {
        let lineNo = Int(row.int("line_no"))
        let contactNo = row.text("contact_no")
        func problem(_ field: String, _ message: String) {
            add(Problem(lineNo: lineNo, contactNo: contactNo, field: field, message: message))
        }
        if row["date"] == .null { problem("date", "The line has no date.") }
        if row["salesperson_code"] == .null { problem("salespersonCode", "The line has no salesperson.") }
        if row.bool("blocked") { problem("salespersonCode", "Salesperson \(row.text("salesperson")) is blocked.") }
        if row["interaction_template_code"] == .null {
            problem("interactionTemplateCode", "The line has no interaction template.")
        }
        if row.text("description").isEmpty { problem("description", "The line has no description.") }
        if CorrespondenceType(rawValue: row.text("correspondence_type")) == .email, row.text("email").isEmpty {
            if send {
                problem("correspondenceType", "Contact \(contactNo) has no e-mail address to send to.")
            } else {
                warn(
                    Problem(
                        lineNo: lineNo, contactNo: contactNo, field: "correspondenceType",
                        message:
                            "Contact \(contactNo) has no e-mail address; the entry is logged without a correspondence type."
                    ))
            }
        }
        let contactLanguage = row.text("contact_language")
        if !contactLanguage.isEmpty, row.text("language_code") != contactLanguage {
            let used = row["language_code"].nonBlankText ?? "no language"
            warn(
                Problem(
                    lineNo: lineNo, contactNo: contactNo, field: "languageCode",
                    message: "The template has nothing in \(contactLanguage), the contact's language; \(used) is used.")
            )
        }
    }

    private mutating func add(_ problem: Problem) {
        problemCount += 1
        if problems.count < Self.limit { problems.append(problem) }
    }

    private mutating func warn(_ warning: Problem) {
        warningCount += 1
        if warnings.count < Self.limit { warnings.append(warning) }
    }

    var isOK: Bool { problemCount == 0 }

    /// The refusal of a Log with problems.
    var refusal: RapportError {
        let listed = problemCount > problems.count ? " (the first \(problems.count) are listed)" : ""
        return RapportError(
            .logRefused, "The segment cannot be logged: \(problemCount) problem(s)\(listed).",
            field: problems.first?.field,
            details: problems)
    }
}
