import RapportCore
import Testing

@testable import RapportServer

@Suite("Contacts CSV import and export")
struct ContactImportTests {
    static let header =
        "no,type,name,companyNo,firstName,surname,city,phoneNo,salespersonCode,excludeFromSegment,mailingGroups,industryGroups,profileAnswers"

    @Test func importCreatesThenUpdatesWithRelations() async throws {
        try await withAPI { api, _ in
            try await seedContactMasterData(api)
            let csv = """
                \(Self.header)
                C1,company,"Fabrikam, ""The"" <Best> & Co",,,,Leeds,'+44 113 496 0000,JO,false,NEWS;PROMO,RETAIL,SIZE:20000
                P1,person,,C1,Anna,Ørsted 🎉,York,,RB,true,NEWS,,
                "P2",person,"Multi
                line",,,,,,,,,,

                """
            let first = try await importCSV(api, csv)
            #expect(first.status == 200, "\(first.text)")
            #expect(first.json["created"]?.number == 3)
            #expect(first.json["updated"]?.number == 0)
            let company = try await api.get("/api/v1/contacts/C1")
            #expect(company.json["name"]?.string == #"Fabrikam, "The" <Best> & Co"#)
            #expect(company.json["phoneNo"]?.string == "+44 113 496 0000")
            #expect(company.json["mailingGroups"] == .array([.string("NEWS"), .string("PROMO")]))
            #expect(company.json["profileAnswers"]?[0]?["questionnaireCode"]?.string == "SIZE")
            let person = try await api.get("/api/v1/contacts/P1")
            #expect(person.json["name"]?.string == "Anna Ørsted 🎉")
            #expect(person.json["companyName"]?.string == #"Fabrikam, "The" <Best> & Co"#)
            #expect(person.json["excludeFromSegment"]?.bool == true)
            #expect(try await api.get("/api/v1/contacts/P2").json["name"]?.string == "Multi\nline")

            let update = try await importCSV(api, "no,type,city\nC1,company,Bradford\nC9,company,Hull\n")
            #expect(update.json["created"]?.number == 1)
            #expect(update.json["updated"]?.number == 1)
            let updated = try await api.get("/api/v1/contacts/C1")
            #expect(updated.json["city"]?.string == "Bradford")
            #expect(updated.json["mailingGroups"]?.array?.count == 2)
            #expect(updated.json["name"]?.string == #"Fabrikam, "The" <Best> & Co"#)
            #expect(try await api.get("/api/v1/contacts/P1").json["companyNo"]?.string == "C1")
        }
    }

