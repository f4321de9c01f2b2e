import RapportCore
import RapportJSON

extension DemoData {
    /// The demo's master data as request bodies, one array per resource, in the order they must be created
    /// (later ones refer to earlier ones): `languages`, `salespeople`, `territories`, `mailingGroups`,
    /// `industryGroups`, `jobResponsibilities`, `businessRelations`, `interactionGroups`, `salutations`,
    /// `profileQuestionnaires`, `campaigns`, `numberSeries`, `interactionTemplates`, `templateLanguages`
    /// (bodies for `PUT /interaction-templates/{templateCode}/languages/{languageCode}`, with the two keys
    /// included), and `setup`, which is one object for `PATCH /setup`.
    ///
    /// The `CONT` number series continues after the contacts of `contactsCSV()` with its default arguments.
    public static func masterData() -> JSONValue {
        let lastContactNo = DemoCatalog.contactNo(defaultContactCount)
        return object([
            ("languages", .array(DemoCatalog.languages.map(languageBody))),
            ("salespeople", .array(DemoCatalog.salespeople.map(salespersonBody))),
            ("territories", codeList(DemoCatalog.territories)),
            ("mailingGroups", codeList(DemoCatalog.mailingGroups)),
            ("industryGroups", codeList(DemoCatalog.industryGroups)),
            ("jobResponsibilities", codeList(DemoCatalog.jobResponsibilities)),
            ("businessRelations", codeList(DemoCatalog.businessRelations)),
            ("interactionGroups", codeList(DemoCatalog.interactionGroups)),
            ("salutations", .array(DemoCatalog.salutations.map(salutationBody))),
            ("profileQuestionnaires", .array(DemoCatalog.questionnaires.map(questionnaireBody))),
            ("campaigns", .array(DemoCatalog.campaigns.map(campaignBody))),
            ("numberSeries", numberSeries(lastContactNo: lastContactNo)),
            ("interactionTemplates", .array(DemoCatalog.interactionTemplates.map(templateBody))),
            ("templateLanguages", .array(DemoCatalog.templateLanguages.map(templateLanguageBody))),
            ("setup", setupBody),
        ])
    }

    /// How many contacts `contactsCSV()` makes with its defaults; computed once, on first use.
    static let defaultContactCount = DemoContactGenerator(
        companies: defaultCompanies, personsPerCompany: defaultPersonsPerCompany, seed: defaultSeed
    ).contacts().count

    // MARK: - Bodies

    private static func languageBody(_ language: DemoCatalog.CodeEntry) -> JSONValue {
        object([("code", text(language.code)), ("name", text(language.description))])
    }

    private static func codeList(_ entries: [DemoCatalog.CodeEntry]) -> JSONValue {
        .array(entries.map { object([("code", text($0.code)), ("description", text($0.description))]) })
    }

    private static func salespersonBody(_ person: DemoCatalog.Salesperson) -> JSONValue {
        object([
            ("code", text(person.code)), ("name", text(person.name)), ("email", text(person.email)),
            ("phoneNo", text(person.phoneNo)), ("jobTitle", text(person.jobTitle)),
        ])
    }

    private static func salutationBody(_ salutation: DemoCatalog.Salutation) -> JSONValue {
        object([
            ("code", text(salutation.code)), ("description", text(salutation.description)),
            (
                "formulas",
                .array(
                    salutation.formulas.map { formula in
                        object([
                            ("languageCode", text(formula.languageCode)), ("formal", text(formula.formal)),
                            ("informal", text(formula.informal)),
                        ])
                    })
            ),
        ])
    }

    private static func questionnaireBody(_ questionnaire: DemoCatalog.Questionnaire) -> JSONValue {
        var lines: [JSONValue] = []
        for question in questionnaire.questions {
            lines.append(lineBody(question.lineNo, "question", question.text))
            lines += question.answers.map { lineBody($0.lineNo, "answer", $0.text) }
        }
        return object([
            ("code", text(questionnaire.code)), ("description", text(questionnaire.description)),
            ("lines", .array(lines)),
        ])
    }

    private static func lineBody(_ lineNo: Int, _ type: String, _ description: String) -> JSONValue {
        object([("lineNo", .number(Double(lineNo))), ("type", text(type)), ("description", text(description))])
    }

    private static func campaignBody(_ campaign: DemoCatalog.Campaign) -> JSONValue {
        object([
            ("no", text(campaign.no)), ("description", text(campaign.description)),
            ("startingDate", text(campaign.startingDate)), ("endingDate", text(campaign.endingDate)),
            ("salespersonCode", text(campaign.salespersonCode)),
        ])
    }

    private static func numberSeries(lastContactNo: String) -> JSONValue {
        .array([
            object([
                ("code", text(DemoCatalog.contactSeriesCode)), ("description", text("Contacts")),
                ("startingNo", text(DemoCatalog.contactNo(1))), ("lastNoUsed", text(lastContactNo)),
                ("allowManualNos", .bool(true)),
            ]),
            object([
                ("code", text(DemoCatalog.segmentSeriesCode)), ("description", text("Segments")),
                ("startingNo", text("SEG00001")), ("lastNoUsed", text("")), ("allowManualNos", .bool(true)),
            ]),
        ])
    }

    private static func templateBody(_ template: DemoCatalog.InteractionTemplate) -> JSONValue {
        object([
            ("code", text(template.code)), ("interactionGroupCode", text(template.interactionGroupCode)),
            ("description", text(template.description)), ("unitCost", .number(template.unitCost)),
            ("unitDuration", .number(template.unitDuration)), ("informationFlow", text(template.informationFlow)),
            ("initiatedBy", text(template.initiatedBy)),
            ("correspondenceTypeDefault", optionalText(template.correspondenceTypeDefault)),
            ("ignoreContactCorrespondenceType", .bool(template.ignoreContactCorrespondenceType)),
            ("languageCodeDefault", optionalText(template.languageCodeDefault)),
            ("campaignNo", optionalText(template.campaignNo)), ("campaignTarget", .bool(template.campaignTarget)),
            ("campaignResponse", .bool(template.campaignResponse)),
        ])
    }

    private static func templateLanguageBody(
        _ entry: (templateCode: String, languageCode: String, description: String)
    ) -> JSONValue {
        object([
            ("templateCode", text(entry.templateCode)), ("languageCode", text(entry.languageCode)),
            ("description", text(entry.description)),
        ])
    }

    /// A made-up marketing agency in Leeds, where most of the demo's customers are.
    private static var setupBody: JSONValue {
        object([
            ("segmentNos", text(DemoCatalog.segmentSeriesCode)),
            ("contactNos", text(DemoCatalog.contactSeriesCode)),
            (
                "companyInformation",
                object([
                    ("name", text("Cronus Marketing Ltd")), ("address", text("12 Wharf Approach")),
                    ("address2", text("Granary Wharf")), ("postCode", text("LS1 4BR")), ("city", text("Leeds")),
                    ("phoneNo", text("+44 113 496 0100")), ("email", text("info@\(DemoCatalog.ownDomain)")),
                    ("vatRegistrationNo", text("GB 123 4567 89")),
                ])
            ),
            ("timeZone", text("Europe/London")),
            ("phoneCallTemplateCode", text("PHONE")),
        ])
    }

    // MARK: - JSON helpers

    private static func object(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(members.map { (key: $0.0, value: $0.1) }))
    }

    private static func text(_ value: String) -> JSONValue {
        .string(value)
    }

    private static func optionalText(_ value: String?) -> JSONValue {
        value.map(JSONValue.string) ?? .null
    }
}
