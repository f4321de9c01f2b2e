import RapportCore
import RapportStorage
import Testing

/// The figures of the home page and the statistics pages (issue 15), on SQLite and, with
/// `RAPPORT_TEST_BACKEND=postgres`, on PostgreSQL.
@Suite("Activity figures")
struct ActivityFiguresTests {
    /// Records one interaction with `contact` on `date` and checks it was written.
    func record(_ api: API, _ contact: String, _ body: String) async throws -> Int {
        let created = try await api.post("/api/v1/contacts/\(contact)/interactions", body)
        #expect(created.status == 201, "\(created.text)")
        return Int(created.json["entryNo"]?.number ?? 0)
    }

    @Test func interactionsAreCountedPerMondayWeekByTemplateAndCorrespondenceType() async throws {
        try await withAPI { api, services in
            try await seedLoggableSegment(api)
            // 2026-03-02 is a Monday; 03-08 (a Sunday) belongs to its week, 03-09 starts the next.
            _ = try await record(api, "P21", #"{"interactionTemplateCode": "LETTER", "date": "2026-03-02"}"#)
            _ = try await record(api, "P21", #"{"interactionTemplateCode": "LETTER", "date": "2026-03-08"}"#)
            _ = try await record(api, "P11", #"{"interactionTemplateCode": "EMAIL", "date": "2026-03-08"}"#)
            _ = try await record(api, "P11", #"{"interactionTemplateCode": "LETTER", "date": "2026-03-09"}"#)
            let canceled = try await record(
                api, "P12", #"{"interactionTemplateCode": "LETTER", "date": "2026-03-10"}"#)
            let cancel = try await api.post(
                "/api/v1/interaction-log-entries/\(canceled)/cancel", #"{"canceled": true}"#)
            #expect(cancel.status == 200, "\(cancel.text)")
            _ = try await record(api, "P21", #"{"interactionTemplateCode": "LETTER", "date": "2026-04-20"}"#)

            let figures = ActivityFigures(store: services.store)
            let march = try await figures.weeklyInteractions(.everything, dateFilter: "2026-03-01..2026-03-31")
            #expect(
                march.byTemplate == [
                    .init(weekStart: "2026-03-02", key: "EMAIL", count: 1),
                    .init(weekStart: "2026-03-02", key: "LETTER", count: 2),
                    .init(weekStart: "2026-03-09", key: "LETTER", count: 1),
                ])
            // P21 prefers hard copy; the e-mail template sends P11 an e-mail; P11's letter is a hard copy.
            #expect(
                march.byCorrespondenceType == [
                    .init(weekStart: "2026-03-02", key: "email", count: 1),
                    .init(weekStart: "2026-03-02", key: "hardCopy", count: 2),
                    .init(weekStart: "2026-03-09", key: "hardCopy", count: 1),
                ])
            let letters = try await figures.weeklyInteractions(.only(.template, code: "letter"), dateFilter: nil)
            #expect(letters.byTemplate.map(\.count) == [2, 1, 1])
            #expect(letters.byTemplate.map(\.weekStart) == ["2026-03-02", "2026-03-09", "2026-04-20"])
            let group = try await figures.weeklyInteractions(.only(.interactionGroup, code: "LETTER"), dateFilter: nil)
            #expect(group.byTemplate.map(\.count) == [2, 1, 1])

            await #expect(throws: RapportError.self) {
                _ = try await figures.weeklyInteractions(.everything, dateFilter: "March")
            }
            let unknown = await #expect(throws: RapportError.self) {
                _ = try await figures.weeklyInteractions(.only(.campaign, code: "NOPE"), dateFilter: nil)
            }
            #expect(unknown?.kind == .notFound)
        }
    }

    @Test func campaignsAndRunsShowCostDurationAndDeliveryOutcomes() async throws {
        try await withAPI { api, services in
            try await seedLoggableSegment(api)
            _ = try await record(
                api, "P21", #"{"interactionTemplateCode": "LETTER", "date": "2026-02-02", "campaignNo": "CP1"}"#)
            try await api.segment(
                "S2", #""description": "Sent letters", "interactionTemplateCode": "LETTER", "campaignNo": "CP1""#)
            expectSuccess(try await api.addContacts("S2", #"{"filters": {"contact": {"no": "P11|P12|P21"}}}"#))
            let stored = try await api.uploadBytes(
                "/api/v1/segments/S2/document", try letterDocx(fields: ["ContactName"]))
            #expect(stored.status == 201, "\(stored.text)")
            let logged = try await api.post("/api/v1/segments/S2/log", #"{"send": true}"#)
            #expect(logged.status == 201, "\(logged.text)")
            let queue = DeliveryQueue(store: services.store)
            // The letters are hard copies, claimed in a batch.
            let jobs = try await queue.claimHardCopies(worker: "test", limit: 10).letters
            #expect(jobs.count == 3)
            for job in jobs.dropLast() { try await queue.markSent(job.entryNo, document: nil) }
            try await queue.markFailed(
                try #require(jobs.last).entryNo, reason: "refused", temporary: false, attempts: 0)

            let figures = ActivityFigures(store: services.store)
            let campaigns = try await figures.campaigns(.everything, dateFilter: nil)
            #expect(campaigns.count == 1)
            #expect(campaigns.first?.campaignNo == "CP1")
            #expect(campaigns.first?.description == "Spring")
            #expect(campaigns.first?.noOfInteractions == 4)
            #expect(campaigns.first?.cost == 6)
            #expect(campaigns.first?.duration == 20)
            let february = try await figures.campaigns(
                .only(.campaign, code: "CP1"), dateFilter: "2026-02-01..2026-02-28")
            #expect(february.map(\.noOfInteractions) == [1])

            let runs = try await figures.recentRuns(.everything, limit: 5)
            #expect(runs.count == 1)
            let run = try #require(runs.first)
            #expect(run.segmentNo == "S2")
            #expect(run.description == "Sent letters")
            #expect([run.noOfInteractions, run.sent, run.pending, run.failed] == [3, 2, 0, 1])
            #expect(run.isCanceled == false)
            #expect(try await figures.recentRuns(.only(.campaign, code: "CP1"), limit: 5).count == 1)
            #expect(try await figures.recentRuns(.only(.interactionGroup, code: "LETTER"), limit: 5).count == 1)
            #expect(try await figures.recentRuns(.only(.template, code: "EMAIL"), limit: 5).isEmpty)

            let segments = try await figures.segmentsInProgress(salespersonCode: nil, limit: 5)
            #expect(segments.map(\.no.text) == ["S1"])
            #expect(segments.first?.noOfLines == 3)
            #expect(segments.first?.lastAction == "Add Contacts: Contact: No. = C1|P11|P21")
            #expect(try await figures.segmentsInProgress(salespersonCode: "RB", limit: 5).isEmpty)
            #expect(try await figures.segmentsInProgress(salespersonCode: "JO", limit: 5).count == 1)
        }
    }
}
