import RapportCore
import RapportDemo
import Testing

@Suite struct DemoContactsCSVTests {
    static let header = [
        "no", "type", "name", "companyNo", "companyName", "firstName", "middleName", "surname", "jobTitle",
        "address", "address2", "city", "postCode", "county", "countryRegionCode", "phoneNo", "mobilePhoneNo",
        "email", "languageCode", "salespersonCode", "territoryCode", "salutationCode", "correspondenceType",
        "excludeFromSegment", "mailingGroups", "industryGroups", "jobResponsibilities", "businessRelations",
        "profileAnswers",
    ]

    @Test func headerIsTheExportFormat() throws {
        let table = try DemoContactsTable(demoDefaultContactsCSV)
        #expect(table.header == Self.header)
        #expect(DemoData.contactsCSVHeader == Self.header)
        let firstLine = demoDefaultContactsCSV.prefix { $0 != UInt8(ascii: "\r") }
        #expect(String(decoding: firstLine, as: UTF8.self) == Self.header.joined(separator: ","))
    }

    @Test func defaultSizesGive500CompaniesAnd2776Persons() throws {
        let table = try DemoContactsTable(demoDefaultContactsCSV)
        #expect(table.rows.count == 3_276)
        #expect(table.rows(ofType: "company").count == 500)
        #expect(table.rows(ofType: "person").count == 2_776)
        #expect(table.rows.last?["no"] == "CT003276")
    }

    @Test func everyRecordHasEveryColumn() throws {
        var reader = CSVReader(data: demoDefaultContactsCSV)
        var count = 0
        while let record = try reader.next() {
            #expect(record.fields.count == Self.header.count, "line \(record.line)")
            count += 1
        }
        #expect(count == 3_277)
    }

    @Test func sameSeedGivesIdenticalBytes() {
        #expect(DemoData.contactsCSV() == demoDefaultContactsCSV)
        #expect(DemoData.contactsCSV(companies: 40, seed: 7) == DemoData.contactsCSV(companies: 40, seed: 7))
    }

    @Test func differentSeedGivesDifferentBytes() {
        #expect(DemoData.contactsCSV(seed: 1) != demoDefaultContactsCSV)
        #expect(DemoData.contactsCSV(companies: 40, seed: 7) != DemoData.contactsCSV(companies: 40, seed: 8))
    }

    /// Pins the generator's output, so a change of algorithm (or a platform difference) is noticed.
    @Test func firstCompanyOfTheDefaultFileIsPinned() throws {
        let table = try DemoContactsTable(demoDefaultContactsCSV)
        let company = try #require(table.rows.first)
        #expect(company["no"] == "CT000001")
        #expect(company["name"] == "Wharfedale Outfitters Limited")
        #expect(company["city"] == "Cambridge")
        #expect(company["phoneNo"] == "+44 1632 960915")
        #expect(company["industryGroups"] == "RETAIL")
    }

    @Test func contactsAreNumberedInFileOrder() throws {
        let table = try DemoContactsTable(demoDefaultContactsCSV)
        for (index, row) in table.rows.enumerated() {
            let digits = String(index + 1)
            #expect(row["no"] == "CT" + String(repeating: "0", count: 6 - digits.count) + digits)
        }
    }

    @Test func everyPersonsCompanyIsAnEarlierCompanyRow() throws {
        let table = try DemoContactsTable(demoDefaultContactsCSV)
        var companyNames: [String: String] = [:]
        var personsWithoutCompany = 0
        for row in table.rows {
            let no = row["no"] ?? ""
            if row["type"] == "company" {
                #expect(row["companyNo"] == no)
                #expect(row["companyName"] == row["name"])
                companyNames[no] = row["name"]
            } else {
                #expect(row["type"] == "person")
                let companyNo = row["companyNo"] ?? ""
                if companyNo.isEmpty {
                    personsWithoutCompany += 1
                    #expect(row["companyName"] == "")
                } else {
                    #expect(companyNames[companyNo] != nil, "\(no) works for \(companyNo)")
                    #expect(row["companyName"] == companyNames[companyNo])
                }
            }
        }
        // About 2% of the persons.
        #expect(personsWithoutCompany == 51)
    }

    @Test func personNamesAreBuiltFromTheirParts() throws {
        let table = try DemoContactsTable(demoDefaultContactsCSV)
        for person in table.rows(ofType: "person") {
            let parts = [person["firstName"], person["middleName"], person["surname"]].compactMap { $0 }
            #expect(person["name"] == parts.filter { !$0.isEmpty }.joined(separator: " "))
            #expect(person["firstName"]?.isEmpty == false)
            #expect(person["surname"]?.isEmpty == false)
            #expect(["M", "F", "UNISEX", "INITIALS"].contains(person["salutationCode"] ?? ""))
        }
        for company in table.rows(ofType: "company") {
            #expect(company["firstName"] == "" && company["surname"] == "" && company["jobTitle"] == "")
            #expect(company["salutationCode"] == "COMPANY")
        }
    }

