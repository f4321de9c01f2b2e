import RapportCore
import Testing

@testable import RapportServer

/// Living segments: a dynamic segment replays its criteria over the contacts that changed.
@Suite("Living segments")
struct SegmentRefreshTests {
    /// Refreshes S and checks the answer's counts.
    func refresh(
        _ api: API, _ no: String, added: Int, removed: Int, lines: Int,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let answer = try await api.post("/api/v1/segments/\(no)/refresh", "{}")
        #expect(answer.status == 200, "\(answer.text)", sourceLocation: sourceLocation)
        #expect(answer.json["linesAdded"]?.number == Double(added), "\(answer.text)", sourceLocation: sourceLocation)
        #expect(
            answer.json["linesRemoved"]?.number == Double(removed), "\(answer.text)", sourceLocation: sourceLocation)
        #expect(answer.json["noOfLines"]?.number == Double(lines), "\(answer.text)", sourceLocation: sourceLocation)
        #expect((answer.json["ms"]?.number ?? -1) >= 0, sourceLocation: sourceLocation)
    }

    func patchContact(_ api: API, _ no: String, _ body: String) async throws {
        let answer = try await api.patch("/api/v1/contacts/\(no)", body)
        #expect(answer.status == 200, "\(answer.text)")
    }

    /// The change stamps' triggers mark the company a person leaves; a company is its own company, so turning
    /// one into a person with no company must not make the trigger touch the row being written (PostgreSQL
    /// refuses that from a BEFORE trigger: schemathesis found it as a 500).
    @Test func leavingACompanyAndACompanyTurnedPersonAreSaved() async throws {
        try await withAPI { api, _ in
            expectSuccess(try await api.post("/api/v1/contacts", #"{"no": "K1", "type": "company", "name": "Co"}"#))
            expectSuccess(
                try await api.post(
                    "/api/v1/contacts", #"{"no": "K2", "type": "person", "name": "Pat", "companyNo": "K1"}"#))
            try await patchContact(api, "K2", #"{"companyNo": ""}"#)
            try await patchContact(api, "K1", #"{"type": "person", "companyNo": "", "mailingGroups": []}"#)
            let turned = try await api.get("/api/v1/contacts/K1")
            #expect(turned.json["type"]?.string == "person")
            #expect(try await api.get("/api/v1/contacts/K2").json["companyNo"] == .null)
        }
    }

    @Test func aDynamicSegmentFollowsContactsAndTheirMailingGroups() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            try await api.segment("S1", #""kind": "dynamic", "freshnessSeconds": 60"#)
            let add = try await api.addContacts(
                "S1", #"{"filters": {"contact": {"salespersonCode": "JO"}, "mailingGroups": {"code": "NEWS"}}}"#)
            #expect(add.status == 200, "\(add.text)")
            #expect(Set(try await api.lineContacts("S1")) == ["C1", "P11", "P0"])
            // The first refresh rebuilds in full and finds the lines right.
            try await refresh(api, "S1", added: 0, removed: 0, lines: 3)

            let created = try await api.post(
                "/api/v1/contacts",
                #"{"no": "P13", "type": "person", "name": "Finn", "companyNo": "C1", "salespersonCode": "JO", "mailingGroups": ["NEWS"]}"#
            )
            #expect(created.status == 201, "\(created.text)")
            try await refresh(api, "S1", added: 1, removed: 0, lines: 4)
            // Nothing changed: nothing to do.
            try await refresh(api, "S1", added: 0, removed: 0, lines: 4)

            try await patchContact(api, "P12", #"{"mailingGroups": ["NEWS"]}"#)
            try await patchContact(api, "P11", #"{"salespersonCode": "RB"}"#)
            try await patchContact(api, "P0", #"{"mailingGroups": []}"#)
            try await refresh(api, "S1", added: 1, removed: 2, lines: 3)
            #expect(Set(try await api.lineContacts("S1")) == ["C1", "P13", "P12"])

            // A deleted contact leaves at once; the refresh has nothing left to remove.
            #expect(try await api.delete("/api/v1/contacts/P13").status == 204)
            try await refresh(api, "S1", added: 0, removed: 0, lines: 2)
            #expect(Set(try await api.lineContacts("S1")) == ["C1", "P12"])

            let header = try await api.get("/api/v1/segments/S1")
            #expect(header.json["kind"]?.string == "dynamic")
            #expect(header.json["freshnessSeconds"]?.number == 60)
            #expect(header.json["lastRefreshedAt"]?.string != nil)
            #expect(header.json["nextRefreshAt"]?.string != nil)
            #expect(header.json["lastRefreshMs"]?.number != nil)
        }
    }

    @Test func aDynamicSegmentFollowsProfileAnswersAndCompanies() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            try await api.segment("S2", #""kind": "dynamic""#)
            let add = try await api.addContacts(
                "S2", #"{"filters": {"profileAnswers": {"questionnaireCode": "SIZE"}}, "expandCompanies": true}"#)
            #expect(add.status == 200, "\(add.text)")
            try await refresh(api, "S2", added: 0, removed: 0, lines: 0)

            // An answer on Cleo brings in her whole company (Expand Companies).
            try await patchContact(api, "P21", #"{"profileAnswers": [{"questionnaireCode": "SIZE", "lineNo": 20000}]}"#)
            try await refresh(api, "S2", added: 2, removed: 0, lines: 2)
            #expect(Set(try await api.lineContacts("S2")) == ["C2", "P21"])

            // Cleo moves to Alpha: Beta leaves, Alpha and its people come in.
            try await patchContact(api, "P21", #"{"companyNo": "C1"}"#)
            try await refresh(api, "S2", added: 3, removed: 1, lines: 4)
            #expect(Set(try await api.lineContacts("S2")) == ["C1", "P11", "P12", "P21"])

            try await patchContact(api, "P21", #"{"profileAnswers": []}"#)
            try await refresh(api, "S2", added: 0, removed: 4, lines: 0)
        }
    }

    @Test func manualLinesArePinnedThroughRefreshes() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            try await api.segment("S1", #""kind": "dynamic""#)
            #expect(try await api.addContacts("S1", #"{"filters": {"mailingGroups": {"code": "NEWS"}}}"#).status == 200)
            #expect(Set(try await api.lineContacts("S1")) == ["C1", "P11", "P21", "P0"])
            // Bob is added by hand, Anna removed by hand.
            #expect(try await api.post("/api/v1/segments/S1/lines", #"{"contactNo": "P12"}"#).status == 201)
            let anna = try await api.lines("S1").first { $0["contactNo"]?.string == "P11" }
            let annaLine = Int(anna?["lineNo"]?.number ?? 0)
            #expect(try await api.delete("/api/v1/segments/S1/lines/\(annaLine)").status == 204)

            try await patchContact(api, "P12", #"{"name": "Bob B."}"#)
            try await patchContact(api, "P11", #"{"name": "Anna A."}"#)
            try await refresh(api, "S1", added: 0, removed: 0, lines: 4)
            // Made static and dynamic again, the segment is rebuilt in full, pins and all.
            #expect(try await api.patch("/api/v1/segments/S1", #"{"kind": "static"}"#).status == 200)
            #expect(try await api.patch("/api/v1/segments/S1", #"{"kind": "dynamic"}"#).status == 200)
            try await refresh(api, "S1", added: 0, removed: 0, lines: 4)
            #expect(Set(try await api.lineContacts("S1")) == ["C1", "P12", "P21", "P0"])
        }
    }

    @Test func theKindAndFreshnessAreChecked() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            try await api.segment("S1")
            let header = try await api.get("/api/v1/segments/S1")
            #expect(header.json["kind"]?.string == "static")
            #expect(header.json["freshnessSeconds"] == .null)
            let staticRefresh = try await api.post("/api/v1/segments/S1/refresh", "{}")
            #expect(staticRefresh.status == 409, "\(staticRefresh.text)")
            let tooFresh = try await api.patch("/api/v1/segments/S1", #"{"kind": "dynamic", "freshnessSeconds": 5}"#)
            #expect(tooFresh.status == 422, "\(tooFresh.text)")
            #expect(tooFresh.errorField == "freshnessSeconds")
            let staticTarget = try await api.patch("/api/v1/segments/S1", #"{"freshnessSeconds": 60}"#)
            #expect(staticTarget.status == 422, "\(staticTarget.text)")
            #expect(staticTarget.errorField == "freshnessSeconds")
            let dynamic = try await api.patch("/api/v1/segments/S1", #"{"kind": "dynamic"}"#)
            #expect(dynamic.status == 200, "\(dynamic.text)")
            #expect(dynamic.json["freshnessSeconds"]?.number == 300)
            let back = try await api.patch("/api/v1/segments/S1", #"{"kind": "static"}"#)
            #expect(back.json["freshnessSeconds"] == .null)
        }
    }

    @Test func theRefresherRefreshesDueSegmentsOnceAndLogTakesTheMembershipNow() async throws {
        try await withAPI { api, services in
            try await seedSegmentWorld(api)
            try await api.segment(
                "S1", #""kind": "dynamic", "interactionTemplateCode": "LETTER", "description": "News""#)
            #expect(try await api.addContacts("S1", #"{"filters": {"mailingGroups": {"code": "NEWS"}}}"#).status == 200)
            // Two refreshers at once (and the app's own, running in the background): the segment is refreshed
            // once, and then it is not due again until its target.
            async let first = services.segmentRefresher.refreshDue()
            async let second = services.segmentRefresher.refreshDue()
            let refreshed = await first + second
            #expect(refreshed.count <= 1, "\(refreshed)")
            let header = try await api.get("/api/v1/segments/S1")
            #expect(header.json["lastRefreshedAt"]?.string != nil, "\(header.text)")
            #expect(await services.segmentRefresher.refreshDue() == [])

            try await patchContact(api, "P12", #"{"mailingGroups": ["NEWS"]}"#)
            let logged = try await api.post("/api/v1/segments/S1/log", "{}")
            #expect(logged.status == 201, "\(logged.text)")
            #expect(logged.json["interactionsLogged"]?.number == 5, "\(logged.text)")
        }
    }
    @Test func theWorksheetSwitchesKindAndRefreshesNow() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            try await api.segment("S1", #""description": "News""#)
            #expect(try await api.addContacts("S1", #"{"filters": {"mailingGroups": {"code": "NEWS"}}}"#).status == 200)
            var browser = try await signedIn(api, role: "marketer")
            let page = try await browser.request(.get, "/segments/S1")
            #expect(page.text(id: "refresh-status")?.hasPrefix("Static segment") == true)
            let tooFresh = try await browser.submit(
                "/segments/S1/header", ["kind": "dynamic", "freshnessSeconds": "5", "updateLines": "false"])
            #expect(tooFresh.status == 422)
            #expect(tooFresh.html.contains("id=\"h-freshnessSeconds-error\""))
            let dynamic = try await browser.submit(
                "/segments/S1/header", ["kind": "dynamic", "freshnessSeconds": "60", "updateLines": "false"])
            #expect(dynamic.notice == "The header was saved.", "\(dynamic.html)")
            #expect(dynamic.text(id: "refresh-status")?.hasPrefix("Dynamic segment, at most 60 s stale") == true)
            let refreshed = try await browser.submit("/segments/S1/refresh")
            #expect(
                refreshed.notice.hasPrefix("Refreshed: 0 lines added, 0 removed, 4 lines, took "), "\(refreshed.notice)"
            )
            let status = refreshed.text(id: "refresh-status") ?? ""
            #expect(status.contains("last refreshed") && status.contains("next refresh") && status.contains(" ms"))
            // Made static with the target still filled in, the target is dropped rather than refused.
            let back = try await browser.submit(
                "/segments/S1/header", ["kind": "static", "freshnessSeconds": "60", "updateLines": "false"])
            #expect(back.notice == "The header was saved.")
            #expect(try await api.get("/api/v1/segments/S1").json["kind"]?.string == "static")
        }
    }
}
