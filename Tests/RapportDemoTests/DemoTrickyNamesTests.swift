import RapportCore
import RapportDemo
import Testing

@Suite struct DemoTrickyNamesTests {
    static let longName =
        "The Yorkshire and Humber Amalgamated Society of Independent Woollen Mill Owners, "
        + "Worsted Spinners, Cloth Finishers, Dyers, Fullers, Pattern Weavers, Mercers, Drapers, Haberdashers, "
        + "Tailors, Hosiers, Glovers and Allied Textile Trades Mutual Benefit, Training, Heritage and Export "
        + "Promotion Society Ltd"

    static let companies = [
        "'t Hoekje BV", "Smith \"The Printers\" & Sons Ltd", "Café ☕ & Co", "Bits <&> Bytes Ltd",
        "شركة النور للتجارة العامة", "אור ים בע\"מ", "Jensen, Hansen & Sønner ApS", longName, "@Home Interiors Ltd",
    ]

    static let persons = [
        "Gerard 't Hooft", "Chloë \"Coco\" Dubois", "Sunny ☀️ Barker", "Jamie <JJ> Jones", "محمد العلي",
        "נועה כהן", "Åse Ærø Østergaard", "Seán O'Brien",
    ]

    @Test func trickyCompaniesArePresentAndRoundTrip() throws {
        let table = try DemoContactsTable(demoDefaultContactsCSV)
        let names = table.rows(ofType: "company").map { $0["name"] ?? "" }
        for name in Self.companies {
            // Compared as bytes: String equality would also accept a differently normalised spelling.
            #expect(names.contains { Array($0.utf8) == Array(name.utf8) }, "\(name)")
        }
    }

    @Test func trickyPersonsArePresentAndFollowTheirCompany() throws {
        let table = try DemoContactsTable(demoDefaultContactsCSV)
        for (person, company) in zip(Self.persons, Self.companies) {
            let index = try #require(table.rows.firstIndex { Array(($0["name"] ?? "").utf8) == Array(company.utf8) })
            let first = table.rows[index + 1]
            #expect(Array((first["name"] ?? "").utf8) == Array(person.utf8), "\(person) works for \(company)")
            #expect(first["type"] == "person")
            #expect(first["companyNo"] == table.rows[index]["no"])
        }
    }

    @Test func longCompanyNameHas300Characters() {
        #expect(Self.longName.count == 300)
    }

    @Test func leadingApostropheAndAtSignAreEscapedInTheFile() {
        let text = String(decoding: demoDefaultContactsCSV, as: UTF8.self)
        #expect(text.contains(",''t Hoekje BV,"))
        #expect(text.contains(",'@Home Interiors Ltd,"))
        #expect(text.contains(",\"Smith \"\"The Printers\"\" & Sons Ltd\","))
        #expect(text.contains(",\"Jensen, Hansen & Sønner ApS\","))
    }

    @Test func arabicAndHebrewContactsHaveRightToLeftNames() throws {
        let table = try DemoContactsTable(demoDefaultContactsCSV)
        let arabic = table.rows.filter { $0["languageCode"] == "ARA" }
        let hebrew = table.rows.filter { $0["languageCode"] == "HEB" }
        #expect(arabic.count == 94)
        #expect(hebrew.count == 53)
        // Every Arabic- or Hebrew-speaking contact's name is in that script (apart from independent persons'
        // company column, which is blank).
        #expect(arabic.allSatisfy { Self.hasScalar(in: 0x0600...0x06FF, $0["name"] ?? "") })
        #expect(hebrew.allSatisfy { Self.hasScalar(in: 0x0590...0x05FF, $0["name"] ?? "") })
    }

    @Test func trickyNamesAreInEveryFileBigEnoughForThem() throws {
        let table = try DemoContactsTable(DemoData.contactsCSV(companies: 9, personsPerCompany: 1...2, seed: 3))
        let names = Set(table.rows.map { $0["name"] ?? "" })
        #expect(names.isSuperset(of: Self.companies))
        #expect(names.isSuperset(of: Self.persons))
    }

    private static func hasScalar(in range: ClosedRange<UInt32>, _ text: String) -> Bool {
        text.unicodeScalars.contains { range.contains($0.value) }
    }
}
