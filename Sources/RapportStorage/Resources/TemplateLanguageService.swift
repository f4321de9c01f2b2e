import RapportCore

/// Creates, updates and removes an interaction template's language entries.
public struct TemplateLanguageService: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// Creates or replaces the entry; `created` says which (201 or 200 at the API).
    public func put(
        _ entry: TemplateLanguage.Entry, template: InteractionTemplate.Code, by user: ActingUser
    ) async throws(RapportError) -> TemplateLanguage.Put {
        try await store.write("put template language") { connection in
            try Self.put(entry, template: template, by: user, connection)
        }
    }

    /// Creates or updates the entry inside the caller's transaction.
    static func put(
        _ entry: TemplateLanguage.Entry, template: InteractionTemplate.Code, by user: ActingUser,
        _ connection: any SQLConnection
    ) throws -> TemplateLanguage.Put {
        let template = template.text
        let language = entry.languageCode.text
        try Self.requireTemplate(template, connection)
        guard try connection.exists("SELECT 1 FROM language WHERE code = ?", [.text(language)]) else {
            throw RapportError.notFound("Language", language)
        }
        let existing = try connection.query(
            """
            SELECT EXISTS (SELECT 1 FROM template_document d WHERE d.template_code = ? AND d.language_code = ?) AS doc,
                   EXISTS (SELECT 1 FROM template_email_body b WHERE b.template_code = ? AND b.language_code = ?) AS body,
                   (SELECT l.description FROM interaction_template_language l WHERE l.template_code = ? AND l.language_code = ?) AS entry
            """, Array(repeating: [SQLValue.text(template), .text(language)], count: 3).flatMap { $0 }
        ).first
        let old = existing?["entry"] ?? .null
        try connection.execute(
            """
            INSERT INTO interaction_template_language (template_code, language_code, description) VALUES (?, ?, ?)
            ON CONFLICT (template_code, language_code) DO UPDATE SET description = excluded.description
            """, [.text(template), .text(language), .text(entry.description)])
        let stored = TemplateLanguage(
            languageCode: entry.languageCode, description: entry.description,
            hasDocument: existing?.bool("doc") ?? false, hasEmailBody: existing?.bool("body") ?? false)
        try AuditTrail.record(
            old == .null ? .create : .update, Catalog.interactionTemplates.path,
            key: "\(template)/languages/\(language)",
            changes: AuditChanges.between(
                old == .null ? nil : Record(scalars: ["description": old]),
                Record(scalars: ["description": .text(entry.description)]), fields: TemplateLanguage.fields),
            by: user, connection)
        return TemplateLanguage.Put(entry: stored, created: old == .null)
    }

    public func delete(
        template: InteractionTemplate.Code, language: Language.Code, by user: ActingUser
    ) async throws(RapportError) {
        let template = template.text
        let language = language.text
        try await store.write("delete template language") { connection in
            try Self.requireTemplate(template, connection)
            let description = try connection.scalar(
                "SELECT description FROM interaction_template_language WHERE template_code = ? AND language_code = ?",
                [.text(template), .text(language)])
            let deleted = try connection.execute(
                "DELETE FROM interaction_template_language WHERE template_code = ? AND language_code = ?",
                [.text(template), .text(language)])
            guard deleted > 0 else { throw RapportError.notFound("Language entry", "\(template)/\(language)") }
            try AuditTrail.record(
                .delete, Catalog.interactionTemplates.path, key: "\(template)/languages/\(language)",
                changes: [AuditChange("description", old: .text(description?.textValue ?? ""), new: .null)],
                by: user, connection)
        }
    }

    static func requireTemplate(_ code: String, _ connection: any SQLConnection) throws {
        guard try connection.exists("SELECT 1 FROM interaction_template WHERE code = ?", [.text(code)]) else {
            throw RapportError.notFound("Interaction template", code)
        }
    }
}
