import RapportCore

/// One generated contact, with its fields as the contacts CSV writes them.
struct DemoContact {
    var no = ""
    var type = ""
    var name = ""
    var companyNo = ""
    /// Read-only in the API: the import ignores it, but an export has it, so the demo file does too.
    var companyName = ""
    var firstName = ""
    var middleName = ""
    var surname = ""
    var jobTitle = ""
    var address = ""
    var address2 = ""
    var city = ""
    var postCode = ""
    var county = ""
    var countryRegionCode = ""
    var phoneNo = ""
    var mobilePhoneNo = ""
    var email = ""
    var languageCode = ""
    var salespersonCode = ""
    var territoryCode = ""
    var salutationCode = ""
    var correspondenceType = ""
    var excludeFromSegment = false
    var mailingGroups: [String] = []
    var industryGroups: [String] = []
    var jobResponsibilities: [String] = []
    var businessRelations: [String] = []
    var profileAnswers: [(code: String, lineNo: Int)] = []

    /// The columns of the contacts CSV, in the order of the API contract (the export's header).
    static let csvHeader = [
        "no", "type", "name", "companyNo", "companyName", "firstName", "middleName", "surname", "jobTitle",
        "address", "address2", "city", "postCode", "county", "countryRegionCode", "phoneNo", "mobilePhoneNo",
        "email", "languageCode", "salespersonCode", "territoryCode", "salutationCode", "correspondenceType",
        "excludeFromSegment", "mailingGroups", "industryGroups", "jobResponsibilities", "businessRelations",
        "profileAnswers",
    ]

    /// The cells of this contact in `csvHeader` order, before the formula guard: lists joined by `;`,
    /// profile answers as `CODE:lineNo`, booleans as `true`/`false`, as the export writes them.
    var csvFields: [String] {
        [
            no, type, name, companyNo, companyName, firstName, middleName, surname, jobTitle,
            address, address2, city, postCode, county, countryRegionCode, phoneNo, mobilePhoneNo,
            email, languageCode, salespersonCode, territoryCode, salutationCode, correspondenceType,
            excludeFromSegment ? "true" : "false",
            mailingGroups.joined(separator: ";"), industryGroups.joined(separator: ";"),
            jobResponsibilities.joined(separator: ";"), businessRelations.joined(separator: ";"),
            profileAnswers.map { "\($0.code):\($0.lineNo)" }.joined(separator: ";"),
        ]
    }
}
