import RapportCore
import RapportDemo
import Testing

@testable import RapportServer

@Suite struct DemoMasterDataTests {
    /// The file lists its sections in the order they must be created, as the shared bench generator's does.
    @Test func keysAreInCreationOrder() throws {
        let object = try #require(demoMasterData.objectValue)
        let order = [
            "languages", "salespeople", "territories", "mailingGroups", "industryGroups", "jobResponsibilities",
            "businessRelations", "interactionGroups", "salutations", "profileQuestionnaires", "campaigns",
            "numberSeries", "interactionTemplates", "templateLanguages", "setup",
        ]
        #expect(object.keys.sorted() == order.sorted())
        let file = String(decoding: MasterDataFile.write(try DemoData.masterData()), as: UTF8.self)
        let positions = order.compactMap { file.range(of: "{\"\($0)\":") ?? file.range(of: "],\"\($0)\":") }
        #expect(positions.count == order.count)
        #expect(positions.map(\.lowerBound) == positions.map(\.lowerBound).sorted())
        for key in object.keys where key != "setup" {
            #expect(object[key]?.demoItems.isEmpty == false, "\(key)")
        }
        #expect(object["setup"]?.objectValue != nil)
    }

    @Test func requiredCodesExist() {
        #expect(demoMasterCodes("languages") == ["ENU", "DAN", "DEU", "FRA", "ARA", "HEB"])
        #expect(demoMasterCodes("salespeople").isSuperset(of: ["JO", "RB"]))
        #expect(demoMasterCodes("mailingGroups").isSuperset(of: ["NEWS", "PROMO", "XMAS", "EVENTS"]))
        #expect(
            demoMasterCodes("industryGroups").isSuperset(of: [
                "RETAIL", "WHOLESALE", "MANUF", "SERVICES", "FINANCE",
            ]))
        #expect(
            demoMasterCodes("jobResponsibilities").isSuperset(of: ["PURCHASE", "SALES", "IT", "MGMT", "MARKETING"]))
        #expect(demoMasterCodes("businessRelations").isSuperset(of: ["CUST", "VEND", "PROSPECT", "PARTNER"]))
        #expect(demoMasterCodes("interactionGroups") == ["LETTER", "EMAIL", "PHONE", "MEETING"])
        #expect(demoMasterCodes("salutations").isSuperset(of: ["M", "F", "COMPANY", "UNISEX"]))
        #expect(demoMasterCodes("profileQuestionnaires") == ["CUSTSIZE", "INTEREST"])
        #expect(
            demoMasterCodes("interactionTemplates").isSuperset(of: [
                "LETTER", "EMAIL", "PHONE", "MEETING", "NEWSLETTER", "COVERSH",
            ]))
    }

    @Test func codesFitTheirColumns() {
        // Territories and salespeople are Code[20]; the other code lists Code[10].
        for key in [
            "languages", "mailingGroups", "industryGroups", "jobResponsibilities", "businessRelations",
            "interactionGroups", "salutations", "profileQuestionnaires", "interactionTemplates",
        ] {
            for code in demoMasterCodes(key) {
                #expect(code.count <= 10 && code == code.uppercased(), "\(key): \(code)")
            }
        }
        for code in demoMasterCodes("territories").union(demoMasterCodes("salespeople")) {
            #expect(code.count <= 20 && code == code.uppercased())
        }
    }

    @Test func everyCodeInTheContactsFileIsDefined() throws {
        let table = try DemoContactsTable(demoDefaultContactsCSV)
        let single: [(column: String, key: String)] = [
            ("languageCode", "languages"), ("salespersonCode", "salespeople"), ("territoryCode", "territories"),
            ("salutationCode", "salutations"),
        ]
        for (column, key) in single {
            let used = Set(table.rows.map { $0[column] ?? "" }).subtracting([""])
            #expect(!used.isEmpty)
            #expect(used.isSubset(of: demoMasterCodes(key)), "\(column): \(used.subtracting(demoMasterCodes(key)))")
        }
        let lists: [(column: String, key: String)] = [
            ("mailingGroups", "mailingGroups"), ("industryGroups", "industryGroups"),
            ("jobResponsibilities", "jobResponsibilities"), ("businessRelations", "businessRelations"),
        ]
        for (column, key) in lists {
            let used = table.codes(in: column)
            #expect(!used.isEmpty)
            #expect(used.isSubset(of: demoMasterCodes(key)), "\(column): \(used.subtracting(demoMasterCodes(key)))")
        }
        #expect(Set(table.rows.map { $0["correspondenceType"] ?? "" }).isSubset(of: ["", "email", "hardCopy"]))
    }

    @Test func profileAnswersPointAtAnswerLines() throws {
        var lineTypes: [String: String] = [:]
        for questionnaire in demoMasterData[demoKey: "profileQuestionnaires"]?.demoItems ?? [] {
            let code = questionnaire[demoKey: "code"]?.demoText ?? ""
            for line in questionnaire[demoKey: "lines"]?.demoItems ?? [] {
                guard case .number(let lineNo) = line[demoKey: "lineNo"] else {
                    Issue.record("lineNo of \(code) is not a number")
                    continue
                }
                #expect(lineNo == lineNo.rounded())
                lineTypes["\(code):\(Int(lineNo))"] = line[demoKey: "type"]?.demoText
            }
        }
        #expect(lineTypes["CUSTSIZE:10000"] == "question")
        #expect(["20000", "30000", "40000", "50000"].allSatisfy { lineTypes["CUSTSIZE:\($0)"] == "answer" })
        let table = try DemoContactsTable(demoDefaultContactsCSV)
        let used = table.codes(in: "profileAnswers")
        // Every answer of both questionnaires is given by someone, and no question line is.
        #expect(used.count == 13)
        for answer in used {
            #expect(lineTypes[answer] == "answer", "\(answer)")
        }
    }

    @Test func contactSeriesContinuesAfterTheDemoContacts() throws {
        let table = try DemoContactsTable(demoDefaultContactsCSV)
        let series = demoMasterData[demoKey: "numberSeries"]?.demoItems ?? []
        let contacts = try #require(series.first { $0[demoKey: "code"]?.demoText == "CONT" })
        #expect(contacts[demoKey: "startingNo"]?.demoText == "CT000001")
        #expect(contacts[demoKey: "lastNoUsed"]?.demoText == table.rows.last?["no"])
        #expect(contacts[demoKey: "lastNoUsed"]?.demoText == "CT003276")
        #expect(contacts[demoKey: "allowManualNos"] == .bool(true))
        let segments = try #require(series.first { $0[demoKey: "code"]?.demoText == "SEG" })
        #expect(segments[demoKey: "startingNo"]?.demoText == "SEG00001")
        #expect(segments[demoKey: "lastNoUsed"] == .null, "blank: nothing used yet")
    }

    @Test func setupNamesTheSeriesAndTheCompany() throws {
        let setup = try #require(demoMasterData[demoKey: "setup"])
        #expect(setup[demoKey: "segmentNos"]?.demoText == "SEG")
        #expect(setup[demoKey: "contactNos"]?.demoText == "CONT")
        #expect(setup[demoKey: "timeZone"]?.demoText == "Europe/London")
        let company = try #require(setup[demoKey: "companyInformation"]?.objectValue)
        #expect(
            company.keys.sorted() == [
                "address", "address2", "city", "email", "name", "phoneNo", "postCode", "vatRegistrationNo",
            ])
        #expect(company["name"]?.demoText == "Cronus Marketing Ltd")
    }

    @Test func referencesBetweenMasterDataResolve() {
        let salespeople = demoMasterCodes("salespeople")
        let languages = demoMasterCodes("languages")
        let campaigns = demoMasterCodes("campaigns", field: "no")
        let templates = demoMasterCodes("interactionTemplates")
        #expect(demoMasterCodes("campaigns", field: "salespersonCode").isSubset(of: salespeople))
        #expect(
            demoMasterCodes("interactionTemplates", field: "interactionGroupCode")
                .isSubset(of: demoMasterCodes("interactionGroups")))
        #expect(demoMasterCodes("interactionTemplates", field: "languageCodeDefault").isSubset(of: languages))
        #expect(demoMasterCodes("interactionTemplates", field: "campaignNo").isSubset(of: campaigns))
        #expect(demoMasterCodes("templateLanguages", field: "templateCode").isSubset(of: templates))
        #expect(demoMasterCodes("templateLanguages", field: "languageCode").isSubset(of: languages))
        for salutation in demoMasterData[demoKey: "salutations"]?.demoItems ?? [] {
            for formula in salutation[demoKey: "formulas"]?.demoItems ?? [] {
                let language = formula[demoKey: "languageCode"]?.demoText ?? ""
                #expect(language.isEmpty || languages.contains(language))
            }
        }
        #expect(salespeople.contains(DemoData.demoUser.salespersonCode))
    }

    @Test func salutationFormulasUseOnlyTheContractsPlaceholders() {
        let placeholders: Set<String> = ["FirstName", "MiddleName", "Surname", "Initials", "JobTitle", "CompanyName"]
        var used: Set<String> = []
        for salutation in demoMasterData[demoKey: "salutations"]?.demoItems ?? [] {
            for formula in salutation[demoKey: "formulas"]?.demoItems ?? [] {
                for key in ["formal", "informal"] {
                    let text = formula[demoKey: key]?.demoText ?? ""
                    for piece in text.split(separator: "{").dropFirst() {
                        used.insert(String(piece.prefix { $0 != "}" }))
                    }
                }
            }
        }
        #expect(used == placeholders)
    }

    @Test func templatesUseTheContractsEnumerations() throws {
        for template in demoMasterData[demoKey: "interactionTemplates"]?.demoItems ?? [] {
            #expect(["outbound", "inbound"].contains(template[demoKey: "informationFlow"]?.demoText ?? ""))
            #expect(["us", "them"].contains(template[demoKey: "initiatedBy"]?.demoText ?? ""))
            let allowed: [JSONValue] = [.null, .string("email"), .string("hardCopy")]
            let correspondence = try #require(template[demoKey: "correspondenceTypeDefault"])
            #expect(allowed.contains(correspondence))
            guard case .number = template[demoKey: "unitCost"], case .number = template[demoKey: "unitDuration"] else {
                Issue.record("unitCost and unitDuration must be numbers")
                continue
            }
        }
    }

    @Test func demoUserIsAMarketerForJO() {
        #expect(DemoData.demoUser.userId == "DEMO")
        #expect(DemoData.demoUser.password == "rapport-demo")
        #expect(DemoData.demoUser.role == "marketer")
        #expect(DemoData.demoUser.salespersonCode == "JO")
    }

    @Test func masterDataIsTheSameEveryTime() throws {
        #expect(try DemoData.masterData() == DemoData.masterData())
    }

    /// The bench writes the demo master data as a file and imports it: reading the file gives back the document.
    @Test func theMasterDataFileReadsBackAsTheDocument() throws {
        let document = try DemoData.masterData()
        #expect(try MasterDataFile.read(MasterDataFile.write(document)) == document)
    }
}
