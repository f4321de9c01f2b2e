import RapportCore

/// Manual lines (BC §2.1): each insert, contact change and deletion is a criteria action, so Go Back
/// undoes it and saved criteria replay it.
public struct SegmentLineService: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// Lines in line order, paged by line number.
    public func list(_ segmentNo: Segment.No, _ query: ListQuery) async throws(RapportError) -> Page<Record> {
        let conditions = try ResourceFilter.conditions(
            query.filters, spec: Catalog.segmentLines, dialect: store.dialect)
        let after = try query.afterKey.map { key throws(RapportError) -> Int64 in
            guard let number = Int64(key) else { throw RapportError.validation("cursor", "cursor is not valid.") }
            return number
        }
        return try await store.read { connection in
            let key = try SegmentService.requireSegment(segmentNo, connection)
            let records = try SegmentLineTable.list(
                key, where: conditions, afterLineNo: after, limit: query.limit + 1, connection)
            let page = records.prefix(query.limit)
            let next =
                records.count > query.limit
                ? page.last.map { Cursor.encode(String($0["lineNo"].intValue ?? 0)) } : nil
            return Page(items: Array(page), nextCursor: next)
        }
    }

    public func get(_ segmentNo: Segment.No, _ lineNo: SegmentLine.No) async throws(RapportError) -> Record {
        try await store.read { connection in
            let key = try SegmentService.requireSegment(segmentNo, connection)
            return try SegmentLineTable.require(key, lineNo.value, connection)
        }
    }

    /// Adds a line for `fields["contactNo"]`, built from the header, then applies the other fields sent
    /// as overrides.
    public func create(_ segmentNo: Segment.No, _ fields: Record) async throws(RapportError) -> Record {
        guard let contactNo = fields["contactNo"].nonBlankText else {
            throw RapportError.validation("contactNo", "contactNo is required.")
        }
        return try await store.write("add segment line") { connection in
            let key = try SegmentService.requireSegment(segmentNo, connection)
            let lineNo = try Self.insertLine(contactNo: contactNo, segmentNo: key, connection)
            var record = try SegmentLineTable.require(key, lineNo, connection)
            try Self.applyOverrides(fields, to: &record, segmentNo: key, connection)
            return try SegmentLineTable.require(key, lineNo, connection)
        }
    }

    /// Changes the fields in `patch`; a new contact counts as Reduce (old) then Add (new), as in BC.
    public func update(
        _ segmentNo: Segment.No, _ lineNo: SegmentLine.No, _ patch: Record
    ) async throws(RapportError) -> Record {
        let number = lineNo.value
        let newContact = patch.scalars["contactNo"].map { $0.textValue ?? "" }
        return try await store.write("change segment line") { connection in
            let key = try SegmentService.requireSegment(segmentNo, connection)
            var record = try SegmentLineTable.require(key, number, connection)
            if let newContact, newContact != record.text("contactNo") {
                guard !newContact.isEmpty else { throw RapportError.validation("contactNo", "contactNo is required.") }
                try Self.requireContact(newContact, connection)
                let reduce = try CriteriaJournal.record(
                    .manual(.reduce, contactNo: record.text("contactNo")), segmentNo: key, connection)
                _ = try CriteriaJournal.removeLines(
                    where: SQLFragment("l.line_no = ?", [.integer(number)]), segmentNo: key, actionNo: reduce,
                    connection)
                let add = try CriteriaJournal.record(.manual(.add, contactNo: newContact), segmentNo: key, connection)
                try connection.execute(
                    SegmentLineSQL.insert(
                        segmentNo: key, actionNo: add,
                        selection: ContactSelectionSQL(
                            ctes: [], condition: SQLFragment("t.no = ?", [.text(newContact)]))))
                // Keep the line where it was in the worksheet.
                try connection.execute(
                    "UPDATE segment_line SET line_no = ? WHERE segment_no = ? AND added_by_action_no = ?",
                    [.integer(number), .text(key), .integer(add)])
                record = try SegmentLineTable.require(key, number, connection)
            }
            try Self.applyOverrides(patch, to: &record, segmentNo: key, connection)
            return try SegmentLineTable.require(key, number, connection)
        }
    }

    /// Deletes a line as a Reduce action; emptying the segment resets its criteria unless told not to.
    public func delete(
        _ segmentNo: Segment.No, _ lineNo: SegmentLine.No, resetCriteria: Bool, by user: ActingUser
    ) async throws(RapportError) {
        let number = lineNo.value
        try await store.write("delete segment line") { connection in
            let key = try SegmentService.requireSegment(segmentNo, connection)
            let record = try SegmentLineTable.require(key, number, connection)
            let action = try CriteriaJournal.record(
                .manual(.reduce, contactNo: record.text("contactNo")), segmentNo: key, connection)
            let removed = try CriteriaJournal.removeLines(
                where: SQLFragment("l.line_no = ?", [.integer(number)]), segmentNo: key, actionNo: action, connection)
            try CriteriaJournal.resetIfEmptied(
                segmentNo: key, removed: removed, actionNo: action, reset: resetCriteria, connection)
            try AuditTrail.record(
                .delete, Catalog.segments.path, key: "\(key)/lines/\(number)",
                changes: [AuditChange("contactNo", old: .text(record.text("contactNo")), new: .null)], by: user,
                connection)
        }
    }

    /// Records an Add action for one contact and inserts its line; returns the line number.
    static func insertLine(contactNo: String, segmentNo: String, _ connection: any SQLConnection) throws -> Int64 {
        try requireContact(contactNo, connection)
        let action = try CriteriaJournal.record(.manual(.add, contactNo: contactNo), segmentNo: segmentNo, connection)
        try connection.execute(
            SegmentLineSQL.insert(
                segmentNo: segmentNo, actionNo: action,
                selection: ContactSelectionSQL(ctes: [], condition: SQLFragment("t.no = ?", [.text(contactNo)]))))
        return try connection.scalar(
            "SELECT MAX(line_no) FROM segment_line WHERE segment_no = ?", [.text(segmentNo)])?.intValue ?? 0
    }

    static func requireContact(_ contactNo: String, _ connection: any SQLConnection) throws {
        guard try connection.exists("SELECT 1 FROM contact WHERE no = ?", [.text(contactNo)]) else {
            throw RapportError.validation("contactNo", "Contact '\(contactNo)' does not exist.")
        }
    }

    /// Line overrides: a template first (which recomputes the template's fields), then the fields sent.
    static func applyOverrides(
        _ sent: Record, to record: inout Record, segmentNo: String, _ connection: any SQLConnection
    ) throws {
        var sent = sent
        sent.scalars["contactNo"] = nil
        if sent == Record() { return }
        if let template = sent.scalars["interactionTemplateCode"] {
            let code = template.nonBlankText
            if code != record["interactionTemplateCode"].nonBlankText {
                try SegmentLineTable.applyTemplate(code, to: &record, segmentNo: segmentNo, connection)
            }
        }
        record = record.applying(sent)
        try ReferenceCheck.verify(record, fields: SegmentLineTable.fields, connection)
        try SegmentHeaderRules.checkSalesperson(record, connection)
        for field in ["cost", "duration"] where record.decimal(field) < 0 {
            throw RapportError.validation(field, "\(field) must not be negative.")
        }
        if record["languageCode"] != .null, record["interactionTemplateCode"] == .null {
            throw RapportError.validation("languageCode", "A line needs an interaction template to have a language.")
        }
        try SegmentLineTable.update(segmentNo, record, connection)
    }
}
