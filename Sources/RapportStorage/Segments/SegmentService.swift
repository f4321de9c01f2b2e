import RapportCore

/// Segment headers: create, read, change (with propagation to lines) and delete.
public struct SegmentService: Sendable {
    let store: Store
    let table = ResourceTable(Catalog.segments)
    var spec: ResourceSpec { Catalog.segments }

    public init(store: Store) {
        self.store = store
    }

    public func list(_ query: ListQuery) async throws(RapportError) -> Page<Record> {
        try await ResourceService(Catalog.segments, store: store).list(query)
    }

    public func get(_ no: Segment.No) async throws(RapportError) -> Record {
        try await ResourceService(Catalog.segments, store: store).get(no.text)
    }

    /// Creates a header from the fields sent: numbered from `setup.segmentNos` (or the `no` given, where
    /// allowed), the salesperson from the acting user, the date today; a template given is copied
    /// first, then the other fields sent.
    public func create(_ sent: Record, by user: ActingUser) async throws(RapportError) -> Record {
        let defaults = Record(defaultsOf: spec.fields)
        let table = self.table
        return try await store.write("create segment") { connection in
            var record = defaults
            if let code = sent["interactionTemplateCode"].nonBlankText {
                try SegmentHeaderRules.applyTemplate(code, to: &record, connection)
            }
            record = record.applying(sent)
            if sent.scalars["salespersonCode"] == nil, let salesperson = user.salespersonCode {
                record["salespersonCode"] = .text(salesperson)
            }
            if sent["date"] == .null {
                record["date"] = .text(try SegmentHeaderRules.today(connection))
            }
            let seriesCode = try connection.scalar("SELECT segment_nos FROM setup WHERE id = 1")?.nonBlankText
            record["no"] = .text(
                try NumberSeriesIssuer.assign(
                    explicit: record.text("no"), seriesCode: seriesCode, seriesField: "segmentNos", keyField: "no",
                    connection))
            if try connection.exists("SELECT 1 FROM logged_segment WHERE segment_no = ?", [record["no"]]) {
                throw RapportError(.alreadyLogged, "Segment \(record.text("no")) has already been logged.", field: "no")
            }
            SegmentKindRules.settle(&record, patch: sent)
            try Self.check(record, connection)
            try table.insert(record, connection)
            if record["interactionTemplateCode"].nonBlankText != nil {
                try SegmentDocumentRules.copyTemplateDocument(record.text("no"), connection)
            }
            return try ResourceService.reread(record.text("no"), table, connection)
        }
    }

    /// Changes the fields in `patch`. A new template is applied first (copied onto the header and, with
    /// `updateLines`, onto every line), then the other fields, which flow to the lines that follow the
    /// header's template unless `updateLines` is false.
    public func update(
        _ no: Segment.No, _ patch: Record, updateLines: Bool
    ) async throws(RapportError) -> Record {
        let key = no.text
        let table = self.table
        return try await store.write("update segment") { connection in
            guard let existing = try table.fetch(key, connection) else { throw RapportError.notFound("Segment", key) }
            var record = existing
            var templateChanged = false
            if let template = patch.scalars["interactionTemplateCode"] {
                let code = template.nonBlankText
                if code != existing["interactionTemplateCode"].nonBlankText {
                    if !updateLines { try Self.refuseOrphaningDocument(key, existing: existing, connection) }
                    try SegmentHeaderRules.applyTemplate(code, to: &record, connection)
                    templateChanged = true
                }
            }
            record = record.applying(patch)
            let sentKey = record.text("no")
            guard sentKey == key else { throw RapportError.validation("no", "no cannot be changed.") }
            SegmentKindRules.settle(&record, patch: patch)
            try Self.check(record, connection)
            try table.update(record, connection)
            if record["kind"] != existing["kind"] { try SegmentKindRules.kindChanged(key, connection) }
            let previousTemplate = existing["interactionTemplateCode"].nonBlankText
            if templateChanged { try SegmentDocumentRules.copyTemplateDocument(key, connection) }
            if updateLines {
                if templateChanged { try SegmentHeaderRules.pushTemplate(key, from: previousTemplate, connection) }
                let changed = SegmentHeaderRules.propagated.filter { field in
                    // A blank correspondence type default is not pushed (BC §1.1).
                    if field.field == "correspondenceTypeDefault", record[field.field] == .null { return false }
                    return record[field.field] != existing[field.field]
                }
                try SegmentHeaderRules.pushFields(changed, from: record, segmentNo: key, connection)
                let (old, new) = (existing.text("subjectDefault"), record.text("subjectDefault"))
                if !templateChanged, old != new {
                    try SegmentDocumentRules.pushSubject(from: old, to: new, header: record, segmentNo: key, connection)
                }
            }
            return try ResourceService.reread(key, table, connection)
        }
    }

    public func delete(_ no: Segment.No, by user: ActingUser) async throws(RapportError) {
        let key = no.text
        let table = ResourceTable(Catalog.segments)
        try await store.write("delete segment") { connection in
            guard let existing = try table.fetch(key, connection) else { throw RapportError.notFound("Segment", key) }
            try Self.deleteWorksheet(key, connection)
            try AuditTrail.record(.delete, Catalog.segments, key: key, old: existing, new: nil, by: user, connection)
        }
    }

    /// Deletes segment `key` with everything that belongs to it (lines, criteria, documents go with the header;
    /// its versions are kept apart, since a logged segment's outlive the header).
    static func deleteWorksheet(_ key: String, _ connection: any SQLConnection) throws {
        try connection.execute("DELETE FROM segment_header WHERE no = ?", [.text(key)])
        try SegmentVersionService.deleteVersions(of: key, connection)
    }

    /// BC §3.2: the template cannot change without the lines while lines inherit the segment's document.
    static func refuseOrphaningDocument(_ segmentNo: String, existing: Record, _ connection: any SQLConnection) throws {
        let lines = SegmentDocumentRules.inheritingLines(template: existing["interactionTemplateCode"].nonBlankText)
        let inheriting = try connection.exists(
            "SELECT 1 FROM segment_document d JOIN segment_line ON segment_line.segment_no = d.segment_no "
                + "WHERE d.segment_no = ? AND \(lines.sql)", [.text(segmentNo)] + lines.binds)
        if inheriting {
            throw RapportError(
                .conflict,
                "Lines inherit the segment's document; change the template with updateLines: true (or personalise them).",
                field: "updateLines")
        }
    }

    static func check(_ record: Record, _ connection: any SQLConnection) throws {
        try ReferenceCheck.verify(record, fields: Catalog.segments.fields, connection)
        try SegmentHeaderRules.checkSalesperson(record, connection)
        for field in ["unitCost", "unitDuration"] where record.decimal(field) < 0 {
            throw RapportError.validation(field, "\(field) must not be negative.")
        }
        try SegmentKindRules.check(record)
    }

    /// The header, or 404.
    static func requireSegment(_ no: Segment.No, _ connection: any SQLConnection) throws -> String {
        let key = no.text
        guard try connection.exists("SELECT 1 FROM segment_header WHERE no = ?", [.text(key)]) else {
            throw RapportError.notFound("Segment", key)
        }
        return key
    }
}
