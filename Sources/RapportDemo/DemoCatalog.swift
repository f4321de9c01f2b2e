import RapportCore

/// The fixed master-data tables of the demo. The contacts generator draws its codes from these same
/// tables, which is what keeps every code in the contacts file defined in the master data.
enum DemoCatalog {
    /// A `{code, description}` entry of one of the simple code lists.
    struct CodeEntry {
        var code: String
        var description: String
    }

    /// A salesperson.
    struct Salesperson {
        var code: String
        var name: String
        var email: String
        var phoneNo: String
        var jobTitle: String
    }

    /// A campaign.
    struct Campaign {
        var no: String
        var description: String
        var startingDate: String
        var endingDate: String
        var salespersonCode: String
    }

    /// The demo company's domain; `.example` is reserved, so no mail sent to it leaves the building.
    static let ownDomain = "cronus-marketing.example"

    static let languages: [CodeEntry] = [
        CodeEntry(code: "ENU", description: "English"),
        CodeEntry(code: "DAN", description: "Danish"),
        CodeEntry(code: "DEU", description: "German"),
        CodeEntry(code: "FRA", description: "French"),
        CodeEntry(code: "ARA", description: "Arabic"),
        CodeEntry(code: "HEB", description: "Hebrew"),
    ]

    /// Salespeople; contacts are assigned to them with the weights of `salespersonWeights`.
    static let salespeople: [Salesperson] = [
        Salesperson(
            code: "JO", name: "Joanne Oakley", email: "jo@\(ownDomain)",
            phoneNo: "+44 113 496 0101", jobTitle: "Sales Manager"),
        Salesperson(
            code: "RB", name: "Robert Bancroft", email: "rb@\(ownDomain)",
            phoneNo: "+44 113 496 0102", jobTitle: "Account Manager"),
        Salesperson(
            code: "PS", name: "Priya Shah", email: "ps@\(ownDomain)",
            phoneNo: "+44 20 7946 0103", jobTitle: "Account Manager, London"),
        Salesperson(
            code: "LT", name: "Lars Thomsen", email: "lt@\(ownDomain)",
            phoneNo: "+44 113 496 0104", jobTitle: "Export Manager, Nordics"),
        Salesperson(
            code: "HR", name: "Hannah Richter", email: "hr@\(ownDomain)",
            phoneNo: "+44 113 496 0105", jobTitle: "Export Manager, DACH"),
        Salesperson(
            code: "MH", name: "Mohammed Haddad", email: "mh@\(ownDomain)",
            phoneNo: "+44 161 496 0106", jobTitle: "Key Account Manager"),
        Salesperson(
            code: "AW", name: "Amelia Whitfield", email: "aw@\(ownDomain)",
            phoneNo: "+44 1632 960107", jobTitle: "Marketing Coordinator"),
        Salesperson(
            code: "KS", name: "Kasper Sørensen", email: "ks@\(ownDomain)",
            phoneNo: "+44 113 496 0108", jobTitle: "Inside Sales"),
    ]

    /// How often each salesperson owns a company: JO and RB carry the biggest books, as demos filter on them.
    static let salespersonWeights: [(String, Int)] = [
        ("JO", 24), ("RB", 20), ("PS", 12), ("LT", 10), ("HR", 10), ("MH", 9), ("AW", 8), ("KS", 7),
    ]

    static let territories: [CodeEntry] = [
        CodeEntry(code: "NORTH", description: "North of England"),
        CodeEntry(code: "SOUTH", description: "South of England"),
        CodeEntry(code: "EAST", description: "East of England"),
        CodeEntry(code: "WEST", description: "West of England and Wales"),
        CodeEntry(code: "MIDLANDS", description: "Midlands"),
        CodeEntry(code: "LONDON", description: "Greater London"),
        CodeEntry(code: "SCOTLAND", description: "Scotland"),
        CodeEntry(code: "EXPORT", description: "Outside the United Kingdom"),
    ]

    static let mailingGroups: [CodeEntry] = [
        CodeEntry(code: "NEWS", description: "Monthly newsletter"),
        CodeEntry(code: "PROMO", description: "Promotions and offers"),
        CodeEntry(code: "XMAS", description: "Christmas cards"),
        CodeEntry(code: "EVENTS", description: "Event invitations"),
        CodeEntry(code: "WEBINAR", description: "Webinar invitations"),
        CodeEntry(code: "SURVEY", description: "Customer surveys"),
    ]

    /// How likely a contact is to be in each mailing group, in percent, each drawn on its own.
    static let mailingGroupChances: [(String, Double)] = [
        ("NEWS", 30), ("PROMO", 20), ("XMAS", 15), ("EVENTS", 10), ("WEBINAR", 6), ("SURVEY", 4),
    ]

