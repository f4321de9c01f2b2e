import RapportCore

/// Creates, updates and removes an interaction template's language entries.
public struct TemplateLanguageService: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }

    static let fields = [FieldSpec("description", .text(maxLength: 250))]

    public func put(template: String, language: String, body: JSONValue) async throws(RapportError) -> JSONValue {
        try await store.write("put template language") { connection in
            try Self.put(template: template, language: language, body: body, connection)
        }
    }

    /// Creates or updates the entry inside the caller's transaction.
    static func put(
        template: String, language: String, body: JSONValue, _ connection: any SQLConnection
    ) throws
        -> JSONValue
    {
        let record = try RecordDecoder(fields: Self.fields).decode(body, mode: .full)
        let template = template.uppercased()
        let language = language.uppercased()
        try Self.requireTemplate(template, connection)
        guard try connection.exists("SELECT 1 FROM language WHERE code = ?", [.text(language)]) else {
            throw RapportError.notFound("Language", language)
        }
        try connection.execute(
            """
            INSERT INTO interaction_template_language (template_code, language_code, description) VALUES (?, ?, ?)
            ON CONFLICT (template_code, language_code) DO UPDATE SET description = excluded.description
            """, [.text(template), .text(language), record["description"]])
        return .object(
            JSONObject([
                ("languageCode", .string(language)), ("description", .string(record.text("description"))),
                ("hasDocument", .bool(false)), ("hasEmailBody", .bool(false)),
            ]))
    }

    public func delete(template: String, language: String) async throws(RapportError) {
        let template = template.uppercased()
        let language = language.uppercased()
        try await store.write("delete template language") { connection in
            try Self.requireTemplate(template, connection)
            let deleted = try connection.execute(
                "DELETE FROM interaction_template_language WHERE template_code = ? AND language_code = ?",
                [.text(template), .text(language)])
            guard deleted > 0 else { throw RapportError.notFound("Language entry", "\(template)/\(language)") }
        }
    }

    static func requireTemplate(_ code: String, _ connection: any SQLConnection) throws {
        guard try connection.exists("SELECT 1 FROM interaction_template WHERE code = ?", [.text(code)]) else {
            throw RapportError.notFound("Interaction template", code)
        }
    }
}
