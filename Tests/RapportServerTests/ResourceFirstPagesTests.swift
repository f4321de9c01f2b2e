import RapportCore
import Testing

@testable import RapportServer
@testable import RapportStorage

/// A form's drop-downs are read in one transaction: each list is what the resource's own list gives.
@Suite("First pages of several resources in one read")
struct ResourceFirstPagesTests {
    @Test func eachPageIsTheResourcesOwnList() async throws {
        try await withAPI { api, services in
            try await seedSegmentWorld(api)
            let chosen = services.masterData.filter {
                ["salesperson", "interaction_template", "language", "mailing_group"].contains($0.spec.table)
            }
            #expect(chosen.count == 4)
            for limit in [1, 500] {
                let pages = try await ResourceService.firstPages(of: chosen, limit: limit)
                #expect(pages.count == chosen.count)
                var sawMore = false
                for (service, page) in zip(chosen, pages) {
                    let own = try await service.list(ListQuery(limit: limit))
                    #expect(page.items == own.items, "\(service.spec.table)")
                    #expect(page.nextCursor == own.nextCursor, "\(service.spec.table)")
                    if page.nextCursor != nil { sawMore = true }
                }
                #expect(sawMore == (limit == 1))
            }
            #expect(try await ResourceService.firstPages(of: [], limit: 10).isEmpty)
        }
    }
}
