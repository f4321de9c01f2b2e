import RapportCore

/// Loads a master-data document (`{"languages": [...], "salespeople": [...], ..., "setup": {...}}`,
/// the shape of the benchmark's `rapport_masterdata.json` and of the demo data) in one transaction.
/// Records are created, or updated when their code exists; plain strings stand for `{code}` / `{no}`.
public struct MasterDataImporter: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// The document's sections in dependency order, with the resource each one fills.
    public static let sections: [(key: String, spec: ResourceSpec)] = [
        ("languages", Catalog.languages), ("salespeople", Catalog.salespeople),
        ("territories", Catalog.codeLists[5]), ("mailingGroups", Catalog.codeLists[0]),
        ("industryGroups", Catalog.codeLists[1]), ("jobResponsibilities", Catalog.codeLists[2]),
        ("businessRelations", Catalog.codeLists[3]), ("interactionGroups", Catalog.codeLists[4]),
        ("salutations", Catalog.salutations), ("profileQuestionnaires", Catalog.profileQuestionnaires),
        ("campaigns", Catalog.campaigns), ("numberSeries", Catalog.numberSeries),
        ("interactionTemplates", Catalog.interactionTemplates),
    ]

    /// Imports the document; returns how many records each section wrote.
    public func importDocument(_ document: JSONValue) async throws(RapportError) -> [(key: String, count: Int)] {
        guard case .object(let object) = document else {
            throw RapportError.validation("file", "A master-data file is a JSON object of sections.")
        }
        let known = Set(Self.sections.map(\.key) + ["templateLanguages", "setup"])
        if let unknown = object.keys.first(where: { !known.contains($0) }) {
            throw RapportError.validation(unknown, "'\(unknown)' is not a master-data section.")
        }
        let store = self.store
        return try await store.write("import master data") { connection in
            var counts: [(key: String, count: Int)] = []
            for (key, spec) in Self.sections {
                guard let section = object[key] else { continue }
                let service = ResourceService.standard(spec, store: store)
                let items = try Self.items(section, key: key)
                for (index, item) in items.enumerated() {
                    let body = Self.body(item, spec: spec)
                    try Self.locating("\(key)[\(index)]") { _ = try service.upsert(body, in: connection) }
                }
                counts.append((key, items.count))
            }
            if let section = object["templateLanguages"] {
                let items = try Self.items(section, key: "templateLanguages")
                for (index, item) in items.enumerated() {
                    try Self.locating("templateLanguages[\(index)]") {
                        let entry = item.objectValue ?? JSONObject()
                        let template = entry["templateCode"].flatMap(Self.string) ?? ""
                        let language = entry["languageCode"].flatMap(Self.string) ?? ""
                        var rest = entry
                        rest["templateCode"] = nil
                        rest["languageCode"] = nil
                        _ = try TemplateLanguageService.put(
                            template: template, language: language, body: .object(rest), connection)
                    }
                }
                counts.append(("templateLanguages", items.count))
            }
            if let setup = object["setup"] {
                try Self.locating("setup") { _ = try SetupService.update(setup, connection) }
                counts.append(("setup", 1))
            }
            return counts
        }
    }

    static func items(_ section: JSONValue, key: String) throws(RapportError) -> [JSONValue] {
        guard case .array(let items) = section else {
            throw RapportError.validation(key, "\(key) must be an array.")
        }
        return items
    }

    /// A bare code stands for a record with just its key.
    static func body(_ item: JSONValue, spec: ResourceSpec) -> JSONValue {
        if case .string = item { return .object(JSONObject([(spec.keyName, item)])) }
        return item
    }

    static func string(_ value: JSONValue) -> String? {
        if case .string(let text) = value { return text }
        return nil
    }

    /// Prefixes the field of an error with where in the document it happened.
    static func locating(_ path: String, _ work: () throws -> Void) throws {
        do {
            try work()
        } catch var error as RapportError {
            error.field = error.field.map { "\(path).\($0)" } ?? path
            error.message = "\(path): \(error.message)"
            throw error
        }
    }
}

extension ResourceService {
    /// The service of a master-data resource with the rules that belong to it.
    public static func standard(_ spec: ResourceSpec, store: Store) -> ResourceService {
        let rules: any ResourceRules =
            switch spec.path {
            case Catalog.campaigns.path: CampaignRules()
            case Catalog.numberSeries.path: NumberSeriesRules()
            case Catalog.salutations.path: SalutationRules()
            case Catalog.contacts.path: ContactRules()
            case Catalog.users.path: UserRules()
            default: NoRules()
            }
        return ResourceService(spec, rules: rules, store: store)
    }
}
