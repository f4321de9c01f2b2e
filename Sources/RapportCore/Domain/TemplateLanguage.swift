/// One language of an interaction template: its description and whether it has a Word document and an
/// e-mail body (both set through their own endpoints).
public struct TemplateLanguage: Sendable, Equatable {
    public var languageCode: Language.Code
    public var description: String
    public var hasDocument: Bool
    public var hasEmailBody: Bool

    public init(languageCode: Language.Code, description: String, hasDocument: Bool, hasEmailBody: Bool) {
        self.languageCode = languageCode
        self.description = description
        self.hasDocument = hasDocument
        self.hasEmailBody = hasEmailBody
    }

    /// The fields a PUT of a language entry may set.
    public static let fields = [FieldSpec("description", .text(maxLength: 250))]

    /// What a PUT of a language entry sends.
    public struct Entry: Sendable, Equatable {
        public var languageCode: Language.Code
        public var description: String

        public init(languageCode: Language.Code, description: String) {
            self.languageCode = languageCode
            self.description = description
        }
    }

    /// The entry as stored, and whether the PUT created it (201) or replaced it (200).
    public struct Put: Sendable, Equatable {
        public var entry: TemplateLanguage
        public var created: Bool

        public init(entry: TemplateLanguage, created: Bool) {
            self.entry = entry
            self.created = created
        }
    }
}
