import RapportCore

extension DemoData {
    /// The demo's master data, one section per resource in the order they must be created (later ones refer to
    /// earlier ones): `languages`, `salespeople`, `territories`, `mailingGroups`, `industryGroups`,
    /// `jobResponsibilities`, `businessRelations`, `interactionGroups`, `salutations`, `profileQuestionnaires`,
    /// `campaigns`, `numberSeries`, `interactionTemplates`, then the templates' languages and the setup. Every
    /// value is read by its field's rules, as an import of the same file would read it.
    ///
    /// The `CONT` number series continues after the contacts of `contactsCSV()` with its default arguments.
    public static func masterData() throws(RapportError) -> MasterDataDocument {
        let lastContactNo = DemoCatalog.contactNo(defaultContactCount)
        let sections: [String: [RecordInputs]] = [
            "languages": DemoCatalog.languages.map(languageInputs),
            "salespeople": DemoCatalog.salespeople.map(salespersonInputs),
            "territories": DemoCatalog.territories.map(codeInputs),
            "mailingGroups": DemoCatalog.mailingGroups.map(codeInputs),
            "industryGroups": DemoCatalog.industryGroups.map(codeInputs),
            "jobResponsibilities": DemoCatalog.jobResponsibilities.map(codeInputs),
            "businessRelations": DemoCatalog.businessRelations.map(codeInputs),
            "interactionGroups": DemoCatalog.interactionGroups.map(codeInputs),
            "salutations": DemoCatalog.salutations.map(salutationInputs),
            "profileQuestionnaires": DemoCatalog.questionnaires.map(questionnaireInputs),
            "campaigns": DemoCatalog.campaigns.map(campaignInputs),
            "numberSeries": numberSeries(lastContactNo: lastContactNo),
            "interactionTemplates": DemoCatalog.interactionTemplates.map(templateInputs),
        ]
        var document = MasterDataDocument()
        for (key, spec) in MasterDataDocument.sectionSpecs {
            let records = try (sections[key] ?? []).enumerated().map { index, inputs throws(RapportError) in
                try inputs.upsert(spec.fields, pathPrefix: "\(key)[\(index)].")
            }
            document.sections.append(MasterDataDocument.Section(key: key, records: records))
        }
        document.templateLanguages = try DemoCatalog.templateLanguages.map(templateLanguage)
        document.setup = try setupInputs.sent(MasterDataDocument.setupFields)
        return document
    }

    /// How many contacts `contactsCSV()` makes with its defaults; computed once, on first use.
    static let defaultContactCount = DemoContactGenerator(
        companies: defaultCompanies, personsPerCompany: defaultPersonsPerCompany, seed: defaultSeed
    ).contacts().count

    // MARK: - Records

    private static func languageInputs(_ language: DemoCatalog.CodeEntry) -> RecordInputs {
        RecordInputs([("code", text(language.code)), ("name", text(language.description))])
    }

    private static func codeInputs(_ entry: DemoCatalog.CodeEntry) -> RecordInputs {
        RecordInputs([("code", text(entry.code)), ("description", text(entry.description))])
    }

    private static func salespersonInputs(_ person: DemoCatalog.Salesperson) -> RecordInputs {
        RecordInputs([
            ("code", text(person.code)), ("name", text(person.name)), ("email", text(person.email)),
            ("phoneNo", text(person.phoneNo)), ("jobTitle", text(person.jobTitle)),
        ])
    }

    private static func salutationInputs(_ salutation: DemoCatalog.Salutation) -> RecordInputs {
        let formulas = salutation.formulas.map { formula in
            [
                ("languageCode", text(formula.languageCode)), ("formal", text(formula.formal)),
                ("informal", text(formula.informal)),
            ]
        }
        return RecordInputs(
            [("code", text(salutation.code)), ("description", text(salutation.description))],
            children: [("formulas", formulas)])
    }

    private static func questionnaireInputs(_ questionnaire: DemoCatalog.Questionnaire) -> RecordInputs {
        var lines: [[(name: String, value: FieldInput)]] = []
        for question in questionnaire.questions {
            lines.append(lineInputs(question.lineNo, "question", question.text))
            lines += question.answers.map { lineInputs($0.lineNo, "answer", $0.text) }
        }
        return RecordInputs(
            [("code", text(questionnaire.code)), ("description", text(questionnaire.description))],
            children: [("lines", lines)])
    }

    private static func lineInputs(
        _ lineNo: Int, _ type: String, _ description: String
    ) -> [(name: String, value: FieldInput)] {
        [("lineNo", .number(Double(lineNo))), ("type", text(type)), ("description", text(description))]
    }

    private static func campaignInputs(_ campaign: DemoCatalog.Campaign) -> RecordInputs {
        RecordInputs([
            ("no", text(campaign.no)), ("description", text(campaign.description)),
            ("startingDate", text(campaign.startingDate)), ("endingDate", text(campaign.endingDate)),
            ("salespersonCode", text(campaign.salespersonCode)),
        ])
    }

    private static func numberSeries(lastContactNo: String) -> [RecordInputs] {
        [
            RecordInputs([
                ("code", text(DemoCatalog.contactSeriesCode)), ("description", text("Contacts")),
                ("startingNo", text(DemoCatalog.contactNo(1))), ("lastNoUsed", text(lastContactNo)),
                ("allowManualNos", .bool(true)),
            ]),
            RecordInputs([
                ("code", text(DemoCatalog.segmentSeriesCode)), ("description", text("Segments")),
                ("startingNo", text("SEG00001")), ("lastNoUsed", text("")), ("allowManualNos", .bool(true)),
            ]),
        ]
    }

    private static func templateInputs(_ template: DemoCatalog.InteractionTemplate) -> RecordInputs {
        RecordInputs([
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

    private static func templateLanguage(
        _ entry: (templateCode: String, languageCode: String, description: String)
    ) throws(RapportError) -> MasterDataDocument.TemplateLanguageItem {
        let record = try RecordInputs([("description", text(entry.description))]).complete(TemplateLanguage.fields)
        return MasterDataDocument.TemplateLanguageItem(
            templateCode: InteractionTemplate.Code(
                try FieldKind.code(text(entry.templateCode), path: "templateCode", maxLength: 10)),
            entry: TemplateLanguage.Entry(
                languageCode: Language.Code(
                    try FieldKind.code(text(entry.languageCode), path: "languageCode", maxLength: 10)),
                description: record.text("description")))
    }

    /// A made-up marketing agency in Leeds, where most of the demo's customers are.
    private static var setupInputs: RecordInputs {
        RecordInputs([
            ("segmentNos", text(DemoCatalog.segmentSeriesCode)), ("contactNos", text(DemoCatalog.contactSeriesCode)),
            ("companyInformation.name", text("Cronus Marketing Ltd")),
            ("companyInformation.address", text("12 Wharf Approach")),
            ("companyInformation.address2", text("Granary Wharf")), ("companyInformation.postCode", text("LS1 4BR")),
            ("companyInformation.city", text("Leeds")), ("companyInformation.phoneNo", text("+44 113 496 0100")),
            ("companyInformation.email", text("info@\(DemoCatalog.ownDomain)")),
            ("companyInformation.vatRegistrationNo", text("GB 123 4567 89")), ("timeZone", text("Europe/London")),
            ("phoneCallTemplateCode", text("PHONE")),
        ])
    }

    private static func text(_ value: String) -> FieldInput {
        .string(value)
    }

    private static func optionalText(_ value: String?) -> FieldInput {
        value.map(FieldInput.string) ?? .null
    }
}
