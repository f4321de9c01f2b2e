import Foundation
import RapportCore
import RapportStorage
import Testing

@testable import RapportServer

/// The contacts export streams the database's bytes through a cursor (`ContactCSVQuery`, `ContactCSVRows`):
/// on both databases it must write exactly the CSV the contract describes, quotes, formula guard, lists and
/// all, byte for byte.
@Suite("Contacts export")
struct ContactExportTests {
    static let contacts = [
        #"{"no": "C1", "type": "company", "name": "Fabrikam & <Sons> \"Ltd\", est. 1901", "address": " leading space", "city": "trailing ", "phoneNo": "+45 70 00 10 00", "excludeFromSegment": true, "mailingGroups": ["PROMO", "NEWS"], "industryGroups": ["RETAIL"], "businessRelations": ["CUST"], "profileAnswers": [{"questionnaireCode": "SIZE", "lineNo": 20000}]}"#,
        #"{"no": "P1", "type": "person", "companyNo": "C1", "name": "Zoë 😀🎉 👩‍👩‍👧 שלום עולם مرحبا", "firstName": "=HYPERLINK(\"x\")", "surname": "'Tis", "jobTitle": "line one\nline two\r\nthree", "email": "zoe@example.com", "jobResponsibilities": ["IT"], "mailingGroups": ["NEWS"]}"#,
        #"{"no": "P2", "type": "person", "name": "-5", "address": "@home\ttab", "city": "<b>&amp;</b>"}"#,
    ]

    static let header =
        "no,type,name,companyNo,companyName,firstName,middleName,surname,jobTitle,address,address2,city,postCode,"
        + "county,countryRegionCode,phoneNo,mobilePhoneNo,email,languageCode,salespersonCode,territoryCode,"
        + "salutationCode,correspondenceType,excludeFromSegment,mailingGroups,industryGroups,jobResponsibilities,"
        + "businessRelations,profileAnswers\r\n"

    static func seed(_ api: API) async throws {
        try await seedContactMasterData(api)
        for body in contacts {
            let created = try await api.post("/api/v1/contacts", body)
            #expect(created.status == 201, "\(created.text)")
        }
    }

    /// What the export must write for a contact, built from its API answer with `CSVWriter` and the formula
    /// guard (the path the export took before it streamed).
    static func expectedRow(_ contact: JSONValue) -> String {
        let cells = Catalog.contacts.fields.map { field -> String in
            switch field.kind {
            case .codeList: return (contact[field.name]?.array ?? []).compactMap(\.string).joined(separator: ";")
            case .children:
                return (contact[field.name]?.array ?? []).map {
                    "\($0["questionnaireCode"]?.string ?? ""):\(Int($0["lineNo"]?.number ?? 0))"
                }.joined(separator: ";")
            case .boolean: return contact[field.name] == .bool(true) ? "true" : "false"
            default: return contact[field.name]?.string ?? ""
            }
        }
        var bytes: [UInt8] = []
        CSVWriter.appendRecord(cells.map(CSVFormulaGuard.escape), to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func theExportWritesTheContractsBytesForQuotesGuardsListsEmojiAndRightToLeftText() async throws {
        try await withAPI { api, _ in
            try await Self.seed(api)
            let exported = try await api.get("/api/v1/contacts/export")
            #expect(exported.status == 200)
            var expected = Self.header
            for no in ["C1", "P1", "P2"] {
                let contact = try await api.get("/api/v1/contacts/\(no)")
                #expect(contact.status == 200)
                expected += Self.expectedRow(contact.json)
            }
            #expect(Array(exported.text.utf8) == Array(expected.utf8))
            let lines = exported.text.components(separatedBy: "\r\n")
            #expect(
                lines[1]
                    == #"C1,company,"Fabrikam & <Sons> ""Ltd"", est. 1901",C1,"Fabrikam & <Sons> ""Ltd"", est. 1901",,,,," leading space",,"trailing ",,,,'+45 70 00 10 00,,,,,,,,true,NEWS;PROMO,RETAIL,,CUST,SIZE:20000"#
            )
            #expect(
                exported.text.contains(
                    #"P1,person,Zoë 😀🎉 👩‍👩‍👧 שלום עולם مرحبا,C1,"Fabrikam & <Sons> ""Ltd"", est. 1901","'=HYPERLINK(""x"")",,''Tis,"line one"#
                        + "\nline two\r\nthree\""))
            #expect(lines[lines.count - 2].hasPrefix("P2,person,'-5,,,,,,,'@home\ttab,,<b>&amp;</b>,"))
        }
    }

