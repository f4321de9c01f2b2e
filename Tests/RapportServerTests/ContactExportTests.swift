import RapportCore
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
}
