import RapportCore
import Testing

@testable import RapportServer

/// The preview of Add Contacts promises what Add then does: for each filter and option below, the live count
/// (`sample: false`) and the full preview give the same counts, Add creates exactly that many lines, and the
/// sample is the contacts of those lines in line order.
@Suite("Preview of Add Contacts agrees with Add")
struct AddPreviewAgreementTests {
    static let bodies = [
        #"{"filters": {"mailingGroups": {"code": "NEWS"}}}"#,
        #"{"filters": {"mailingGroups": {"code": "NEWS"}}, "allowExistingContacts": true}"#,
        #"{"filters": {"mailingGroups": {"code": "NEWS"}}, "expandCompanies": true}"#,
        #"{"filters": {"mailingGroups": {"code": "NEWS"}}, "expandCompanies": true, "ignoreExclusion": true}"#,
        #"{"filters": {"mailingGroups": {"code": "NEWS"}}, "allowRelatedCompanies": true}"#,
        #"{"filters": {"mailingGroups": {"code": "NEWS|PROMO"}}, "expandCompanies": true, "allowRelatedCompanies": true}"#,
        #"{"filters": {"contact": {"salespersonCode": "JO|RB"}, "mailingGroups": {"code": "NEWS"}, "industryGroups": {"code": "RETAIL"}}}"#,
        #"{"filters": {"contact": {"type": "person"}}, "ignoreExclusion": true, "allowExistingContacts": true}"#,
        #"{"filters": {"contact": {"salespersonCode": "RB"}}}"#,
        #"{"filters": {}}"#,
        // A company's relations (the live count splits by company number) with each check on its own.
        #"{"filters": {"industryGroups": {"code": "RETAIL"}}, "ignoreExclusion": true}"#,
        #"{"filters": {"industryGroups": {"code": "RETAIL"}, "contact": {"salespersonCode": "JO|RB"}}, "allowExistingContacts": true}"#,
    ]

    @Test func previewCountsAreTheLinesAddCreates() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            for (index, body) in Self.bodies.enumerated() {
                let no = "S\(index)"
                try await api.segment(no)
                // A line already there, so the existing-line check has something to refuse.
                let line = try await api.post("/api/v1/segments/\(no)/lines", #"{"contactNo": "P11"}"#)
                #expect(line.status == 201, "\(line.text)")
                let request = "{\"action\": \"add\", " + body.dropFirst()
                let count = try await api.post(
                    "/api/v1/segments/\(no)/preview-contacts", "{\"sample\": false, " + request.dropFirst())
                #expect(count.status == 200, "\(body): \(count.text)")
                #expect(count.json["sample"] == nil, "\(body)")
                let full = try await api.post("/api/v1/segments/\(no)/preview-contacts", request)
                #expect(full.status == 200, "\(body): \(full.text)")
                #expect(count.json["wouldAdd"] == full.json["wouldAdd"], "\(body)")
                #expect(count.json["skipped"] == full.json["skipped"], "\(body)")
                let added = try await api.addContacts(no, body)
                #expect(added.status == 200, "\(body): \(added.text)")
                #expect(added.json["linesAdded"] == count.json["wouldAdd"], "\(body)")
                let newLines = Array(try await api.lineContacts(no).dropFirst())
                #expect(full.json["sample"] == .array(newLines.prefix(20).map { .string($0) }), "\(body)")
            }
        }
    }

    @Test func liveCountSkipsTheExcludedAndTheContactsAlreadyIn() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            try await api.segment("S1")
            let line = try await api.post("/api/v1/segments/S1/lines", #"{"contactNo": "P11"}"#)
            #expect(line.status == 201, "\(line.text)")
            let count = try await api.post(
                "/api/v1/segments/S1/preview-contacts",
                #"{"action": "add", "sample": false, "filters": {"mailingGroups": {"code": "NEWS"}}}"#)
            #expect(count.status == 200, "\(count.text)")
            // NEWS: P0, C1, P11, P21 and the excluded C3; P11 is already a line.
            #expect(count.json["wouldAdd"]?.number == 3)
            #expect(count.json["skipped"]?["excludedFromSegment"]?.number == 1)
            #expect(count.json["skipped"]?["alreadyInSegment"]?.number == 1)
            let refused = try await api.post(
                "/api/v1/segments/S1/preview-contacts", #"{"action": "add", "sample": "no"}"#)
            #expect(refused.status == 400 || refused.status == 422, "\(refused.text)")
        }
    }
}