    static let industryGroups: [CodeEntry] = [
        CodeEntry(code: "RETAIL", description: "Retail"),
        CodeEntry(code: "WHOLESALE", description: "Wholesale"),
        CodeEntry(code: "MANUF", description: "Manufacturing"),
        CodeEntry(code: "SERVICES", description: "Professional services"),
        CodeEntry(code: "FINANCE", description: "Finance and insurance"),
        CodeEntry(code: "TECH", description: "Information technology"),
        CodeEntry(code: "LOGISTICS", description: "Transport and logistics"),
        CodeEntry(code: "LEISURE", description: "Hotels, restaurants and leisure"),
    ]

    /// The main industry of a company; the weights are percent of companies (RETAIL about a quarter).
    static let industryWeights: [(String, Int)] = [
        ("RETAIL", 25), ("WHOLESALE", 15), ("MANUF", 15), ("SERVICES", 14),
        ("FINANCE", 8), ("TECH", 9), ("LOGISTICS", 7), ("LEISURE", 7),
    ]

    static let jobResponsibilities: [CodeEntry] = [
        CodeEntry(code: "PURCHASE", description: "Purchasing"),
        CodeEntry(code: "SALES", description: "Sales"),
        CodeEntry(code: "IT", description: "Information technology"),
        CodeEntry(code: "MGMT", description: "Management"),
        CodeEntry(code: "MARKETING", description: "Marketing"),
        CodeEntry(code: "FINANCE", description: "Finance and accounting"),
        CodeEntry(code: "HR", description: "Human resources"),
        CodeEntry(code: "LOGISTICS", description: "Warehouse and logistics"),
    ]

    /// A job title with the job responsibilities it implies.
    typealias JobTitle = (title: String, responsibilities: [String])

    /// Titles for the first person of a company: someone who can sign.
    static let managementTitles: [JobTitle] = [
        ("Managing Director", ["MGMT"]), ("Chief Executive Officer", ["MGMT"]), ("Owner", ["MGMT", "SALES"]),
    ]

    static let jobTitles: [JobTitle] = [
        ("Finance Director", ["FINANCE", "MGMT"]), ("Purchasing Manager", ["PURCHASE"]), ("Buyer", ["PURCHASE"]),
        ("Sales Manager", ["SALES"]), ("Sales Representative", ["SALES"]), ("Marketing Manager", ["MARKETING"]),
        ("Marketing Assistant", ["MARKETING"]), ("IT Manager", ["IT"]), ("Systems Administrator", ["IT"]),
        ("Accountant", ["FINANCE"]), ("HR Manager", ["HR"]), ("Warehouse Manager", ["LOGISTICS"]),
        ("Operations Director", ["MGMT", "LOGISTICS"]), ("Head of E-commerce", ["SALES", "IT"]),
        ("Office Manager", ["MGMT"]), ("Receptionist", []),
    ]

    /// Titles of persons who work for no company in the file.
    static let independentTitles: [JobTitle] = [
        ("Freelance Consultant", ["SALES"]), ("Journalist", []), ("Photographer", []), ("Architect", []),
        ("Sole Trader", ["MGMT"]),
    ]

    static let businessRelations: [CodeEntry] = [
        CodeEntry(code: "CUST", description: "Customer"),
        CodeEntry(code: "VEND", description: "Vendor"),
        CodeEntry(code: "PROSPECT", description: "Prospect"),
        CodeEntry(code: "PARTNER", description: "Partner"),
        CodeEntry(code: "PRESS", description: "Press and media"),
    ]

    static let interactionGroups: [CodeEntry] = [
        CodeEntry(code: "LETTER", description: "Letters"),
        CodeEntry(code: "EMAIL", description: "E-mails"),
        CodeEntry(code: "PHONE", description: "Telephone calls"),
        CodeEntry(code: "MEETING", description: "Meetings"),
    ]

    static let campaigns: [Campaign] = [
        Campaign(
            no: "CP1001", description: "Spring fair 2026", startingDate: "2026-03-01",
            endingDate: "2026-04-30", salespersonCode: "JO"),
        Campaign(
            no: "CP1002", description: "Summer webinar series", startingDate: "2026-06-01",
            endingDate: "2026-08-31", salespersonCode: "RB"),
        Campaign(
            no: "CP1003", description: "Autumn product launch", startingDate: "2026-09-15",
            endingDate: "2026-10-31", salespersonCode: "PS"),
        Campaign(
            no: "CP1004", description: "Christmas mailing 2026", startingDate: "2026-11-16",
            endingDate: "2026-12-23", salespersonCode: "JO"),
    ]

    /// The contact number series: imported demo contacts use its numbers, so new contacts follow on.
    static let contactSeriesCode = "CONT"
    static let contactNoPrefix = "CT"
    static let contactNoDigits = 6
    static let segmentSeriesCode = "SEG"

    /// The number of the `index`th contact (from 1): `CT000001`, `CT000002`...
    static func contactNo(_ index: Int) -> String {
        let digits = String(index)
        return contactNoPrefix + String(repeating: "0", count: max(0, contactNoDigits - digits.count)) + digits
    }
}
