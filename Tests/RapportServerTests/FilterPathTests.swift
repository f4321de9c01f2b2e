import RapportCore
import Testing

@testable import RapportServer

/// Every place that takes a filter expression reads it the same way (issue 16): a list's query parameter, Add
/// Contacts' filters and the web list. Wildcards compare case-sensitively unless `@` (product.md §3).
@Suite("One filter path")
struct FilterPathTests {
    static func contacts(_ api: API, _ names: [String]) async throws {
        for (index, name) in names.enumerated() {
            let created = try await api.post(
                "/api/v1/contacts", #"{"no": "K\#(index + 1)", "type": "company", "name": \#(quoted(name))}"#)
            #expect(created.status == 201, "\(created.text)")
        }
    }

    static func listed(_ api: API, _ query: String) async throws -> [String] {
        let answer = try await api.get("/api/v1/contacts?" + query)
        #expect(answer.status == 200, "\(query): \(answer.text)")
        return answer.json["items"]?.array?.compactMap { $0["no"]?.string } ?? []
    }

    @Test func aQuotedAmpersandFindsTheContactAsAListParameterAsInAddContacts() async throws {
        try await withAPI { api, _ in
            try await Self.contacts(api, ["Jones & Co", "Jones", "Co"])
            // Forms and most clients write a space as `+`; others as `%20`. Both are the same filter.
            #expect(try await Self.listed(api, "name='Jones+%26+Co'") == ["K1"])
            #expect(try await Self.listed(api, "name='Jones%20%26%20Co'") == ["K1"])
            #expect(try await Self.listed(api, "name=Jones|Co") == ["K2", "K3"])
            #expect(try await Self.listed(api, "name=Jones*%26*Co") == ["K1"])
            try await api.segment("S1")
            let added = try await api.addContacts("S1", #"{"filters": {"contact": {"name": "'Jones & Co'"}}}"#)
            #expect(added.status == 200, "\(added.text)")
            #expect(try await api.lineContacts("S1") == ["K1"])
        }
    }

    @Test func wildcardsCompareCaseSensitivelyUnlessAt() async throws {
        try await withAPI { api, _ in
            try await Self.contacts(api, ["Smith", "SMITH", "smith", "Blacksmith"])
            #expect(try await Self.listed(api, "name=*smith*") == ["K3", "K4"])
            #expect(try await Self.listed(api, "name=S*") == ["K1", "K2"])
            #expect(try await Self.listed(api, "name=%40*smith*") == ["K1", "K2", "K3", "K4"])
            #expect(try await Self.listed(api, "name=<>*mith") == ["K2"])
            try await api.segment("S1")
            let added = try await api.addContacts("S1", #"{"filters": {"contact": {"name": "*smith"}}}"#)
            #expect(added.status == 200, "\(added.text)")
            #expect(try await api.lineContacts("S1").sorted() == ["K3", "K4"])
            try await api.segment("S2")
            let caseless = try await api.addContacts("S2", #"{"filters": {"contact": {"name": "@s*"}}}"#)
            #expect(caseless.status == 200, "\(caseless.text)")
            #expect(try await api.lineContacts("S2").sorted() == ["K1", "K2", "K3"])
        }
    }
}