    @Test func anyBadRowRefusesTheWholeFileListingEveryProblem() async throws {
        try await withAPI { api, _ in
            try await seedContactMasterData(api)
            let csv = """
                no,type,companyNo,salespersonCode,correspondenceType,mailingGroups,excludeFromSegment
                C1,company,,JO,,NEWS,false
                P1,person,NOPE,JO,,,false
                P2,robot,,JO,,,false
                P3,person,,XX,,,false
                P4,person,,JO,fax,,false
                P5,person,,JO,,GHOST,maybe
                C1,company,,JO,,,false
                P6,person,P1,,,,
                """
            let refused = try await importCSV(api, csv)
            #expect(refused.status == 422)
            #expect(refused.errorCode == "validation_failed")
            let problems = refused.details.map {
                "\($0["row"]?.number.map { Int($0) } ?? 0):\($0["field"]?.string ?? "")"
            }
            #expect(
                problems == [
                    "3:companyNo", "4:type", "5:salespersonCode", "6:correspondenceType", "7:excludeFromSegment",
                    "8:no", "9:companyNo",
                ])
            #expect(try await api.get("/api/v1/contacts").json["items"]?.array?.isEmpty == true)
        }
    }

    /// Rows are read in chunks on another thread and written in multi-row batches: a file longer than a chunk,
    /// whose length is no multiple of a batch, arrives whole; bad rows in different chunks are all reported.
    @Test func aLongFileArrivesWholeAcrossChunksAndBatches() async throws {
        try await withAPI { api, _ in
            try await seedContactMasterData(api)
            let rows = (1...4_999).map { "P\($0),person,Name \($0),JO,\($0 % 2 == 0 ? "NEWS" : "NEWS;PROMO")" }
            let header = "no,type,surname,salespersonCode,mailingGroups\n"
            var broken = rows
            broken[2_500] = "P2501,person,x,XX,NEWS"
            broken[4_500] = "P4501,person,x,JO,GHOST"
            let refused = try await importCSV(api, header + broken.joined(separator: "\n") + "\n")
            #expect(refused.status == 422)
            #expect(
                refused.details.map { "\($0["row"]?.number.map { Int($0) } ?? 0):\($0["field"]?.string ?? "")" } == [
                    "2502:salespersonCode", "4502:mailingGroups",
                ])
            let imported = try await importCSV(api, header + rows.joined(separator: "\n") + "\n")
            #expect(imported.status == 200, "\(imported.text)")
            #expect(imported.json["created"]?.number == 4_999)
            let last = try await api.get("/api/v1/contacts/P4999")
            #expect(last.json["name"]?.string == "Name 4999")
            #expect(last.json["mailingGroups"] == .array([.string("NEWS"), .string("PROMO")]))
            for no in ["P1", "P2000", "P2001", "P4992", "P4993"] {
                #expect(try await api.get("/api/v1/contacts/\(no)").json["salespersonCode"]?.string == "JO", "\(no)")
            }
        }
    }

    @Test func headerProblemsAndBrokenFilesAreRefused() async throws {
        try await withAPI { api, _ in
            let unknownColumn = try await importCSV(api, "no,type,shoeSize\nC1,company,42\n")
            #expect(unknownColumn.status == 422)
            #expect(unknownColumn.details.first?["field"]?.string == "shoeSize")
            let noType = try await importCSV(api, "no,name\nC1,A\n")
            #expect(noType.details.first?["field"]?.string == "type")
            let unclosed = try await importCSV(api, "no,type,name\nC1,company,\"open\n")
            #expect(unclosed.status == 422)
            #expect(unclosed.details.first?["row"]?.number == 2)
            let ragged = try await importCSV(api, "no,type\nC1,company,extra\n")
            #expect(ragged.details.first?["row"]?.number == 2)
            let empty = try await importCSV(api, "")
            #expect(empty.status == 422)
        }
    }

    @Test func exportEscapesFormulasAndImportsBackUnchanged() async throws {
        try await withAPI { api, _ in
            try await seedContactMasterData(api)
            try await api.post(
                "/api/v1/contacts",
                #"{"no": "C1", "type": "company", "name": "=SUM(A1) & 'quotes' \"and\" <tags>", "phoneNo": "+45 70 00 10 00", "city": "@home", "mailingGroups": ["NEWS"], "industryGroups": ["RETAIL"]}"#
            )
            try await api.post(
                "/api/v1/contacts",
                #"{"no": "P1", "type": "person", "companyNo": "C1", "firstName": "'Tis", "surname": "-minus", "profileAnswers": [{"questionnaireCode": "SIZE", "lineNo": 20000}]}"#
            )
            let exported = try await api.get("/api/v1/contacts/export")
            #expect(exported.status == 200)
            #expect(exported.headers[.contentType]?.hasPrefix("text/csv") == true)
            let lines = exported.text.split(separator: "\r\n").map(String.init)
            #expect(lines[0] == ContactCSVFormatHeader.expected)
            #expect(lines[1].contains("'=SUM(A1)"))
            #expect(lines[1].contains("'+45 70 00 10 00"))
            #expect(lines[1].contains("'@home"))
            #expect(lines[2].contains("''Tis"))
            #expect(lines[2].contains("SIZE:20000"))

            let before = try await api.get("/api/v1/contacts")
            let again = try await importCSV(api, exported.text)
            #expect(again.status == 200, "\(again.text)")
            #expect(again.json["updated"]?.number == 2)
            #expect(try await api.get("/api/v1/contacts").json == before.json)

            let filtered = try await api.get("/api/v1/contacts/export?type=person")
            #expect(filtered.text.split(separator: "\r\n").count == 2)
        }
    }

    @Test func aByteOrderMarkIsAccepted() async throws {
        try await withAPI { api, _ in
            let answer = try await importCSV(api, "\u{FEFF}no,type,name\r\nC1,company,Bom Ltd\r\n")
            #expect(answer.json["created"]?.number == 1)
            #expect(try await api.get("/api/v1/contacts/C1").json["name"]?.string == "Bom Ltd")
        }
    }
}

enum ContactCSVFormatHeader {
    static let expected =
        "no,type,name,companyNo,companyName,firstName,middleName,surname,jobTitle,address,address2,city,postCode,county,countryRegionCode,phoneNo,mobilePhoneNo,email,languageCode,salespersonCode,territoryCode,salutationCode,correspondenceType,excludeFromSegment,mailingGroups,industryGroups,jobResponsibilities,businessRelations,profileAnswers"
}
