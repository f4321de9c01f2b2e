import RapportCore
import Testing

@testable import RapportServer

/// Versions of a segment's membership and the diff between them.
@Suite("Segment versions")
struct SegmentVersionTests {
    /// S1 on LETTER with C1, P11 and P21 added by criteria.
    func seedSegment(_ api: API) async throws {
        try await seedSegmentWorld(api)
        try await api.segment("S1", #""interactionTemplateCode": "LETTER", "description": "Spring""#)
        #expect(try await api.addContacts("S1", #"{"filters": {"contact": {"no": "C1|P11|P21"}}}"#).status == 200)
    }

    @Test func aDiffNamesWhatWasAddedRemovedAndChangedAndWhy() async throws {
        try await withAPI { api, _ in
            try await seedSegment(api)
            let first = try await api.post("/api/v1/segments/S1/versions", "{}")
            #expect(first.status == 201, "\(first.text)")
            #expect(first.json["version"]?.number == 1)
            #expect(first.json["noOfLines"]?.number == 3)
            #expect(first.json["reason"]?.string == "manual")
            #expect(first.json["userId"]?.string == "ADMIN")

            let reduced = try await api.post(
                "/api/v1/segments/S1/reduce-contacts", #"{"filters": {"contact": {"no": "P11"}}}"#)
            #expect(reduced.status == 200, "\(reduced.text)")
            #expect(try await api.post("/api/v1/segments/S1/lines", #"{"contactNo": "P0"}"#).status == 201)
            #expect(
                try await api.patch("/api/v1/segments/S1/lines/10000", #"{"description": "Call first"}"#).status == 200)
            #expect(try await api.post("/api/v1/segments/S1/versions", "{}").json["version"]?.number == 2)

            let diff = try await api.get("/api/v1/segments/S1/diff?from=1&to=2")
            #expect(diff.status == 200, "\(diff.text)")
            #expect(diff.json["added"]?.array?.map { $0["contactNo"]?.string } == ["P0"])
            // Adding a line by hand records an Add Contacts action on its contact number, as BC does.
            #expect(diff.json["added"]?[0]?["explanation"]?.string == "Add Contacts: Contact: No. = P0 (action 3)")
            #expect(diff.json["removed"]?.array?.map { $0["contactNo"]?.string } == ["P11"])
            let removedBecause = diff.json["removed"]?[0]?["explanation"]?.string ?? ""
            #expect(removedBecause == "Reduce Contacts: Contact: No. = P11 (action 2)", "\(removedBecause)")
            #expect(diff.json["changed"]?.array?.count == 1)
            #expect(diff.json["changed"]?[0]?["contactNo"]?.string == "C1")
            #expect(
                diff.json["changed"]?[0]?["fields"]?["description"]?.array?.map(\.string) == ["Spring", "Call first"])
            #expect(diff.json["counts"]?["added"]?.number == 1)

            // A line added by criteria is explained by its action; `to` defaults to the current lines.
            #expect(try await api.addContacts("S1", #"{"filters": {"contact": {"no": "P12"}}}"#).status == 200)
            let sinceTwo = try await api.get("/api/v1/segments/S1/diff?from=2")
            #expect(sinceTwo.json["added"]?.array?.map { $0["contactNo"]?.string } == ["P12"])
            let addedBecause = sinceTwo.json["added"]?[0]?["explanation"]?.string ?? ""
            #expect(addedBecause == "Add Contacts: Contact: No. = P12 (action 4)", "\(addedBecause)")
            #expect(sinceTwo.json["removed"]?.array?.isEmpty == true)
        }
    }

    @Test func aVersionIsReadPageByPage() async throws {
        try await withAPI { api, _ in
            try await seedSegment(api)
            #expect(try await api.post("/api/v1/segments/S1/versions", "{}").status == 201)
            let page = try await api.get("/api/v1/segments/S1/versions/1?limit=2")
            #expect(page.status == 200, "\(page.text)")
            #expect(page.json["noOfLines"]?.number == 3)
            let items = page.json["lines"]?["items"]?.array ?? []
            #expect(items.map { $0["contactNo"]?.string } == ["C1", "P11"])
            #expect(items.first?["lineNo"]?.number == 10000)
            #expect(items.first?["interactionTemplateCode"]?.string == "LETTER")
            let cursor = try #require(page.json["lines"]?["nextCursor"]?.string)
            let rest = try await api.get("/api/v1/segments/S1/versions/1?limit=2&cursor=\(cursor)")
            #expect(rest.json["lines"]?["items"]?.array?.map { $0["contactNo"]?.string } == ["P21"])
            #expect(rest.json["lines"]?["nextCursor"] == .null)
            let list = try await api.get("/api/v1/segments/S1/versions")
            #expect(list.json["items"]?.array?.map { $0["version"]?.number } == [1])
        }
    }

    @Test func logFreezesAVersionThatOutlivesTheSegment() async throws {
        try await withAPI { api, _ in
            try await seedSegment(api)
            #expect(try await api.post("/api/v1/segments/S1/versions", "{}").status == 201)
            #expect(
                try await api.post("/api/v1/segments/S1/reduce-contacts", #"{"filters": {"contact": {"no": "C1"}}}"#)
                    .status == 200)
            let logged = try await api.post("/api/v1/segments/S1/log", "{}")
            #expect(logged.status == 201, "\(logged.text)")
            let versions = try await api.get("/api/v1/segments/S1/versions")
            #expect(versions.status == 200, "\(versions.text)")
            #expect(versions.json["items"]?.array?.map { $0["reason"]?.string } == ["manual", "log"])
            #expect(versions.json["items"]?[1]?["noOfLines"]?.number == 2)
            let diff = try await api.get("/api/v1/segments/S1/diff?from=1&to=2")
            #expect(diff.json["removed"]?.array?.map { $0["contactNo"]?.string } == ["C1"])
            // The segment is gone, so there is no current side to compare with.
            #expect(try await api.get("/api/v1/segments/S1/diff?from=1").status == 404)
        }
    }

    /// A Log's version is read from its entries until one of them changes or goes; it reads the same before
    /// and after a later evaluation, description, or deletion of canceled entries, and page by page.
    @Test func aLogsVersionStaysAsLoggedWhenItsEntriesChangeOrGo() async throws {
        try await withAPI { api, _ in
            try await seedSegment(api)
            expectSuccess(try await api.patch("/api/v1/segments/S1/lines/20000", #"{"evaluation": "neutral"}"#))
            let logged = try await api.post("/api/v1/segments/S1/log", "{}")
            #expect(logged.status == 201, "\(logged.text)")
            let asLogged = try await api.get("/api/v1/segments/S1/versions/1")
            #expect(asLogged.status == 200, "\(asLogged.text)")
            #expect(asLogged.json["noOfLines"]?.number == 3)
            let lines = asLogged.json["lines"]?["items"]?.array ?? []
            #expect(lines.map { $0["contactNo"]?.string } == ["C1", "P11", "P21"])
            #expect(lines.map { $0["lineNo"]?.number } == [10000, 20000, 30000])
            #expect(lines.map { $0["evaluation"]?.string } == [nil, "neutral", nil])
            #expect(lines.map { $0["description"]?.string } == ["Spring", "Spring", "Spring"])
            let firstPage = try await api.get("/api/v1/segments/S1/versions/1?limit=2")
            #expect(firstPage.json["lines"]?["items"]?.array?.count == 2)
            let cursor = try #require(firstPage.json["lines"]?["nextCursor"]?.string)
            let secondPage = try await api.get("/api/v1/segments/S1/versions/1?limit=2&cursor=\(cursor)")
            #expect(secondPage.json["lines"]?["items"]?.array?.map { $0["contactNo"]?.string } == ["P21"])

            expectSuccess(
                try await api.patch(
                    "/api/v1/interaction-log-entries/2", #"{"evaluation": "positive", "description": "Changed"}"#))
            #expect(try await api.get("/api/v1/segments/S1/versions/1").json == asLogged.json)
            expectSuccess(try await api.post("/api/v1/interaction-log-entries/3/cancel", #"{"canceled": true}"#))
            let deleted = try await api.post("/api/v1/interaction-log-entries/delete-canceled", "{}")
            #expect(deleted.json["deleted"]?.number == 1)
            #expect(try await api.get("/api/v1/segments/S1/versions/1").json == asLogged.json)
            #expect(try await api.get("/api/v1/interaction-log-entries/2").json["evaluation"]?.string == "positive")
        }
    }

    @Test func badRequestsNameTheirFieldAndDeletingTheSegmentDropsItsVersions() async throws {
        try await withAPI { api, _ in
            try await seedSegment(api)
            #expect(try await api.post("/api/v1/segments/S1/versions", "{}").status == 201)
            let missing = try await api.get("/api/v1/segments/S1/diff")
            #expect(missing.status == 422)
            #expect(missing.errorField == "from")
            let wrong = try await api.get("/api/v1/segments/S1/diff?from=1&to=yesterday")
            #expect(wrong.status == 422)
            #expect(wrong.errorField == "to")
            #expect(try await api.get("/api/v1/segments/S1/diff?from=7").status == 404)
            #expect(try await api.get("/api/v1/segments/S1/versions/7").status == 404)
            #expect(try await api.get("/api/v1/segments/S1/versions/x").status == 404)
            #expect(try await api.get("/api/v1/segments/NOPE/versions").status == 404)
            #expect(try await api.post("/api/v1/segments/NOPE/versions", "{}").status == 404)
            let filtered = try await api.get("/api/v1/segments/S1/versions/1?contactNo=C1")
            #expect(filtered.status == 422)
            #expect(try await api.call(.delete, "/api/v1/segments/S1").status == 204)
            #expect(try await api.get("/api/v1/segments/S1/versions").status == 404)
        }
    }
}

/// The diff rules alone: lines matched by contact and occurrence.
@Suite("Segment diff rules")
struct SegmentDiffRuleTests {
    func line(_ contact: String, _ description: String = "", action: String = "added by hand") -> SegmentVersionLine {
        SegmentVersionLine(
            fields: Record(scalars: ["contactNo": .text(contact), "description": .text(description)]),
            explanation: action)
    }

    @Test func aContactTwiceIsMatchedLineByLine() {
        let old = [line("A"), line("B", "x"), line("B", "y")]
        let new = [line("B", "x"), line("C", action: "Add Contacts (action 4)")]
        let diff = SegmentDiff.between(old: old, new: new, removedBy: ["A": "Reduce Contacts (action 3)"])
        #expect(diff.added.map(\.contactNo) == ["C"])
        #expect(diff.added.map(\.explanation) == ["Add Contacts (action 4)"])
        #expect(diff.removed.map(\.contactNo) == ["A", "B"])
        #expect(diff.removed.map(\.explanation) == ["Reduce Contacts (action 3)", "removed by hand"])
        #expect(diff.changed.isEmpty)
    }
}

/// The versions page: freeze, compare, read why.
@Suite("Segment versions page")
struct SegmentVersionPageTests {
    @Test func aMarketerFreezesAVersionAndSeesWhatChangedSince() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            try await api.segment("S1", #""interactionTemplateCode": "LETTER", "description": "Spring""#)
            #expect(try await api.addContacts("S1", #"{"filters": {"contact": {"no": "C1|P11"}}}"#).status == 200)
            var browser = try await signedIn(api, role: "marketer")
            let worksheet = try await browser.request(.get, "/segments/S1")
            #expect(worksheet.html.contains("href=\"/segments/S1/versions\""))
            var page = try await browser.request(.get, "/segments/S1/versions")
            #expect(page.status == 200)
            #expect(page.html.contains("No version yet."))
            page = try await browser.submit("/segments/S1/versions", [:])
            #expect(page.notice == "Version 1 was frozen with 2 lines.")
            #expect(page.html.contains("<td>Frozen by hand</td>"))

            #expect(
                try await api.post("/api/v1/segments/S1/reduce-contacts", #"{"filters": {"contact": {"no": "P11"}}}"#)
                    .status == 200)
            #expect(
                try await api.patch("/api/v1/segments/S1/lines/10000", #"{"description": "<Call> & \"ask\""}"#).status
                    == 200)
            page = try await browser.request(.get, "/segments/S1/versions?from=1&to=current")
            #expect(page.status == 200)
            #expect(page.html.contains("0 added · 1 removed · 1 changed"))
            #expect(page.html.contains("Reduce Contacts: Contact: No. = P11 (action 2)"))
            #expect(page.html.contains("&lt;Call&gt; &amp; &quot;ask&quot;"), "text is escaped")
            let wrong = try await browser.request(.get, "/segments/S1/versions?from=9")
            #expect(wrong.status == 200)
            #expect(wrong.html.contains("role=\"alert\""))
        }
    }
}
