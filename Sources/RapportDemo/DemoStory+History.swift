import Foundation
import RapportCore
import RapportStorage

extension DemoStory {
    /// The records the story is told with, read from the seeded database rather than assumed, so the
    /// story holds whatever the demo's master data becomes.
    struct Cast: Sendable {
        var contacts: [String]
        /// Persons with an e-mail address.
        var emailContacts: [String]
        var templates: [String]
        var templateLanguages: [String: [String]]
        var campaigns: [String]
        var salespeople: [String]
        var mailingGroup: String?

        func template(_ code: String) -> String? { templates.contains(code) ? code : nil }
        func languages(of template: String) -> [String] { templateLanguages[template] ?? [] }

        static func read(_ store: Store) async throws(RapportError) -> Cast {
            let contacts = ResourceService(Catalog.contacts, store: store)
            let people = try await contacts.list(ListQuery(parameters: [("type", "person"), ("limit", "60")]))
            let mailable = try await contacts.list(
                ListQuery(parameters: [("type", "person"), ("email", "<>''"), ("limit", "40")]))
            let templates = try await ResourceService(Catalog.interactionTemplates, store: store).list(
                ListQuery(limit: 100))
            var languages: [String: [String]] = [:]
            for template in templates.items {
                languages[template.text("code")] = (template.children["languages"] ?? []).compactMap {
                    $0["languageCode"]?.textValue
                }
            }
            let campaigns = try await ResourceService(Catalog.campaigns, store: store).list(ListQuery(limit: 10))
            let salespeople = try await ResourceService(Catalog.salespeople, store: store).list(ListQuery(limit: 10))
            let groups = try await ResourceService(
                Catalog.masterData.first { $0.path == "mailing-groups" } ?? Catalog.campaigns, store: store
            ).list(ListQuery(limit: 1))
            return Cast(
                contacts: people.items.map { $0.text("no") }, emailContacts: mailable.items.map { $0.text("no") },
                templates: templates.items.map { $0.text("code") }, templateLanguages: languages,
                campaigns: campaigns.items.map { $0.text("no") },
                salespeople: salespeople.items.map { $0.text("code") },
                mailingGroup: groups.items.first.map { $0.text("code") }.flatMap { $0.isEmpty ? nil : $0 })
        }
    }

    /// About four months of single interactions, a few a week: letters, e-mails, calls and meetings, some
    /// for the campaigns, some evaluated.
    func history(_ cast: Cast) async throws(RapportError) {
        let kinds = ["LETTER", "EMAIL", "PHONE", "MEETING", "NEWSLETTER"].compactMap(cast.template)
        guard !kinds.isEmpty, !cast.salespeople.isEmpty else { return }
        let evaluations = ["positive", "neutral", "veryPositive", "negative"]
        let service = SingleInteractionService(store: store)
        var turn = 0
        for week in stride(from: 17, through: 1, by: -1) {
            // Busier weeks around the campaigns, quieter ones in between.
            let count = 2 + (week * 7) % 5
            for index in 0..<count {
                turn += 1
                let contact = cast.contacts[(turn * 7) % cast.contacts.count]
                var fields = Record()
                fields["salespersonCode"] = .text(cast.salespeople[turn % cast.salespeople.count])
                fields["date"] = .text(Self.dayText(-(week * 7 - index), from: now))
                if turn % 3 == 0, let campaign = cast.campaigns[safe: turn % max(cast.campaigns.count, 1)] {
                    fields["campaignNo"] = .text(campaign)
                }
                if turn % 2 == 0 { fields["evaluation"] = .text(evaluations[turn % evaluations.count]) }
                let interaction = SingleInteraction(
                    templateCode: InteractionTemplate.Code(kinds[turn % kinds.count]), fields: fields,
                    timeOfInteraction: TimeOfDay(String(format: "%02d:%02d", 9 + turn % 8, (turn * 13) % 60)))
                _ = try await service.record(interaction, with: Contact.No(contact), by: user)
            }
        }
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
