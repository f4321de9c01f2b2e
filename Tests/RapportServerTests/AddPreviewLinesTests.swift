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
