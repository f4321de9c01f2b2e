/// A master-data file (the benchmark's `rapport_masterdata.json`, the demo data) as the importer
/// writes it: sections of records in dependency order, template language entries, and setup.
public struct MasterDataDocument: Sendable, Equatable {
    /// One section: the resource it fills (`MasterDataDocument.sections`) and its records.
    public struct Section: Sendable, Equatable {
        public var key: String
        public var records: [RecordUpsert]

        public init(key: String, records: [RecordUpsert]) {
            self.key = key
            self.records = records
        }
    }

    /// A language entry of an interaction template.
    public struct TemplateLanguageItem: Sendable, Equatable {
        public var templateCode: InteractionTemplate.Code
        public var entry: TemplateLanguage.Entry

        public init(templateCode: InteractionTemplate.Code, entry: TemplateLanguage.Entry) {
            self.templateCode = templateCode
            self.entry = entry
        }
    }

    public var sections: [Section]
    public var templateLanguages: [TemplateLanguageItem]?
    /// The setup fields to change, or nil when the file has no setup section.
    public var setup: Record?

    public init(sections: [Section] = [], templateLanguages: [TemplateLanguageItem]? = nil, setup: Record? = nil) {
        self.sections = sections
        self.templateLanguages = templateLanguages
        self.setup = setup
    }

    /// The sections a file may have, in the order they are written (references point backwards).
    public static let sectionSpecs: [(key: String, spec: ResourceSpec)] = [
        ("languages", Catalog.languages), ("salespeople", Catalog.salespeople),
        ("territories", Catalog.codeLists[5]), ("mailingGroups", Catalog.codeLists[0]),
        ("industryGroups", Catalog.codeLists[1]), ("jobResponsibilities", Catalog.codeLists[2]),
        ("businessRelations", Catalog.codeLists[3]), ("interactionGroups", Catalog.codeLists[4]),
        ("salutations", Catalog.salutations), ("profileQuestionnaires", Catalog.profileQuestionnaires),
        ("campaigns", Catalog.campaigns), ("numberSeries", Catalog.numberSeries),
        ("interactionTemplates", Catalog.interactionTemplates),
    ]

    /// The fields of setup a file may set (not its row id).
    public static var setupFields: [FieldSpec] { Catalog.setup.fields.filter { $0.name != "id" } }
}

extension RapportError {
    /// Runs `work`, prefixing the field of an error it throws with where in a document it happened.
    public static func locating<T>(_ path: String, _ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch var error as RapportError {
            error.field = error.field.map { "\(path).\($0)" } ?? path
            error.message = "\(path): \(error.message)"
            throw error
        }
    }
}
