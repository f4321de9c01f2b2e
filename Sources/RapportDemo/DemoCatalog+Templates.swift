import RapportCore

/// The demo's salutations, profile questionnaires and interaction templates.
extension DemoCatalog {
    /// A salutation formula for one language ("" = any language).
    struct Formula {
        var languageCode: String
        var formal: String
        var informal: String
    }

    /// A salutation with its formulas.
    struct Salutation {
        var code: String
        var description: String
        var formulas: [Formula]
    }

    /// Which contacts a questionnaire is answered for.
    enum ProfileSubject {
        case company
        case person
    }

    /// A question with its answers; the lines of a questionnaire are the questions and answers in order.
    struct Question {
        var lineNo: Int
        var text: String
        var answers: [(lineNo: Int, text: String)]
        /// How likely a contact is to have answered, in percent.
        var answeredPercent: Double
        /// Whether several answers may be ticked (each then drawn on its own at `answeredPercent`).
        var allowsSeveral: Bool
    }

    /// A profile questionnaire.
    struct Questionnaire {
        var code: String
        var description: String
        var subject: ProfileSubject
        var questions: [Question]
    }

    /// An interaction template; `nil` stands for a JSON null.
    struct InteractionTemplate {
        var code: String
        var interactionGroupCode: String
        var description: String
        var unitCost: Double
        var unitDuration: Double
        var informationFlow: String
        var initiatedBy: String
        var correspondenceTypeDefault: String?
        var ignoreContactCorrespondenceType: Bool
        var languageCodeDefault: String?
        var campaignNo: String?
        var campaignTarget: Bool
        var campaignResponse: Bool
    }

    static let salutations: [Salutation] = [
        Salutation(
            code: "M", description: "Male",
            formulas: [
                Formula(languageCode: "", formal: "Dear Mr {Surname},", informal: "Dear {FirstName},"),
                Formula(languageCode: "DAN", formal: "Kære hr. {Surname},", informal: "Kære {FirstName},"),
                Formula(languageCode: "DEU", formal: "Sehr geehrter Herr {Surname},", informal: "Lieber {FirstName},"),
            ]),
        Salutation(
            code: "F", description: "Female",
            formulas: [
                Formula(languageCode: "", formal: "Dear Ms {Surname},", informal: "Dear {FirstName},"),
                Formula(languageCode: "DAN", formal: "Kære fru {Surname},", informal: "Kære {FirstName},"),
                Formula(languageCode: "DEU", formal: "Sehr geehrte Frau {Surname},", informal: "Liebe {FirstName},"),
            ]),
        Salutation(
            code: "UNISEX", description: "Any gender",
            formulas: [
                Formula(languageCode: "", formal: "Dear {FirstName} {Surname},", informal: "Dear {FirstName},"),
                Formula(languageCode: "DAN", formal: "Kære {FirstName} {Surname},", informal: "Hej {FirstName},"),
                Formula(
                    languageCode: "DEU", formal: "Guten Tag {FirstName} {Surname},", informal: "Hallo {FirstName},"),
            ]),
        Salutation(
            code: "INITIALS", description: "Initials and surname",
            formulas: [
                Formula(
                    languageCode: "", formal: "Dear {Initials} {Surname},", informal: "Dear {FirstName} {MiddleName},")
            ]),
        // For letters to a role rather than a person: no demo contact has it, it is there for users to choose.
        Salutation(
            code: "JOBTITLE", description: "By job title",
            formulas: [
                Formula(languageCode: "", formal: "Dear {JobTitle},", informal: "Hello {FirstName},"),
                Formula(languageCode: "DAN", formal: "Kære {JobTitle},", informal: "Hej {FirstName},"),
            ]),
        Salutation(
            code: "COMPANY", description: "Company",
            formulas: [
                Formula(languageCode: "", formal: "Dear Sir or Madam,", informal: "Dear friends at {CompanyName},"),
                Formula(languageCode: "DAN", formal: "Kære {CompanyName},", informal: "Hej {CompanyName},"),
                Formula(
                    languageCode: "DEU", formal: "Sehr geehrte Damen und Herren,",
                    informal: "Hallo liebes Team von {CompanyName},"),
            ]),
    ]

    static let questionnaires: [Questionnaire] = [
        Questionnaire(
            code: "CUSTSIZE", description: "Company size", subject: .company,
            questions: [
                Question(
                    lineNo: 10000, text: "Number of employees?",
                    answers: [
                        (20000, "1-9"), (30000, "10-49"), (40000, "50-249"), (50000, "250 or more"),
                    ], answeredPercent: 85, allowsSeveral: false),
                Question(
                    lineNo: 60000, text: "Annual turnover?",
                    answers: [
                        (70000, "Under GBP 1 million"), (80000, "GBP 1-10 million"), (90000, "Over GBP 10 million"),
                    ], answeredPercent: 50, allowsSeveral: false),
            ]),
        Questionnaire(
            code: "INTEREST", description: "Personal interests", subject: .person,
            questions: [
                Question(
                    lineNo: 10000, text: "Which products interest you?",
                    answers: [
                        (20000, "Accounting software"), (30000, "CRM and marketing"), (40000, "Payroll"),
                        (50000, "Training courses"),
                    ], answeredPercent: 20, allowsSeveral: true),
                Question(
                    lineNo: 60000, text: "Preferred time to be contacted?",
                    answers: [
                        (70000, "Morning"), (80000, "Afternoon"),
                    ], answeredPercent: 30, allowsSeveral: false),
            ]),
    ]

