import RapportCore

/// The pre-flight check of Log (BC §5.2 and CheckSegmentLine), over the whole segment at once: every
/// problem that would stop logging, per line, and the warnings that would not.
struct LogCheck {
    var problems: [Problem] = []
    var warnings: [Problem] = []
    /// How many problems there are in all (the lists stop at `limit`).
    var problemCount = 0
    var warningCount = 0
    /// How many lines are to be e-mailed to a contact without an address (Log gives their entries no
    /// correspondence type; with Send they are problems).
    var linesWithoutAddress: Int64 = 0
    /// How many lines the segment has (an empty one is not logged), and how many of them name a campaign (Log
    /// writes their campaign entries first): counted in the same pass as the problems.
    var lineCount: Int64 = 0
    var linesWithCampaign: Int64 = 0

    static let limit = 1000

    static func run(segmentNo: String, send: Bool, _ connection: any SQLConnection) throws -> LogCheck {
        try start(segmentNo: segmentNo, send: send, connection).finish()
    }

    /// Sends the check's count of the lines (`SQLConnection.startQuery`): on a reader of its own the server counts
    /// while the caller writes elsewhere, and `Pending.finish` reads the answer and checks the rest.
    static func start(segmentNo: String, send: Bool, _ connection: any SQLConnection) throws -> Pending {
        Pending(
            segmentNo: segmentNo, send: send, connection: connection,
            counts: try connection.startQuery(countSQL, [.text(segmentNo)]))
    }

    /// A check whose count of the lines has been sent.
    struct Pending {
        let segmentNo: String
        let send: Bool
        let connection: any SQLConnection
        let counts: any SQLPendingRows

        /// Waits for the count, then lists the lines with problems or warnings and looks for what the header
        /// lacks, all on the check's connection.
        func finish() throws -> LogCheck {
            var check = LogCheck()
            guard let counts = try counts.rows().first else {
                throw RapportError(.unavailable, "The log check's count returned no row.")
            }
            if try connection.exists("SELECT 1 FROM logged_segment WHERE segment_no = ?", [.text(segmentNo)]) {
                check.add(Problem(field: "no", message: "Segment \(segmentNo) has already been logged."))
            }
            let header = try connection.query(
                "SELECT description FROM segment_header WHERE no = ?", [.text(segmentNo)]
            ).first
            check.lineCount = counts.int("lines")
            check.linesWithCampaign = counts.int("with_campaign")
            check.linesWithoutAddress = counts.int("no_address")
            if header?.text("description").isEmpty ?? true {
                check.add(Problem(field: "description", message: "The segment needs a description to be logged."))
            }
            if header != nil, check.lineCount == 0 {
                check.add(Problem(field: "noOfLines", message: "Segment \(segmentNo) is empty."))
            }
            try check.inspectLines(counts, segmentNo: segmentNo, send: send, connection)
            if send { try check.findLinesWithoutContent(segmentNo: segmentNo, connection) }
            return check
        }
    }

    /// The conditions on a line `l`, its contact `t` and salesperson `s` that make a problem or a warning,
    /// by the name the count query gives them.
    static let conditions: [(name: String, sql: String)] = [
        ("no_date", "l.date IS NULL"),
        ("no_salesperson", "l.salesperson_code IS NULL"),
        ("blocked", "s.blocked = 1"),
        ("no_template", "l.interaction_template_code IS NULL"),
        ("no_description", "l.description = ''"),
        ("no_address", "l.correspondence_type = 'email' AND t.email = ''"),
        (
            "language",
            "t.language_code IS NOT NULL AND t.language_code <> '' "
                + "AND (l.language_code IS NULL OR l.language_code <> t.language_code)"
        ),
    ]

    static let lineSource = """
        FROM segment_line l
        JOIN contact t ON t.no = l.contact_no
        LEFT JOIN salesperson s ON s.code = l.salesperson_code
        WHERE l.segment_no = ?
        """

    /// Counts the lines, those with a campaign, and every problem and warning of the lines, in one pass in
    /// SQL. `COUNT` of a `CASE` counts in integers, where PostgreSQL's `SUM` would add up numerics.
    static var countSQL: String {
        let counts = conditions.map { "COUNT(CASE WHEN \($0.sql) THEN 1 END) AS \($0.name)" }
        return "SELECT COUNT(*) AS lines, COUNT(l.campaign_no) AS with_campaign, \(counts.joined(separator: ", ")) "
            + lineSource
    }

    /// Reads only the lines the lists show (at most `limit` of each, and none when there is nothing to list),
    /// from the counts of `countLines`: a segment where most lines carry a warning costs one pass, not a row
    /// per line handed to Swift.
    private mutating func inspectLines(
        _ counts: SQLRow, segmentNo: String, send: Bool, _ connection: any SQLConnection
    ) throws {
        let problemNames =
            ["no_date", "no_salesperson", "blocked", "no_template", "no_description"]
            + (send ? ["no_address"] : [])
        let warningNames = (send ? [] : ["no_address"]) + ["language"]
        let lineProblems = problemNames.reduce(0) { $0 + Int(counts.int($1)) }
        let lineWarnings = warningNames.reduce(0) { $0 + Int(counts.int($1)) }
        let counted = (problems: problemCount + lineProblems, warnings: warningCount + lineWarnings)
        for (names, isProblem) in [(problemNames, true), (warningNames, false)] {
            let condition = Self.conditions.filter { names.contains($0.name) }.map { "(\($0.sql))" }
            guard (isProblem ? lineProblems : lineWarnings) > 0 else { continue }
            try connection.forEachRow(
                """
                SELECT l.line_no, l.contact_no, l.date, l.salesperson_code, l.interaction_template_code, l.description,
                  l.correspondence_type, t.email, t.language_code AS contact_language, l.language_code,
                  s.code AS salesperson, s.blocked
                \(Self.lineSource) AND (\(condition.joined(separator: " OR ")))
                ORDER BY l.line_no LIMIT \(Self.limit)
                """, [.text(segmentNo)]
            ) { row in inspect(row, send: send, problems: isProblem) }
        }
        // The lists stop at `limit`; the counts are every one.
        (problemCount, warningCount) = counted
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

    private mutating func inspect(_ row: SQLRow, send: Bool, problems listProblems: Bool) {
        let lineNo = Int(row.int("line_no"))
        let contactNo = row.text("contact_no")
        func problem(_ field: String, _ message: String) {
            if listProblems { add(Problem(lineNo: lineNo, contactNo: contactNo, field: field, message: message)) }
        }
        func warn(_ warning: Problem) {
            if !listProblems { self.warn(warning) }
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
