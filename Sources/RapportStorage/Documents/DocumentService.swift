import Foundation
import RapportCore
import RapportDocuments

/// Word documents on templates, segments and lines; e-mail bodies; merged downloads and archives.
public struct DocumentService: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// Checks an upload the way every document is checked: a real .docx, no zip-slip, no bomb, no DTDs.
    public static func validate(_ bytes: [UInt8]) throws(RapportError) -> MergeTemplate {
        do {
            return try MergeTemplate(docx: bytes)
        } catch {
            throw RapportError.validation("document", error.description)
        }
    }

    /// What an upload stored: whether it was the first, and the merge fields the document uses.
    public struct Upload: Sendable {
        public var created: Bool
        public var size: Int
        public var fields: [String]
        public var unknownFields: [String]

        init(created: Bool, bytes: [UInt8], template: MergeTemplate) {
            self.created = created
            self.size = bytes.count
            self.fields = template.fieldNames
            self.unknownFields = template.unknownFields(known: Set(MergeFields.names))
        }
    }

    // MARK: - Templates

    /// Stores the .docx of a template language.
    public func putTemplateDocument(
        template: String, language: String, _ bytes: [UInt8], by user: ActingUser
    ) async throws(RapportError)
        -> Upload
    {
        let compiled = try Self.validate(bytes)
        let sha256 = DocumentHash.hex(bytes)
        return Upload(
            created: try await store.write("put template document") { connection in
                let key = try Self.requireTemplateLanguage(template, language, connection)
                let created = try Self.upsert(
                    "template_document", keys: ["template_code": key.0, "language_code": key.1],
                    values: ["docx": .blob(bytes), "sha256": .text(sha256)], connection)
                try Self.audit(
                    created ? .create : .update, "\(key.0)/languages/\(key.1)/document", bytes: bytes.count,
                    replaced: !created, by: user, connection)
                return created
            }, bytes: bytes, template: compiled)
    }

    public func putEmailBody(
        template: String, language: String, _ html: String, by user: ActingUser
    ) async throws(RapportError) -> Bool {
        guard !html.isEmpty else { throw RapportError.validation("emailBody", "The e-mail body is empty.") }
        return try await store.write("put e-mail body") { connection in
            let key = try Self.requireTemplateLanguage(template, language, connection)
            let created = try Self.upsert(
                "template_email_body", keys: ["template_code": key.0, "language_code": key.1],
                values: ["html": .text(html)], connection)
            try Self.audit(
                created ? .create : .update, "\(key.0)/languages/\(key.1)/email-body", bytes: html.utf8.count,
                replaced: !created, by: user, connection)
            return created
        }
    }

    public func templateDocument(template: String, language: String) async throws(RapportError) -> [UInt8] {
        try await store.read { connection in
            let key = try Self.requireTemplateLanguage(template, language, connection)
            return try Self.blob(
                "SELECT docx FROM template_document WHERE template_code = ? AND language_code = ?",
                [.text(key.0), .text(key.1)], what: "Document of \(key.0) \(key.1)", connection)
        }
    }

    public func emailBody(template: String, language: String) async throws(RapportError) -> String {
        try await store.read { connection in
            let key = try Self.requireTemplateLanguage(template, language, connection)
            guard
                let html = try connection.scalar(
                    "SELECT html FROM template_email_body WHERE template_code = ? AND language_code = ?",
                    [.text(key.0), .text(key.1)])?.textValue
            else { throw RapportError.notFound("E-mail body of \(key.0)", key.1) }
            return html
        }
    }

    public func deleteTemplatePart(
        _ table: String, template: String, language: String, by user: ActingUser
    ) async throws(RapportError) {
        try await store.write("delete template document") { connection in
            let key = try Self.requireTemplateLanguage(template, language, connection)
            let deleted = try connection.execute(
                "DELETE FROM \(table) WHERE template_code = ? AND language_code = ?", [.text(key.0), .text(key.1)])
            guard deleted > 0 else { throw RapportError.notFound("Document of \(key.0)", key.1) }
            let part = table == "template_email_body" ? "email-body" : "document"
            try Self.audit(.delete, "\(key.0)/languages/\(key.1)/\(part)", by: user, connection)
        }
    }

    /// The merge fields a template document uses, and those Rapport does not know.
    public func checkTemplateDocument(
        template: String, language: String
    ) async throws(RapportError) -> MergeFieldCheck {
        let bytes = try await templateDocument(template: template, language: language)
        let compiled = try Self.validate(bytes)
        return MergeFieldCheck(
            fields: compiled.fieldNames, unknownFields: compiled.unknownFields(known: Set(MergeFields.names)))
    }

    // MARK: - Segments and lines

    public func putSegmentDocument(_ segmentNo: Segment.No, _ bytes: [UInt8]) async throws(RapportError) -> Upload {
        let compiled = try Self.validate(bytes)
        let sha256 = DocumentHash.hex(bytes)
        return Upload(
            created: try await store.write("put segment document") { connection in
                let key = try SegmentService.requireSegment(segmentNo, connection)
                return try Self.upsert(
                    "segment_document", keys: ["segment_no": key],
                    values: ["docx": .blob(bytes), "sha256": .text(sha256)], connection)
            }, bytes: bytes, template: compiled)
    }

    public func segmentDocument(_ segmentNo: Segment.No) async throws(RapportError) -> [UInt8] {
        try await store.read { connection in
            let key = try SegmentService.requireSegment(segmentNo, connection)
            return try Self.blob(
                "SELECT docx FROM segment_document WHERE segment_no = ?", [.text(key)],
                what: "Document of segment", connection)
        }
    }

    /// Whether the segment has its own document, without reading it (it may be megabytes).
    public func hasSegmentDocument(_ segmentNo: Segment.No) async throws(RapportError) -> Bool {
        try await store.read { connection in
            try connection.exists("SELECT 1 FROM segment_document WHERE segment_no = ?", [.text(segmentNo.text)])
        }
    }

    public func deleteSegmentDocument(_ segmentNo: Segment.No, by user: ActingUser) async throws(RapportError) {
        try await store.write("delete segment document") { connection in
            let key = try SegmentService.requireSegment(segmentNo, connection)
            guard try connection.execute("DELETE FROM segment_document WHERE segment_no = ?", [.text(key)]) > 0 else {
                throw RapportError.notFound("Document of segment", key)
            }
            try Self.audit(.delete, "\(key)/document", resource: Catalog.segments.path, by: user, connection)
        }
    }

    /// A personalised document for one line: its `document` becomes `unique`.
    public func putLineDocument(
        _ segmentNo: Segment.No, lineNo: Int64, _ bytes: [UInt8]
    ) async throws(RapportError) -> Upload {
        let compiled = try Self.validate(bytes)
        let sha256 = DocumentHash.hex(bytes)
        return Upload(
            created: try await store.write("personalise line") { connection in
                let key = try SegmentService.requireSegment(segmentNo, connection)
                _ = try SegmentLineTable.require(key, lineNo, connection)
                return try Self.upsert(
                    "segment_line_document", keys: ["segment_no": key, "line_no": String(lineNo)],
                    values: ["docx": .blob(bytes), "sha256": .text(sha256)], connection, integerKeys: ["line_no"])
            }, bytes: bytes, template: compiled)
    }

    public func deleteLineDocument(
        _ segmentNo: Segment.No, lineNo: Int64, by user: ActingUser
    ) async throws(RapportError) {
        try await store.write("remove personalised document") { connection in
            let key = try SegmentService.requireSegment(segmentNo, connection)
            let deleted = try connection.execute(
                "DELETE FROM segment_line_document WHERE segment_no = ? AND line_no = ?",
                [.text(key), .integer(lineNo)])
            guard deleted > 0 else { throw RapportError.notFound("Personalised document of line", String(lineNo)) }
            try Self.audit(
                .delete, "\(key)/lines/\(lineNo)/document", resource: Catalog.segments.path, by: user, connection)
        }
    }

    // MARK: - Helpers

    /// Records a stored, replaced or removed document: its size, never its content.
    static func audit(
        _ action: AuditEntry.Action, _ key: String, resource: String = Catalog.interactionTemplates.path,
        bytes: Int? = nil, replaced: Bool = true, by user: ActingUser, _ connection: any SQLConnection
    ) throws {
        let stored = AuditValue.text("(stored)")
        let change = AuditChange(
            "document", old: replaced ? stored : .null, new: bytes.map { .text("(\($0) bytes)") } ?? .null)
        try AuditTrail.record(action, resource, key: key, changes: [change], by: user, connection)
    }

    static func requireTemplateLanguage(
        _ template: String, _ language: String, _ connection: any SQLConnection
    ) throws
        -> (String, String)
    {
        let key = (template.uppercased(), language.uppercased())
        try TemplateLanguageService.requireTemplate(key.0, connection)
        guard
            try connection.exists(
                "SELECT 1 FROM interaction_template_language WHERE template_code = ? AND language_code = ?",
                [.text(key.0), .text(key.1)])
        else {
            throw RapportError.notFound(
                "Language entry of template \(key.0) (create it with PUT .../languages/\(key.1))", key.1)
        }
        return key
    }

    /// Inserts or replaces one row, setting `values` (a document and its hash set together); true when it
    /// was inserted.
    static func upsert(
        _ table: String, keys: [String: String], values: [String: SQLValue], _ connection: any SQLConnection,
        integerKeys: Set<String> = []
    ) throws -> Bool {
        let names = keys.keys.sorted()
        let binds = names.map {
            integerKeys.contains($0) ? SQLValue.integer(Int64(keys[$0] ?? "") ?? 0) : .text(keys[$0] ?? "")
        }
        let columns = values.keys.sorted()
        let settings = columns.map { values[$0] ?? .null }
        let condition = names.map { "\($0) = ?" }.joined(separator: " AND ")
        let assignments = columns.map { "\($0) = ?" }.joined(separator: ", ")
        let updated = try connection.execute(
            "UPDATE \(table) SET \(assignments) WHERE \(condition)", settings + binds)
        guard updated == 0 else { return false }
        try connection.execute(
            "INSERT INTO \(table) (\((names + columns).joined(separator: ", "))) VALUES ("
                + Array(repeating: "?", count: names.count + columns.count).joined(separator: ", ") + ")",
            binds + settings)
        return true
    }

    static func blob(
        _ sql: String, _ binds: [SQLValue], what: String, _ connection: any SQLConnection
    ) throws
        -> [UInt8]
    {
        guard case .blob(let bytes)? = try connection.scalar(sql, binds) else {
            throw RapportError.notFound(what, binds.first.flatMap(\.textValue) ?? "")
        }
        return bytes
    }
}

/// The merge fields a Word document uses, and those Rapport cannot fill.
public struct MergeFieldCheck: Sendable, Equatable {
    public var fields: [String]
    public var unknownFields: [String]
}