    @Test func aFilteredExportAndASegmentsContactsWriteTheSameRows() async throws {
        try await withAPI { api, _ in
            try await Self.seed(api)
            let all = try await api.get("/api/v1/contacts/export")
            let rows = all.text.components(separatedBy: "\r\n")
            let filtered = try await api.get("/api/v1/contacts/export?mailingGroups=NEWS")
            #expect(filtered.status == 200)
            #expect(filtered.text.hasPrefix(Self.header))
            #expect(filtered.text.hasSuffix("\r\n"))
            #expect(filtered.text.contains(rows[1]) && !filtered.text.contains("\r\nP2,"))
            let none = try await api.get("/api/v1/contacts/export?no=NOBODY")
            #expect(none.text == Self.header)
            try await api.segment("S1")
            expectSuccess(try await api.post("/api/v1/segments/S1/lines", #"{"contactNo": "P2"}"#))
            expectSuccess(try await api.post("/api/v1/segments/S1/lines", #"{"contactNo": "C1"}"#))
            let segment = try await api.get("/api/v1/segments/S1/contacts.csv")
            #expect(segment.status == 200)
            let p2 = rows.first { $0.hasPrefix("P2,") } ?? "missing"
            #expect(segment.text == Self.header + p2 + "\r\n" + rows[1] + "\r\n")
        }
    }

    @Test func chunksOfAFewContactsWriteTheSameBytesAsOneChunk() async throws {
        try await withAPI { api, services in
            try await Self.seed(api)
            for number in 1...20 {
                let groups = ["[]", #"["NEWS"]"#, #"["PROMO", "NEWS"]"#][number % 3]
                let company = number % 4 == 0 ? #""companyNo": "C1", "# : ""
                let body =
                    #"{"no": "N\#(String(format: "%02d", number))", "type": "person", \#(company)"name": "Person, \#(number)", "mailingGroups": \#(groups), "profileAnswers": \#(number % 5 == 0 ? #"[{"questionnaireCode": "SIZE", "lineNo": 20000}]"# : "[]")}"#
                expectSuccess(try await api.post("/api/v1/contacts", body))
            }
            let all = try await api.get("/api/v1/contacts?limit=1000")
            #expect(all.status == 200)
            let items = all.json["items"]?.array ?? []
            #expect(items.count == 23)
            let expected = Self.header + items.map(Self.expectedRow).joined()
            let whole = try await api.get("/api/v1/contacts/export")
            #expect(Array(whole.text.utf8) == Array(expected.utf8))
            for chunkSize in [1, 3, 7] {
                let exporter = ContactExporter(store: services.store, chunkSize: chunkSize)
                #expect(try await Self.text { try await exporter.export(filters: [], toFile: $0) } == expected)
                let filtered = try await Self.text {
                    try await exporter.export(filters: [("mailingGroups", "NEWS")], toFile: $0)
                }
                #expect(filtered == (try await api.get("/api/v1/contacts/export?mailingGroups=NEWS")).text)
                // NEWS: C1, P1 and the 14 of N01-N20 whose number is not a multiple of 3 (P1's job title has a CRLF).
                let keys = filtered.components(separatedBy: "\r\n").map { $0.prefix { $0 != "," } }
                #expect(keys.filter { $0.hasPrefix("N") }.count == 14)
                #expect(keys.first == "no" && keys.contains("C1") && keys.contains("P1") && !keys.contains("P2"))
            }
            try await api.segment("S1")
            for no in ["N07", "C1", "N03", "N07", "P2", "N12"] {
                expectSuccess(try await api.post("/api/v1/segments/S1/lines", #"{"contactNo": "\#(no)"}"#))
            }
            let segment = try await api.get("/api/v1/segments/S1/contacts.csv")
            let rows = segment.text.components(separatedBy: "\r\n").map { String($0.prefix { $0 != "," }) }
            #expect(rows == ["no", "N07", "C1", "N03", "N07", "P2", "N12", ""])
            for chunkSize in [1, 2, 4] {
                let service = SegmentContactsService(store: services.store, chunkSize: chunkSize)
                let text = try await Self.text { try await service.exportContacts(Segment.No("S1"), toFile: $0) }
                #expect(text == segment.text)
            }
        }
    }

    /// The text of a file an export writes.
    static func text(_ export: (String) async throws -> Int) async throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try await export(path)
        return try String(contentsOfFile: path, encoding: .utf8)
    }
}
