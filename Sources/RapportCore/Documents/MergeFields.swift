import Foundation

/// The merge fields of product.md section 4, computed for one contact and one interaction. The merge
/// engine takes any name → value map; this is Rapport's.
public struct MergeFields: Sendable, Equatable {
    /// The contact (a person or a company) and, for a person, the company it works for.
    public struct Contact: Sendable, Equatable {
        public var no = "", type = "company", name = "", companyName = "", firstName = "", middleName = ""
        public var surname = "", jobTitle = "", address = "", address2 = "", postCode = "", city = "", county = ""
        public var countryRegionCode = "", phoneNo = "", mobilePhoneNo = "", email = "", languageCode = ""
        public init() {}
    }

    public struct Salesperson: Sendable, Equatable {
        public var code = "", name = "", jobTitle = "", phoneNo = "", email = ""
        public init() {}
    }

    public struct CompanyInformation: Sendable, Equatable {
        public var name = "", address = "", address2 = "", postCode = "", city = "", phoneNo = "", email = ""
        public var vatRegistrationNo = ""
        public init() {}
    }

    /// The document's own values: the line's (or, once logged, the entry's) date, texts and numbers.
    public struct Document: Sendable, Equatable {
        public var date = "", description = "", subject = "", segmentNo = "", campaignNo = "", entryNo = ""
        public init() {}
    }

    /// Salutation formulas with placeholders (`Dear Ms {Surname},`), already chosen for the language.
    public struct Salutation: Sendable, Equatable {
        public var formal = "", informal = ""
        public init() {}
    }

    public var contact = Contact()
    public var salesperson = Salesperson()
    public var company = CompanyInformation()
    public var document = Document()
    public var salutation = Salutation()

    public init() {}

    /// Every field Rapport knows, by name.
    public static let names: [String] = MergeFields().values.map(\.key)

    /// The name → value map, in the order of product.md.
    public var values: [(key: String, value: String)] {
        [
            ("ContactNo", contact.no), ("ContactName", contact.name), ("CompanyName", contact.companyName),
            ("FirstName", contact.firstName), ("MiddleName", contact.middleName), ("Surname", contact.surname),
            ("JobTitle", contact.jobTitle), ("Address", contact.address), ("Address2", contact.address2),
            ("PostCode", contact.postCode), ("City", contact.city), ("County", contact.county),
            ("CountryRegion", contact.countryRegionCode), ("PhoneNo", contact.phoneNo),
            ("MobilePhoneNo", contact.mobilePhoneNo), ("Email", contact.email),
            ("ContactMailAddress", mailAddress), ("FormalSalutation", fill(salutation.formal)),
            ("InformalSalutation", fill(salutation.informal)),
            ("SalespersonCode", salesperson.code), ("SalespersonName", salesperson.name),
            ("SalespersonJobTitle", salesperson.jobTitle), ("SalespersonPhoneNo", salesperson.phoneNo),
            ("SalespersonEmail", salesperson.email),
            ("DocumentDate", Self.longDate(document.date, language: contact.languageCode)),
            ("DocumentDescription", document.description), ("DocumentSubject", document.subject),
            ("SegmentNo", document.segmentNo), ("CampaignNo", document.campaignNo), ("EntryNo", document.entryNo),
            ("CompanyInformationName", company.name), ("CompanyInformationAddress", company.address),
            ("CompanyInformationAddress2", company.address2), ("CompanyInformationPostCode", company.postCode),
            ("CompanyInformationCity", company.city), ("CompanyInformationPhoneNo", company.phoneNo),
            ("CompanyInformationEmail", company.email),
            ("CompanyInformationVatRegistrationNo", company.vatRegistrationNo),
        ]
    }

    /// The map the merge engine takes. `DocumentDate` is written `d MMMM yyyy` in the contact's language;
    /// the engine reads it back for a `\@` picture with the month names of `monthNames(for:)`.
    public var map: [String: String] {
        let values = values
        // Sized up front: growing it key by key cost more than the rest of a letter's merge values.
        var map: [String: String] = Dictionary(minimumCapacity: values.count)
        for (key, value) in values { map[key] = value }
        return map
    }

    /// The month names of a language (English when the product does not know it).
    public static func monthNames(for language: String) -> [String] {
        months[language] ?? months["ENU"] ?? []
    }

    /// One line each, skipping empty parts: name, company (for a person in a company), address, address 2,
    /// post code and city, county, country/region code.
    public var mailAddress: String {
        let company = contact.type == "person" ? contact.companyName : ""
        let cityLine = [contact.postCode, contact.city].filter { !$0.isEmpty }.joined(separator: " ")
        return [
            contact.name, company, contact.address, contact.address2, cityLine, contact.county,
            contact.countryRegionCode,
        ].filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// Fills a salutation formula's placeholders.
    func fill(_ formula: String) -> String {
        let initials = [contact.firstName, contact.middleName].compactMap(\.first).map { "\($0)." }.joined()
        return
            formula
            .replacingOccurrences(of: "{FirstName}", with: contact.firstName)
            .replacingOccurrences(of: "{MiddleName}", with: contact.middleName)
            .replacingOccurrences(of: "{Surname}", with: contact.surname)
            .replacingOccurrences(of: "{Initials}", with: initials)
            .replacingOccurrences(of: "{JobTitle}", with: contact.jobTitle)
            .replacingOccurrences(of: "{CompanyName}", with: contact.companyName)
            .replacingOccurrences(of: "  ", with: " ")
    }

    /// Month names in the languages the product knows; English otherwise.
    static let months: [String: [String]] = [
        "ENU": [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ],
        "DAN": [
            "januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
            "november", "december",
        ],
        "DEU": [
            "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
            "November", "Dezember",
        ],
        "FRA": [
            "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
            "novembre", "décembre",
        ],
    ]

    /// `2026-03-05` → `5 March 2026` (or `5 marts 2026` for a Danish contact).
    public static func longDate(_ iso: String, language: String) -> String {
        guard let date = CalendarDate(iso) else { return iso }
        let names = months[language] ?? months["ENU"] ?? []
        let month = names.indices.contains(date.month - 1) ? names[date.month - 1] : String(date.month)
        return "\(date.day) \(month) \(date.year)"
    }
}
