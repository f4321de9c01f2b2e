import RapportCore

/// Reads and writes segment lines, keyed by (segment, line number), with the contact's live fields.
struct SegmentLineTable {
    static let table = ResourceTable(Catalog.segmentLines)
    static var fields: [FieldSpec] { Catalog.segmentLines.fields }

    static func fetch(_ segmentNo: String, _ lineNo: Int64, _ connection: any SQLConnection) throws -> Record? {
        try connection.query(
            "SELECT \(table.selectList(connection.dialect)) FROM segment_line t WHERE t.segment_no = ? AND t.line_no = ?",
            [.text(segmentNo), .integer(lineNo)]
        ).first.map(table.record(from:))
    }

    static func require(_ segmentNo: String, _ lineNo: Int64, _ connection: any SQLConnection) throws -> Record {
        guard let record = try fetch(segmentNo, lineNo, connection) else {
            throw RapportError.notFound("Segment line", "\(segmentNo) \(lineNo)")
        }
        return record
    }

    /// One page of lines in line order.
    static func list(
        _ segmentNo: String, where conditions: [SQLFragment], afterLineNo: Int64?, limit: Int,
        _ connection: any SQLConnection
    ) throws -> [Record] {
        var clauses = [SQLFragment("t.segment_no = ?", [.text(segmentNo)])] + conditions
        if let afterLineNo { clauses.append(SQLFragment("t.line_no > ?", [.integer(afterLineNo)])) }
        let condition = SegmentFilterSQL.and(clauses)
        return try connection.query(
            "SELECT \(table.selectList(connection.dialect)) FROM segment_line t WHERE \(condition.sql) ORDER BY t.line_no LIMIT ?",
            condition.binds + [.integer(Int64(limit))]
        ).map(table.record(from:))
    }

    /// Writes the stored fields of a line.
    static func update(_ segmentNo: String, _ record: Record, _ connection: any SQLConnection) throws {
        let columns = fields.filter { $0.isColumn && $0.name != "lineNo" }
        try connection.execute(
            "UPDATE segment_line SET " + columns.map { "\($0.column) = ?" }.joined(separator: ", ")
                + " WHERE segment_no = ? AND line_no = ?",
            columns.map { record[$0.name] } + [.text(segmentNo), record["lineNo"]])
    }

    /// Applies a per-line template override (BC §3.3, "Validating Interaction Template Code on the line").
    static func applyTemplate(
        _ code: String?, to record: inout Record, segmentNo: String, _ connection: any SQLConnection
    ) throws {
        let previous = record["interactionTemplateCode"].nonBlankText
        record["interactionTemplateCode"] = code.map { .text($0) } ?? .null
        guard let code else {
            record["interactionGroupCode"] = .null
            return
        }
        let rows = try connection.query(
            """
            SELECT tt.*, h.campaign_no AS header_campaign, \(SegmentLineSQL.correspondenceType(template: "tt")) AS corr,
              t.correspondence_type AS contact_corr,
              \(SegmentLineSQL.language(template: "tt.code", fallback: "tt.language_code_default")) AS language
            FROM segment_header h JOIN interaction_template tt ON tt.code = ? JOIN contact t ON t.no = ?
            WHERE h.no = ?
            """, [.text(code), .text(record.text("contactNo")), .text(segmentNo)])
        guard let template = rows.first else {
            throw RapportError.validation("interactionTemplateCode", "Interaction template '\(code)' does not exist.")
        }
        SegmentHeaderRules.copyTemplateFields(template, to: &record, cost: "cost", duration: "duration")
        if record.text("description").isEmpty || previous != nil {
            record["description"] = template["description"]
        }
        record["languageCode"] = template["language"]
        // BC §3.3: a line's own template resets its subject (template languages carry none here).
        record["subject"] = .text("")
        // BC's extra fallback: no type from the contact nor the template keeps the line's.
        if template["corr"] != .null || template["contact_corr"] != .null {
            record["correspondenceType"] = template["corr"]
        }
        record["campaignNo"] =
            template["header_campaign"] != .null ? template["header_campaign"] : template["campaign_no"]
    }
}
