import RapportCore
import RapportDemo
import Testing

@testable import RapportServer

/// The demo data read with the API's own field descriptions, so it cannot drift from what the server accepts.
@Suite struct DemoCatalogConformanceTests {
    /// masterData key → the resource its bodies are for.
    static let resources: [(key: String, path: String)] = [
        ("languages", "languages"), ("salespeople", "salespeople"), ("territories", "territories"),
        ("mailingGroups", "mailing-groups"), ("industryGroups", "industry-groups"),
        ("jobResponsibilities", "job-responsibilities"), ("businessRelations", "business-relations"),
        ("interactionGroups", "interaction-groups"), ("salutations", "salutations"),
        ("profileQuestionnaires", "profile-questionnaires"), ("campaigns", "campaigns"),
        ("numberSeries", "number-series"), ("interactionTemplates", "interaction-templates"),
    ]

    @Test func everyMasterDataBodyDecodesAsACreateRequest() throws {
        for (key, path) in Self.resources {
            let spec = try #require(Catalog.masterData.first { $0.path == path }, "\(path)")
            let decoder = RecordDecoder(fields: spec.fields)
            for body in demoMasterData[demoKey: key]?.demoItems ?? [] {
                #expect(throws: Never.self, "\(key)") { _ = try decoder.decode(body, mode: .full) }
            }
        }
    }

    @Test func setupDecodesAsAnUpdate() throws {
        let setup = try #require(demoMasterData[demoKey: "setup"])
        let record = try RecordDecoder(fields: Catalog.setup.fields).decode(setup, mode: .partial)
        #expect(record["companyInformation.city"] == .text("Leeds"))
        #expect(record["contactNos"] == .text("CONT"))
    }

    @Test func nextContactNumberFollowsTheDemoContacts() throws {
        let series = demoMasterData[demoKey: "numberSeries"]?.demoItems ?? []
        let contacts = try #require(series.first { $0[demoKey: "code"]?.demoText == "CONT" })
        let next = try NumberSeries.next(
            startingNo: contacts[demoKey: "startingNo"]?.demoText ?? "",
            lastNoUsed: contacts[demoKey: "lastNoUsed"]?.demoText ?? "", seriesCode: "CONT")
        #expect(next == "CT003277")
    }

    @Test func everyContactCellIsValidForItsField() throws {
        let table = try DemoContactsTable(demoDefaultContactsCSV)
        #expect(table.header == Catalog.contacts.fields.map(\.name))
        for row in table.rows {
            for field in Catalog.contacts.fields {
                let text = row[field.name] ?? ""
                switch field.kind {
                case .codeList(let link):
                    for code in text.split(separator: ";") {
                        #expect(code.count <= link.target.maxLength && code == code.uppercased())
                    }
                case .children:
                    continue
                case .boolean:
                    #expect(text == "true" || text == "false")
                default:
                    #expect(throws: Never.self, "\(row["no"] ?? "") \(field.name)") {
                        _ = try RecordDecoder.scalar(.string(text), kind: field.kind, path: field.name)
                    }
                }
            }
        }
    }
}
