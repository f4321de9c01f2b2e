import RapportCore
import Testing

@testable import RapportServer

@Suite("Add, Reduce and Refine Contacts")
struct SegmentSelectionTests {
    static let news = #"{"filters": {"mailingGroups": {"code": "NEWS"}}"#

    @Test func addContactsPicksMatchesSkipsExcludedAndOrdersByCompany() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            try await api.segment("S1")
            let added = try await api.addContacts("S1", Self.news + "}")
            #expect(added.status == 200, "\(added.text)")
            #expect(added.json["linesAdded"]?.number == 4)
            #expect(added.json["noOfCriteriaActions"]?.number == 1)
            #expect(try await api.lineContacts("S1") == ["P0", "C1", "P11", "P21"])
            let lines = try await api.lines("S1")
            #expect(lines.map { $0["lineNo"]?.number } == [10000, 20000, 30000, 40000])
            #expect(lines.allSatisfy { $0["addedByActionNo"]?.number == 1 })
            #expect(lines[2]["contactCompanyName"]?.string == "Alpha Ltd")

            // Again: the existing contacts are not added twice, but the run is still one action.
            let again = try await api.addContacts("S1", Self.news + "}")
            #expect(again.json["linesAdded"]?.number == 0)
            #expect(again.json["noOfCriteriaActions"]?.number == 2)
            let duplicates = try await api.addContacts("S1", Self.news + #", "allowExistingContacts": true}"#)
            #expect(duplicates.json["linesAdded"]?.number == 4)
            #expect(try await api.lineContacts("S1").count == 8)
        }
    }

    @Test func allowRelatedCompaniesAddsThePersonsCompany() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            try await api.segment("S1")
            try await api.segment("S2")
            // P21 is in NEWS, its company C2 is not.
            try await api.addContacts("S1", Self.news + "}")
            #expect(try await !api.lineContacts("S1").contains("C2"))
            try await api.addContacts("S2", Self.news + #", "allowRelatedCompanies": true}"#)
            #expect(try await api.lineContacts("S2") == ["P0", "C1", "P11", "C2", "P21"])
        }
    }

    @Test func expandCompaniesAddsEveryContactOfTheCompanyAndExclusionStillApplies() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            try await api.segment("S1")
            try await api.segment("S2")
            try await api.addContacts("S1", Self.news + #", "expandCompanies": true}"#)
            #expect(try await api.lineContacts("S1") == ["P0", "C1", "P11", "P12", "C2", "P21", "P31"])
            try await api.addContacts("S2", Self.news + #", "expandCompanies": true, "ignoreExclusion": true}"#)
            #expect(try await api.lineContacts("S2") == ["P0", "C1", "P11", "P12", "C2", "P21", "C3", "P31"])
        }
    }

    @Test func previewCountsWhatTheOptionsLeaveOutAndChangesNothing() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            try await api.segment("S1")
            try await api.post("/api/v1/segments/S1/lines", #"{"contactNo": "P11"}"#)
            let preview = try await api.post(
                "/api/v1/segments/S1/preview-contacts",
                #"{"action": "add", "filters": {"mailingGroups": {"code": "NEWS"}}}"#)
            #expect(preview.status == 200, "\(preview.text)")
            #expect(preview.json["wouldAdd"]?.number == 3)
            #expect(preview.json["sample"] == .array([.string("P0"), .string("C1"), .string("P21")]))
            #expect(preview.json["skipped"]?["excludedFromSegment"]?.number == 1)
            #expect(preview.json["skipped"]?["alreadyInSegment"]?.number == 1)
            let reduce = try await api.post(
                "/api/v1/segments/S1/preview-contacts", #"{"action": "reduce", "filters": {"contact": {"no": "P11"}}}"#)
            #expect(reduce.json["wouldRemove"]?.number == 1)
            let header = try await api.get("/api/v1/segments/S1")
            #expect(header.json["noOfLines"]?.number == 1)
            #expect(header.json["noOfCriteriaActions"]?.number == 1)
        }
    }

    @Test func reduceWithoutFiltersEmptiesTheSegmentAndResetsCriteria() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            try await api.segment("S1")
            try await api.segment("S2")
            try await api.addContacts("S1", Self.news + "}")
            let emptied = try await api.post("/api/v1/segments/S1/reduce-contacts", "{}")
            #expect(emptied.json["linesRemoved"]?.number == 4)
            #expect(emptied.json["noOfLines"]?.number == 0)
            #expect(emptied.json["noOfCriteriaActions"]?.number == 0)
            try await api.addContacts("S2", Self.news + "}")
            let kept = try await api.post("/api/v1/segments/S2/reduce-contacts", #"{"resetCriteria": false}"#)
            #expect(kept.json["noOfCriteriaActions"]?.number == 2)
            let back = try await api.post("/api/v1/segments/S2/go-back", "{}")
            #expect(back.json["noOfLines"]?.number == 4)
        }
    }

    @Test func refineKeepsOnlyMatchesAndReduceRemovesThem() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            try await api.segment("S1")
            try await api.addContacts("S1", Self.news + #", "expandCompanies": true}"#)
            let refined = try await api.post(
                "/api/v1/segments/S1/refine-contacts", #"{"filters": {"contact": {"salespersonCode": "JO"}}}"#)
            #expect(refined.json["linesRemoved"]?.number == 3)
            #expect(try await api.lineContacts("S1") == ["P0", "C1", "P11", "P12"])
            let reduced = try await api.post(
                "/api/v1/segments/S1/reduce-contacts", #"{"filters": {"industryGroups": {"code": "RETAIL"}}}"#)
            #expect(reduced.json["linesRemoved"]?.number == 3)
            #expect(try await api.lineContacts("S1") == ["P0"])
        }
    }

    @Test func entireCompaniesTakesTheWholeCompanyOfAMatch() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            try await api.segment("S1")
            try await api.addContacts("S1", Self.news + #", "expandCompanies": true}"#)
            // Only P11 is named, but Entire Companies removes all of Alpha Ltd.
            let reduced = try await api.post(
                "/api/v1/segments/S1/reduce-contacts",
                #"{"filters": {"contact": {"no": "P11"}}, "entireCompanies": true}"#)
            #expect(reduced.json["linesRemoved"]?.number == 3)
            #expect(try await api.lineContacts("S1") == ["P0", "C2", "P21", "P31"])
            let refined = try await api.post(
                "/api/v1/segments/S1/refine-contacts",
                #"{"filters": {"contact": {"no": "P21"}}, "entireCompanies": true}"#)
            #expect(refined.json["linesRemoved"]?.number == 2)
            #expect(try await api.lineContacts("S1") == ["C2", "P21"])
        }
    }
}
