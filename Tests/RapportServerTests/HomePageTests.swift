import Testing

/// The home page, the statistics pages, lookups and CSV exports of list pages (issue 15).
@Suite("Home and statistics pages")
struct HomePageTests {
    @Test func theHomePageShowsSegmentsRunsAndChartsWithTheirData() async throws {
        try await withAPI { api, _ in
            try await seedLoggableSegment(api)
            let recorded = try await api.post(
                "/api/v1/contacts/P21/interactions", #"{"interactionTemplateCode": "LETTER", "campaignNo": "CP1"}"#)
            #expect(recorded.status == 201, "\(recorded.text)")
            var browser = try await signedIn(api, role: "marketer")
            let home = try await browser.request(.get, "/")
            #expect(home.status == 200)
            // MARY is salesperson JO, whose segment S1 is in progress with its last action.
            #expect(home.html.contains("Your segments in progress (JO)"))
            #expect(home.html.contains("Add Contacts: Contact: No. = C1|P11|P21"))
            for chart in [
                "chart-templates", "chart-correspondence", "chart-campaign-cost", "chart-campaign-duration",
            ] {
                #expect(home.html.contains("id=\"\(chart)\""), "\(chart)")
            }
            // Each drawn chart has its figures in a table behind "Show data", and the SVG names itself.
            #expect(home.html.contains("<details class=\"chart-data\"><summary>Show data"))
            #expect(home.html.contains("<th scope=\"row\">CP1 Spring</th><td class=\"number\">1.50</td>"))
            #expect(home.html.contains("role=\"img\" aria-labelledby=\"chart-templates-svg-title\""))
            #expect(!home.html.contains("style="))
        }
    }

    @Test func statisticsPagesFilterByDateAndRefuseABadDate() async throws {
        try await withAPI { api, _ in
            try await seedLoggableSegment(api)
            let recorded = try await api.post(
                "/api/v1/contacts/P21/interactions",
                #"{"interactionTemplateCode": "LETTER", "campaignNo": "CP1", "date": "2026-02-03"}"#)
            #expect(recorded.status == 201, "\(recorded.text)")
            var browser = try await signedIn(api, role: "viewer")
            for path in [
                "/interaction-templates/LETTER/statistics", "/interaction-groups/LETTER/statistics",
                "/campaigns/CP1/statistics",
            ] {
                let page = try await browser.request(.get, path + "?date=2026-02-01..2026-02-28")
                #expect(page.status == 200, "\(path)")
                #expect(page.html.contains("<dt>No. of interactions</dt><dd>1</dd>"), "\(path)")
                #expect(page.html.contains("<th scope=\"row\">2026-02-02</th>"), "\(path)")
                let empty = try await browser.request(.get, path + "?date=2025-01-01..2025-12-31")
                #expect(empty.html.contains("<dt>No. of interactions</dt><dd>0</dd>"), "\(path)")
                let bad = try await browser.request(.get, path + "?date=soon")
                #expect(bad.status == 422, "\(path)")
                #expect(bad.html.contains("id=\"filter-date-error\""), "\(path)")
            }
            #expect(try await browser.request(.get, "/campaigns/NOPE/statistics").status == 404)
            let titled = try await browser.request(.get, "/campaigns/CP1/statistics")
            #expect(titled.html.contains("<title>Statistics of campaign CP1 · Rapport</title>"))
            #expect(titled.html.contains("<span aria-current=\"page\">Statistics of campaign CP1</span>"))
        }
    }

    @Test func listPagesExportWhatTheyShowAsCSVAndCodeFieldsOfferLookups() async throws {
        try await withAPI { api, _ in
            try await seedLoggableSegment(api)
            try await api.segment("S2", #""description": "=cmd()""#)
            var browser = try await signedIn(api, role: "marketer")
            let list = try await browser.request(.get, "/segments?description=Spring")
            #expect(list.html.contains("href=\"/segments?description=Spring&amp;format=csv\""))
            let csv = try await browser.request(.get, "/segments?description=Spring&format=csv")
            #expect(csv.status == 200)
            #expect(csv.contentType == "text/csv; charset=utf-8")
            let lines = String(decoding: csv.bytes.drop { $0 != UInt8(ascii: "n") }, as: UTF8.self)
                .split(separator: "\r\n")
            #expect(lines.count == 2, "\(lines)")
            #expect(lines.first?.hasPrefix("no,description,") == true)
            #expect(lines.last?.hasPrefix("S1,Spring letter,") == true)
            // A formula in a cell is written as text.
            let all = try await browser.request(.get, "/segments?format=csv")
            #expect(String(decoding: all.bytes, as: UTF8.self).contains("S2,'=cmd()"))
            // Code fields ask the API's list of the codes they refer to.
            let worksheet = try await browser.request(.get, "/segments/S1")
            #expect(
                worksheet.html.contains(
                    "id=\"f-contact-salespersonCode\" name=\"contact.salespersonCode\" type=\"text\" value=\"\" data-filter"
                        + " data-lookup=\"/api/v1/salespeople\" data-lookup-key=\"code\" data-lookup-text=\"name\""))
            #expect(worksheet.html.contains("data-lookup=\"/api/v1/mailing-groups\""))
            #expect(worksheet.html.contains("id=\"shortcuts\""))
        }
    }
}
