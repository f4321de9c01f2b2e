import RapportCore

/// Loads a master-data document in one transaction: records are created, or patched when their key
/// exists; then template language entries and setup.
public struct MasterDataImporter: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// Imports the document; returns how many records each section wrote.
    public func importDocument(
        _ document: MasterDataDocument, by user: ActingUser
    ) async throws(RapportError) -> [(key: String, count: Int)] {
        let store = self.store
        return try await store.write("import master data") { connection in
            var counts: [(key: String, count: Int)] = []
            for (key, spec) in MasterDataDocument.sectionSpecs {
                guard let section = document.sections.first(where: { $0.key == key }) else { continue }
                let service = ResourceService.standard(spec, store: store)
                for (index, record) in section.records.enumerated() {
                    _ = try RapportError.locating("\(key)[\(index)]") {
                        try service.upsert(record, by: user, in: connection)
                    }
                }
                counts.append((key, section.records.count))
            }
            if let items = document.templateLanguages {
                for (index, item) in items.enumerated() {
                    _ = try RapportError.locating("templateLanguages[\(index)]") {
                        try TemplateLanguageService.put(item.entry, template: item.templateCode, by: user, connection)
                    }
                }
                counts.append(("templateLanguages", items.count))
            }
            if let setup = document.setup {
                _ = try RapportError.locating("setup") { try SetupService.update(setup, by: user, connection) }
                counts.append(("setup", 1))
            }
            return counts
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