    @Test func industryGroupsAndBusinessRelationsAreOnCompaniesOnly() throws {
        let table = try DemoContactsTable(demoDefaultContactsCSV)
        let companies = table.rows(ofType: "company")
        for person in table.rows(ofType: "person") {
            #expect(person["industryGroups"] == "")
            #expect(person["businessRelations"] == "")
        }
        for company in companies {
            #expect(company["industryGroups"]?.isEmpty == false)
            #expect(company["jobResponsibilities"] == "")
        }
        let retail = companies.filter { ($0["industryGroups"] ?? "").split(separator: ";").contains("RETAIL") }
        #expect(retail.count == 136)
    }

    @Test func profileAnswersAreCompanySizeOnCompaniesAndInterestsOnPersons() throws {
        let table = try DemoContactsTable(demoDefaultContactsCSV)
        for row in table.rows {
            let expected = row["type"] == "company" ? "CUSTSIZE" : "INTEREST"
            for answer in (row["profileAnswers"] ?? "").split(separator: ";") {
                #expect(answer.hasPrefix(expected + ":"), "\(row["no"] ?? ""): \(answer)")
            }
        }
    }

    @Test func roughShares() throws {
        let table = try DemoContactsTable(demoDefaultContactsCSV)
        let rows = table.rows
        let excluded = rows.filter { $0["excludeFromSegment"] == "true" }.count
        #expect(rows.allSatisfy { $0["excludeFromSegment"] == "true" || $0["excludeFromSegment"] == "false" })
        #expect(excluded == 100)
        let news = rows.filter { ($0["mailingGroups"] ?? "").split(separator: ";").contains("NEWS") }.count
        #expect(news == 990)
        #expect(Set(rows.map { $0["correspondenceType"] ?? "" }) == ["email", "hardCopy", ""])
        #expect(rows.filter { $0["email"] == "" }.count == 361)
        #expect(rows.allSatisfy { ($0["email"] ?? "").isEmpty || ($0["email"] ?? "").hasSuffix(".example") })
    }

    @Test func atLeastFiftyContactsInLeedsOrYork() throws {
        let table = try DemoContactsTable(demoDefaultContactsCSV)
        let local = table.rows.filter { $0["city"] == "Leeds" || $0["city"] == "York" }
        #expect(local.count == 649)
        #expect(local.count >= 50)
        #expect(local.allSatisfy { $0["countryRegionCode"] == "GB" && $0["territoryCode"] == "NORTH" })
    }

    @Test func countryAndLanguageAgree() throws {
        let table = try DemoContactsTable(demoDefaultContactsCSV)
        let languages = ["GB": "ENU", "DK": "DAN", "DE": "DEU", "FR": "FRA", "AE": "ARA", "IL": "HEB"]
        for row in table.rows {
            #expect(languages[row["countryRegionCode"] ?? ""] == row["languageCode"], "\(row["no"] ?? "")")
        }
        let cities = Set(table.rows.map { $0["city"] ?? "" })
        for city in ["Leeds", "York", "London", "Manchester", "Bristol", "København", "Aarhus", "Berlin", "München"] {
            #expect(cities.contains(city))
        }
    }

    @Test func phoneNumbersStartWithPlusAndAreGuardedInTheFile() throws {
        let table = try DemoContactsTable(demoDefaultContactsCSV)
        let phones = table.rows.flatMap { [$0["phoneNo"] ?? "", $0["mobilePhoneNo"] ?? ""] }.filter { !$0.isEmpty }
        #expect(phones.count > 3_000)
        #expect(phones.allSatisfy { $0.hasPrefix("+") && $0.count <= 30 })
        let text = String(decoding: demoDefaultContactsCSV, as: UTF8.self)
        #expect(text.contains(",'+44 113 496 0"))
        #expect(!text.contains(",+44"))
    }

    @Test func smallFilesPutTheTrickyCompaniesFirst() throws {
        let table = try DemoContactsTable(DemoData.contactsCSV(companies: 2, personsPerCompany: 1...1))
        #expect(
            table.rows.map { $0["name"] ?? "" } == [
                "'t Hoekje BV", "Gerard 't Hooft", "Smith \"The Printers\" & Sons Ltd", "Chloë \"Coco\" Dubois",
            ])
        #expect(table.rows.map { $0["no"] ?? "" } == ["CT000001", "CT000002", "CT000003", "CT000004"])
    }

    @Test func noCompaniesGivesOnlyTheHeader() throws {
        let table = try DemoContactsTable(DemoData.contactsCSV(companies: 0))
        #expect(table.header == Self.header)
        #expect(table.rows.isEmpty)
    }

    @Test func personCountStaysInTheRange() throws {
        let table = try DemoContactsTable(DemoData.contactsCSV(companies: 50, personsPerCompany: 2...3, seed: 9))
        var perCompany: [String: Int] = [:]
        var current = ""
        for row in table.rows {
            if row["type"] == "company" {
                current = row["no"] ?? ""
                perCompany[current] = 0
            } else {
                perCompany[current, default: 0] += 1
            }
        }
        #expect(perCompany.count == 50)
        #expect(perCompany.values.allSatisfy { (2...3).contains($0) })
    }
}
