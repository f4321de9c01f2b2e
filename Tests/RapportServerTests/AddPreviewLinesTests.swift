import RapportCore
import Testing

@testable import RapportServer
@testable import RapportStorage

/// The live count finds the candidates already in the segment from the segment's lines when it has few, and by a
/// probe of the lines per candidate when it has many (SQLite); it counts whole or in two parts.
/// Either way the counts are the same.
@Suite("The live count's ways of counting agree")
struct AddPreviewLinesTests {
    @Test func theLinesAndTheCandidatesGiveTheSameExistingLines() async throws {
        try await withAPI { api, services in
            try await seedSegmentWorld(api)
            try await api.segment("S1")
            for contact in ["P11", "P21", "P0", "C1"] {
                let line = try await api.post("/api/v1/segments/S1/lines", #"{"contactNo": "\#(contact)"}"#)
                #expect(line.status == 201, "\(contact): \(line.text)")
            }
            var sawExisting = false
            for (filters, options) in AddPreviewSplitTests.actions {
                let action = CriteriaAction(kind: .add, options: options, filters: try SegmentFilters.parse(filters))
                let (fromLines, fromCandidates) = try await services.store.read { connection in
                    (
                        try AddPreview.counts(action, segmentNo: "S1", connection),
                        try AddPreview.counts(action, segmentNo: "S1", smallSegmentLines: 0, connection)
                    )
                }
                #expect(fromLines == fromCandidates, "\(action.text)")
                if fromLines.alreadyInSegment > 0 { sawExisting = true }
            }
            #expect(sawExisting)
        }
    }

    @Test func wholeOrInPartsTheCountIsTheSame() async throws {
        try await withAPI { api, services in
            try await seedSegmentWorld(api)
            try await api.segment("S1")
            let line = try await api.post("/api/v1/segments/S1/lines", #"{"contactNo": "P11"}"#)
            #expect(line.status == 201, "\(line.text)")
            let action = CriteriaAction(
                kind: .add, options: CriteriaOptions(),
                filters: try SegmentFilters.parse(["mailingGroups": ["code": "NEWS"]]))
            let whole = try await services.store.read { connection in
                try AddPreview.counts(action, segmentNo: "S1", connection)
            }
            #expect(whole.count > 0 && whole.alreadyInSegment == 1)
            // Whole in one transaction (a busy server) and in two parts (free readers), through the service.
            for readersFree in [false, true] {
                let live = try await services.segmentCriteria.liveCount(
                    action, on: Segment.No("S1"), readersFree: readersFree)
                #expect(live == whole, "readers free: \(readersFree)")
            }
        }
    }
}

/// Which way the live count finds the candidates already in the segment, and the counts each way gives.
@Suite("The live count chooses how to find existing lines")
struct AddPreviewExistingLinesTests {
    static let news = ["mailingGroups": ["code": "NEWS"]]

    /// The form chosen for `action` on segment S1, and the counts of the live count.
    static func countsAndForm(
        _ action: CriteriaAction, smallSegmentLines: Int = AddPreview.smallSegmentLines, _ services: RapportServices
    ) async throws -> (form: AddPreview.ExistingLines, preview: ContactPreview) {
        try await services.store.read { connection in
            let candidates = try ContactSelection.addSelection(
                action, segmentNo: "S1", applyChecks: false, dialect: connection.dialect)
            return (
                try AddPreview.existingLines(
                    action, segmentNo: "S1", expands: !candidates.ctes.isEmpty,
                    smallSegmentLines: smallSegmentLines, connection),
                try AddPreview.counts(action, segmentNo: "S1", smallSegmentLines: smallSegmentLines, connection)
            )
        }
    }

    @Test func anEmptySegmentHasNoExistingLinesToFind() async throws {
        try await withAPI { api, services in
            try await seedSegmentWorld(api)
            try await api.segment("S1")
            let action = CriteriaAction(kind: .add, filters: try SegmentFilters.parse(Self.news))
            let (form, preview) = try await Self.countsAndForm(action, services)
            #expect(form == .none)
            // NEWS: P0, C1, P11, P21 and the excluded C3.
            #expect(preview.count == 4 && preview.excludedFromSegment == 1 && preview.alreadyInSegment == 0)
        }
    }

    @Test func eachSegmentIsCountedTheWayItsSizeAndBackendCallFor() async throws {
        try await withAPI { api, services in
            try await seedSegmentWorld(api)
            try await api.segment("S1")
            for contact in ["P11", "C3"] {
                let line = try await api.post("/api/v1/segments/S1/lines", #"{"contactNo": "\#(contact)"}"#)
                #expect(line.status == 201, "\(contact): \(line.text)")
            }
            let isSQLite = services.store.dialect == .sqlite
            let news = CriteriaAction(kind: .add, filters: try SegmentFilters.parse(Self.news))
            // A small segment: its lines drive, on both backends. P11 is in; C3 is in but excluded.
            let small = try await Self.countsAndForm(news, services)
            #expect(small.form == .countedFromLines)
            #expect(small.preview.count == 3 && small.preview.excludedFromSegment == 1)
            #expect(small.preview.alreadyInSegment == 1)
            // A large one: SQLite probes the lines per candidate; PostgreSQL still counts from the lines.
            let large = try await Self.countsAndForm(news, smallSegmentLines: 1, services)
            #expect(large.form == (isSQLite ? .probedPerCandidate : .countedFromLines))
            #expect(large.preview == small.preview)
            // An expansion's candidates are not built twice on SQLite, however small the segment.
            let expanding = CriteriaAction(
                kind: .add, options: CriteriaOptions(expandCompanies: true),
                filters: try SegmentFilters.parse(Self.news))
            let expanded = try await Self.countsAndForm(expanding, services)
            #expect(expanded.form == (isSQLite ? .probedPerCandidate : .countedFromLines))
            // NEWS expanded to the whole companies: C1, P11, P12, C2, P21, C3, P31 and P0; C3 is excluded.
            #expect(expanded.preview.count == 6 && expanded.preview.excludedFromSegment == 1)
            #expect(expanded.preview.alreadyInSegment == 1)
            // Add may take them again: nothing to find.
            let again = CriteriaAction(
                kind: .add, options: CriteriaOptions(allowExistingContacts: true),
                filters: try SegmentFilters.parse(Self.news))
            let allowed = try await Self.countsAndForm(again, services)
            #expect(allowed.form == .none)
            #expect(allowed.preview.count == 4 && allowed.preview.alreadyInSegment == 0)
        }
    }

    @Test func aContactWithTwoLinesIsOneCandidateAlreadyIn() async throws {
        try await withAPI { api, services in
            try await seedSegmentWorld(api)
            try await api.segment("S1")
            for contact in ["P11", "P11", "C1"] {
                let line = try await api.post("/api/v1/segments/S1/lines", #"{"contactNo": "\#(contact)"}"#)
                #expect(line.status == 201, "\(contact): \(line.text)")
            }
            // RETAIL is C1's: the company itself and its people P11 and P12, a company's relation probed per line.
            let retail = CriteriaAction(
                kind: .add, filters: try SegmentFilters.parse(["industryGroups": ["code": "RETAIL"]]))
            for smallSegmentLines in [AddPreview.smallSegmentLines, 1] {
                let (_, preview) = try await Self.countsAndForm(retail, smallSegmentLines: smallSegmentLines, services)
                #expect(preview.count == 1, "\(smallSegmentLines)")
                #expect(preview.excludedFromSegment == 0 && preview.alreadyInSegment == 2, "\(smallSegmentLines)")
            }
        }
    }
}
