import Foundation
import RapportCore
import RapportStorage

/// The demo company's recent past, so that every page has something real on it: a few months of
/// interaction history, a logged e-mail run whose deliveries went out (one failed), an older logged
/// letter run with its follow-up segment, two segments in progress (one built by criteria and saved
/// as saved criteria, one with personalised lines). Everything goes through the use cases users have,
/// dated relative to today, and only over master data that exists (codes that are missing are skipped).
public struct DemoStory: Sendable {
    let store: Store
    /// Today: the story's dates count back from it.
    let now: Date
    let user = ActingUser.commandLine

    public init(store: Store, now: Date = Date()) {
        self.store = store
        self.now = now
    }

    /// The saved criteria the story leaves.
    public static let savedCriteriaCode = "NEWSPEOPLE"

    /// Seeds the story over the demo master data and contacts.
    public func tell() async throws(RapportError) {
        let cast = try await Cast.read(store)
        guard !cast.contacts.isEmpty, !cast.templates.isEmpty, !cast.salespeople.isEmpty else { return }
        try await history(cast)
        try await letterRun(cast)
        try await emailRun(cast)
        try await criteriaSegment(cast)
        try await personalSegment(cast)
    }

    // MARK: - Logged runs

    /// Six weeks ago: a letter run for the first campaign, logged without sending, with a follow-up segment.
    func letterRun(_ cast: Cast) async throws(RapportError) {
        guard let template = cast.template("LETTER") else { return }
        let no = try await segment(
            "Spring fair letters", template: template, campaign: cast.campaigns.first, daysAgo: 42, cast: cast)
        try await add(Array(cast.contacts.prefix(14)), to: no)
        _ = try await SegmentLogger(store: store, clock: { [now] in Self.day(-42, from: now) }).log(
            no, send: false, createFollowUp: true, by: user)
    }

    /// Ten days ago: an e-mail run, sent; every delivery went out but one, which the mail server refused.
    func emailRun(_ cast: Cast) async throws(RapportError) {
        guard let template = cast.template("EMAIL"), !cast.emailContacts.isEmpty else { return }
        let documents = DocumentService(store: store)
        for language in cast.languages(of: template) {
            _ = try await documents.putEmailBody(
                template: template, language: language,
                "<p>Dear {{ContactName}},</p><p>Our summer webinars start soon: we would be glad to see you.</p>",
                by: user)
        }
        let no = try await segment(
            "Summer webinar invitations", template: template, campaign: cast.campaigns.dropFirst().first,
            daysAgo: 10, cast: cast)
        try await add(Array(cast.emailContacts.prefix(12)), to: no)
        let logger = SegmentLogger(store: store, clock: { [now] in Self.day(-10, from: now) })
        guard try await logger.check(no, send: true).problems.isEmpty else {
            // A master data without e-mail bodies for the contacts' languages: log without sending.
            _ = try await logger.log(no, send: false, createFollowUp: false, by: user)
            return
        }
        _ = try await logger.log(no, send: true, createFollowUp: false, by: user)
        let queue = DeliveryQueue(store: store)
        let jobs = try await queue.claim(worker: "demo-story", limit: 1000)
        for job in jobs.dropLast() { try await queue.markSent(job.entryNo, document: nil) }
        if let last = jobs.last {
            try await queue.markFailed(
                last.entryNo, reason: "550 5.1.1 Mailbox unavailable (the demo's one bounced e-mail)",
                temporary: false, attempts: 0)
        }
    }

    // MARK: - Segments in progress

    /// A newsletter segment built by criteria (Add by mailing group, Reduce the companies), saved for reuse.
    func criteriaSegment(_ cast: Cast) async throws(RapportError) {
        guard let group = cast.mailingGroup else { return }
        let no = try await segment(
            "Autumn newsletter", template: cast.template("NEWSLETTER") ?? cast.templates[0], campaign: nil,
            daysAgo: 1, cast: cast)
        let criteria = SegmentCriteriaService(store: store)
        _ = try await criteria.run(
            CriteriaAction(kind: .add, filters: try SegmentFilters.parse(["mailingGroups": ["code": group]])),
            on: no)
        _ = try await criteria.run(
            CriteriaAction(kind: .reduce, filters: try SegmentFilters.parse(["contact": ["type": "company"]])), on: no)
        _ = try await SavedCriteriaService(store: store).save(
            no, as: SavedCriteria.Code(Self.savedCriteriaCode), description: "People on the \(group) mailing group",
            by: user)
    }

    /// Thank-you letters to a few contacts, each line personalised (its own subject and description).
    func personalSegment(_ cast: Cast) async throws(RapportError) {
        guard let template = cast.template("LETTER") else { return }
        let no = try await segment(
            "Thank-you letters after the fair", template: template, campaign: nil, daysAgo: 0, cast: cast)
        try await add(Array(cast.contacts.dropFirst(20).prefix(5)), to: no)
        let lines = SegmentLineService(store: store)
        let page = try await lines.list(no, ListQuery(limit: 3))
        for (index, line) in page.items.enumerated() {
            guard let lineNo = SegmentLine.No(line.text("lineNo")) else { continue }
            var patch = Record()
            patch["subject"] = .text(
                ["Thank you for your visit", "Lovely to meet you", "Your questions answered"][index])
            patch["description"] = .text("Personal thank-you")
            _ = try await lines.update(no, lineNo, patch)
        }
    }

    // MARK: - Helpers

    func segment(
        _ description: String, template: String, campaign: String?, daysAgo: Int, cast: Cast
    ) async throws(RapportError) -> Segment.No {
        var sent = Record()
        sent["salespersonCode"] = .text(cast.salespeople[daysAgo % cast.salespeople.count])
        sent["description"] = .text(description)
        sent["interactionTemplateCode"] = .text(template)
        sent["date"] = .text(Self.dayText(-daysAgo, from: now))
        if let campaign { sent["campaignNo"] = .text(campaign) }
        let created = try await SegmentService(store: store).create(sent, by: user)
        return Segment.No(created.text("no"))
    }

    func add(_ contacts: [String], to no: Segment.No) async throws(RapportError) {
        guard !contacts.isEmpty else { return }
        let filters = try SegmentFilters.parse(["contact": ["no": contacts.joined(separator: "|")]])
        _ = try await SegmentCriteriaService(store: store).run(CriteriaAction(kind: .add, filters: filters), on: no)
    }

    static func day(_ offset: Int, from now: Date) -> Date {
        now.addingTimeInterval(Double(offset) * 86_400)
    }

    static func dayText(_ offset: Int, from now: Date) -> String {
        CalendarDate.today(in: .gmt, now: day(offset, from: now)).description
    }
}