    static let interactionTemplates: [InteractionTemplate] = [
        InteractionTemplate(
            code: "LETTER", interactionGroupCode: "LETTER", description: "Letter", unitCost: 1.5, unitDuration: 5,
            informationFlow: "outbound", initiatedBy: "us", correspondenceTypeDefault: "hardCopy",
            ignoreContactCorrespondenceType: false, languageCodeDefault: "ENU", campaignNo: nil,
            campaignTarget: false, campaignResponse: false),
        InteractionTemplate(
            code: "EMAIL", interactionGroupCode: "EMAIL", description: "E-mail", unitCost: 0.1, unitDuration: 2,
            informationFlow: "outbound", initiatedBy: "us", correspondenceTypeDefault: "email",
            ignoreContactCorrespondenceType: false, languageCodeDefault: "ENU", campaignNo: nil,
            campaignTarget: false, campaignResponse: false),
        InteractionTemplate(
            code: "PHONE", interactionGroupCode: "PHONE", description: "Outgoing phone call", unitCost: 2,
            unitDuration: 10, informationFlow: "outbound", initiatedBy: "us", correspondenceTypeDefault: nil,
            ignoreContactCorrespondenceType: false, languageCodeDefault: nil, campaignNo: nil,
            campaignTarget: false, campaignResponse: false),
        InteractionTemplate(
            code: "PHONEIN", interactionGroupCode: "PHONE", description: "Incoming phone call", unitCost: 0,
            unitDuration: 8, informationFlow: "inbound", initiatedBy: "them", correspondenceTypeDefault: nil,
            ignoreContactCorrespondenceType: false, languageCodeDefault: nil, campaignNo: nil,
            campaignTarget: false, campaignResponse: false),
        InteractionTemplate(
            code: "MEETING", interactionGroupCode: "MEETING", description: "Meeting", unitCost: 25,
            unitDuration: 60, informationFlow: "outbound", initiatedBy: "us", correspondenceTypeDefault: nil,
            ignoreContactCorrespondenceType: false, languageCodeDefault: nil, campaignNo: nil,
            campaignTarget: false, campaignResponse: false),
        InteractionTemplate(
            code: "NEWSLETTER", interactionGroupCode: "EMAIL", description: "Newsletter", unitCost: 0.05,
            unitDuration: 1, informationFlow: "outbound", initiatedBy: "us", correspondenceTypeDefault: "email",
            ignoreContactCorrespondenceType: true, languageCodeDefault: "ENU", campaignNo: nil,
            campaignTarget: false, campaignResponse: false),
        InteractionTemplate(
            code: "COVERSH", interactionGroupCode: "LETTER", description: "Cover sheet", unitCost: 0.5,
            unitDuration: 2, informationFlow: "outbound", initiatedBy: "us", correspondenceTypeDefault: "hardCopy",
            ignoreContactCorrespondenceType: true, languageCodeDefault: "ENU", campaignNo: nil,
            campaignTarget: false, campaignResponse: false),
        // Logging a segment with this template makes campaign entries, which is what a demo of campaigns needs.
        InteractionTemplate(
            code: "FAIRINV", interactionGroupCode: "EMAIL", description: "Spring fair invitation", unitCost: 0.1,
            unitDuration: 2, informationFlow: "outbound", initiatedBy: "us", correspondenceTypeDefault: "email",
            ignoreContactCorrespondenceType: false, languageCodeDefault: "ENU", campaignNo: "CP1001",
            campaignTarget: true, campaignResponse: false),
    ]

    /// Per-language descriptions of templates: the missing ones show the default-language fallback.
    static let templateLanguages: [(templateCode: String, languageCode: String, description: String)] = [
        ("LETTER", "ENU", "Letter"),
        ("LETTER", "DAN", "Brev"),
        ("LETTER", "DEU", "Brief"),
        ("EMAIL", "ENU", "E-mail"),
        ("EMAIL", "DAN", "E-mail"),
        ("NEWSLETTER", "ENU", "Newsletter"),
        ("NEWSLETTER", "DAN", "Nyhedsbrev"),
        ("NEWSLETTER", "DEU", "Rundbrief"),
        ("FAIRINV", "ENU", "Invitation to our spring fair"),
        ("FAIRINV", "DAN", "Invitation til vores forårsmesse"),
    ]
}
