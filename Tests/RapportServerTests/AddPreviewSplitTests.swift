import RapportCore
import Testing

@testable import RapportServer
@testable import RapportStorage

/// The live count splits into parts by contact number (by company number when a company's relations are
/// filtered) that run side by side: wherever the split falls, the parts add up to the count in one piece.
@Suite("The live count's parts add up to the whole")
struct AddPreviewSplitTests {
    static let actions: [(filters: [String: [String: String]], options: CriteriaOptions)] = [
        (["mailingGroups": ["code": "NEWS"]], CriteriaOptions()),
        (["mailingGroups": ["code": "NEWS"]], CriteriaOptions(allowExistingContacts: true, ignoreExclusion: true)),
        (["industryGroups": ["code": "RETAIL"]], CriteriaOptions()),
        (
            [
                "contact": ["salespersonCode": "JO|RB"], "mailingGroups": ["code": "NEWS"],
                "industryGroups": ["code": "RETAIL"],
            ],
            CriteriaOptions()
        ),
        (["contact": ["salespersonCode": "RB"]], CriteriaOptions()),
        (["industryGroups": ["code": "RETAIL"]], CriteriaOptions(ignoreExclusion: true)),
        (["contact": ["salespersonCode": "JO|RB"]], CriteriaOptions(allowExistingContacts: true)),
        (["mailingGroups": ["code": "NEWS"]], CriteriaOptions(expandCompanies: true)),
        (["mailingGroups": ["code": "NEWS|PROMO"]], CriteriaOptions(allowRelatedCompanies: true)),
        ([:], CriteriaOptions()),
    ]
    /// Before every number, on company and person numbers, between them and after them all.
    static let splits = ["", "C1", "C2", "C25", "C3", "P", "P0", "P11", "P12", "P2", "P31", "Z"]

    @Test func everySplitGivesTheCountInOnePiece() async throws {
        try await withAPI { api, services in
            try await seedSegmentWorld(api)
            try await api.segment("S1")
            let line = try await api.post("/api/v1/segments/S1/lines", #"{"contactNo": "P11"}"#)
            #expect(line.status == 201, "\(line.text)")
            for (filters, options) in Self.actions {
                let action = CriteriaAction(kind: .add, options: options, filters: try SegmentFilters.parse(filters))
                let whole = try await services.store.read { connection in
                    try AddPreview.counts(action, segmentNo: "S1", connection)
                }
                #expect(whole.count > 0, "\(action.text)")
                for split in Self.splits {
                    let parts = ContactNumberRange.parts(splitAt: split)
                    #expect(parts.count == 2)
                    var counted: [ContactPreview] = []
                    for part in parts {
                        counted.append(
                            try await services.store.read { connection in
                                try AddPreview.counts(action, segmentNo: "S1", within: part, connection)
                            })
                    }
                    #expect(AddPreview.sum(counted) == whole, "\(action.text) split at '\(split)'")
                }
                // And the split the service takes, through the service.
                let live = try await services.segmentCriteria.preview(action, on: Segment.No("S1"), withSample: false)
                #expect(live == whole, "\(action.text)")
            }
        }
    }

    @Test func theCompanySplitCutsTheCompaniesAndTheContactSplitTheContacts() async throws {
        try await withAPI { api, services in
            try await seedSegmentWorld(api)
            try await api.segment("S1")
            // RETAIL is C1's: its company and persons all fall below C2 by company number, though P11 and P12
            // sort above C2 by their own numbers.
            let retail = CriteriaAction(
                kind: .add, filters: try SegmentFilters.parse(["industryGroups": ["code": "RETAIL"]]))
            let counts = try await services.store.read { connection in
                try ContactNumberRange.parts(splitAt: "C2").map { part in
                    try AddPreview.counts(retail, segmentNo: "S1", within: part, connection).count
                }
            }
            #expect(counts == [3, 0])
            // NEWS by contact number: C1 and C3 (excluded, so not counted) below P, then P0, P11, P21 above.
            let news = CriteriaAction(
                kind: .add, filters: try SegmentFilters.parse(["mailingGroups": ["code": "NEWS"]]))
            let newsCounts = try await services.store.read { connection in
                try ContactNumberRange.parts(splitAt: "P").map { part in
                    try AddPreview.counts(news, segmentNo: "S1", within: part, connection)
                }
            }
            #expect(newsCounts.map(\.count) == [1, 3])
            #expect(newsCounts.map(\.excludedFromSegment) == [1, 0])
        }
    }
}
