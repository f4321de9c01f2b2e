/// The tables Add/Reduce/Refine can filter on (BC §1.17, with the interaction log in place of the
/// item ledger), each with its filterable fields and how it links to a contact.
public struct FilterTable: Sendable, Equatable {
    /// The key in the `filters` object (`mailingGroups`).
    public let key: String
    /// How BC names it in the criteria list (`Mailing Group`).
    public let caption: String
    /// The related table, or nil for the contact itself.
    public let table: String?
    /// The contact column the related table's `contact_no` matches (`no`, or `company_no` for
    /// industry groups and business relations, which persons inherit from their company).
    public let contactColumn: String
    public let fields: [Field]

    public struct Field: Sendable, Equatable {
        public let name: String
        public let caption: String
        public let column: String
        public let foldedColumn: String?
        public let type: FilterValueType
        /// Where plain values must exist (unknown codes in filters are refused).
        public let reference: String?
    }

    public func field(named name: String) -> Field? { fields.first { $0.name == name } }

    /// In the order the criteria text lists them (related tables first, then the contact).
    public static let all: [FilterTable] = [
        profileAnswers, mailingGroups, industryGroups, jobResponsibilities,
        businessRelations, interactions, contact,
    ]

    public static func named(_ key: String) -> FilterTable? { all.first { $0.key == key } }

    static func codeTable(
        _ key: String, _ caption: String, _ table: String, target: ReferenceTarget,
        via contactColumn: String = "no"
    ) -> FilterTable {
        FilterTable(
            key: key, caption: caption, table: table, contactColumn: contactColumn,
            fields: [
                Field(
                    name: "code", caption: "Code", column: "code", foldedColumn: nil, type: .code,
                    reference: target.table)
            ])
    }

    public static let mailingGroups = codeTable(
        "mailingGroups", "Mailing Group", "contact_mailing_group", target: Catalog.mailingGroupTarget)
    public static let industryGroups = codeTable(
        "industryGroups", "Industry Group", "contact_industry_group", target: Catalog.industryGroupTarget,
        via: "company_no")
    public static let jobResponsibilities = codeTable(
        "jobResponsibilities", "Job Responsibility", "contact_job_responsibility",
        target: Catalog.jobResponsibilityTarget)
    public static let businessRelations = codeTable(
        "businessRelations", "Business Relation", "contact_business_relation",
        target: Catalog.businessRelationTarget, via: "company_no")

    public static let profileAnswers = FilterTable(
        key: "profileAnswers", caption: "Profile Answer", table: "contact_profile_answer", contactColumn: "no",
        fields: [
            Field(
                name: "questionnaireCode", caption: "Questionnaire Code", column: "questionnaire_code",
                foldedColumn: nil, type: .code, reference: "profile_questionnaire"),
            Field(
                name: "lineNo", caption: "Line No.", column: "line_no", foldedColumn: nil, type: .integer,
                reference: nil),
        ])

    /// The interaction log, in place of BC's item ledger: "contacts we wrote to in March".
    public static let interactions = FilterTable(
        key: "interactions", caption: "Interaction Log Entry", table: "interaction_log_entry", contactColumn: "no",
        fields: [
            Field(name: "date", caption: "Date", column: "date", foldedColumn: nil, type: .date, reference: nil),
            Field(
                name: "segmentNo", caption: "Segment No.", column: "segment_no", foldedColumn: nil, type: .code,
                reference: nil),
            Field(
                name: "loggedSegmentEntryNo", caption: "Logged Segment Entry No.", column: "logged_segment_entry_no",
                foldedColumn: nil, type: .integer, reference: nil),
            Field(
                name: "campaignNo", caption: "Campaign No.", column: "campaign_no", foldedColumn: nil, type: .code,
                reference: "campaign"),
            Field(
                name: "evaluation", caption: "Evaluation", column: "evaluation", foldedColumn: nil,
                type: .enumeration(Catalog.evaluations), reference: nil),
            Field(
                name: "interactionTemplateCode", caption: "Interaction Template Code",
                column: "interaction_template_code", foldedColumn: nil, type: .code, reference: "interaction_template"),
            Field(
                name: "salespersonCode", caption: "Salesperson Code", column: "salesperson_code", foldedColumn: nil,
                type: .code, reference: "salesperson"),
            Field(
                name: "canceled", caption: "Canceled", column: "canceled", foldedColumn: nil, type: .boolean,
                reference: nil),
        ])

    /// The contact's own fields that segments filter on.
    public static let contact = FilterTable(
        key: "contact", caption: "Contact", table: nil, contactColumn: "no",
        fields: [
            "no", "type", "name", "companyNo", "salespersonCode", "postCode", "city", "countryRegionCode",
            "territoryCode", "languageCode", "correspondenceType", "jobTitle",
        ].compactMap { name in
            guard let spec = Catalog.contacts.field(named: name), let type = spec.kind.filterValueType else {
                return nil
            }
            var reference: String?
            if case .reference(let target) = spec.kind { reference = target.table }
            return Field(
                name: name, caption: Self.caption(name), column: spec.column,
                foldedColumn: spec.isFolded ? spec.column + "_fold" : nil, type: type, reference: reference)
        })

    /// `salespersonCode` → `Salesperson Code`, `no` → `No.`.
    public static func caption(_ name: String) -> String {
        if name == "no" { return "No." }
        var words: [String] = []
        var current = ""
        for character in name {
            if character.isUppercase, !current.isEmpty {
                words.append(current)
                current = ""
            }
            current.append(character)
        }
        words.append(current)
        return words.map { word in
            word == "no" ? "No." : word.prefix(1).uppercased() + word.dropFirst()
        }.joined(separator: " ")
    }
}

extension FieldKind {
    /// The filter expression type of a field of this kind; nil where filtering makes no sense.
    public var filterValueType: FilterValueType? {
        switch self {
        case .code, .reference: .code
        case .text: .text
        case .boolean: .boolean
        case .decimal: .decimal
        case .integer: .integer
        case .date: .date
        case .enumeration(let values): .enumeration(values)
        case .codeList, .children, .secret: nil
        }
    }
}
