/// The master-data resources of the API, described once: the store, the API controllers and the
/// OpenAPI document are all driven by these descriptions.
public enum Catalog {
    // MARK: - Reference targets

    public static let salespersonTarget = ReferenceTarget(table: "salesperson", label: "salesperson", maxLength: 20)
    public static let languageTarget = ReferenceTarget(table: "language", label: "language")
    public static let territoryTarget = ReferenceTarget(table: "territory", label: "territory", maxLength: 20)
    public static let salutationTarget = ReferenceTarget(table: "salutation", label: "salutation")
    public static let campaignTarget = ReferenceTarget(
        table: "campaign", keyColumn: "no", label: "campaign", maxLength: 20)
    public static let interactionGroupTarget = ReferenceTarget(table: "interaction_group", label: "interaction group")
    public static let numberSeriesTarget = ReferenceTarget(
        table: "number_series", label: "number series", maxLength: 20)
    public static let mailingGroupTarget = ReferenceTarget(table: "mailing_group", label: "mailing group")
    public static let industryGroupTarget = ReferenceTarget(table: "industry_group", label: "industry group")
    public static let jobResponsibilityTarget = ReferenceTarget(
        table: "job_responsibility", label: "job responsibility")
    public static let businessRelationTarget = ReferenceTarget(table: "business_relation", label: "business relation")

    public static let informationFlows = InformationFlow.allCases.map(\.rawValue)
    public static let initiators = Initiator.allCases.map(\.rawValue)
    public static let correspondenceTypes = CorrespondenceType.allCases.map(\.rawValue)

    // MARK: - Resources

    public static let numberSeries = ResourceSpec(
        path: "number-series", label: "number series", table: "number_series",
        fields: [
            FieldSpec("code", .code(maxLength: 20), required: true),
            FieldSpec("description", .text(maxLength: 250)),
            FieldSpec("startingNo", .code(maxLength: 20)),
            FieldSpec("lastNoUsed", .code(maxLength: 20)),
            FieldSpec("allowManualNos", .boolean),
        ])

    public static let salespeople = ResourceSpec(
        path: "salespeople", label: "salesperson", table: "salesperson",
        fields: [
            FieldSpec("code", .code(maxLength: 20), required: true),
            FieldSpec("name", .text(maxLength: 250)),
            FieldSpec("email", .text(maxLength: 250)),
            FieldSpec("phoneNo", .text(maxLength: 30)),
            FieldSpec("jobTitle", .text(maxLength: 250)),
            FieldSpec("blocked", .boolean),
        ])

    public static let campaigns = ResourceSpec(
        path: "campaigns", label: "campaign", table: "campaign", keyName: "no",
        fields: [
            FieldSpec("no", .code(maxLength: 20), required: true),
            FieldSpec("description", .text(maxLength: 250)),
            FieldSpec("startingDate", .date),
            FieldSpec("endingDate", .date),
            FieldSpec("salespersonCode", .reference(salespersonTarget)),
        ])

    public static let languages = ResourceSpec(
        path: "languages", label: "language", table: "language",
        fields: [
            FieldSpec("code", .code(maxLength: 10), required: true),
            FieldSpec("name", .text(maxLength: 250)),
        ])

    /// The `{code, description}` resources: one shape, one implementation.
    public static let codeLists: [ResourceSpec] = [
        codeList("mailing-groups", "mailing group", "mailing_group"),
        codeList("industry-groups", "industry group", "industry_group"),
        codeList("job-responsibilities", "job responsibility", "job_responsibility"),
        codeList("business-relations", "business relation", "business_relation"),
        codeList("interaction-groups", "interaction group", "interaction_group"),
        codeList("territories", "territory", "territory", maxLength: 20),
    ]

    static func codeList(_ path: String, _ label: String, _ table: String, maxLength: Int = 10) -> ResourceSpec {
        ResourceSpec(
            path: path, label: label, table: table,
            fields: [
                FieldSpec("code", .code(maxLength: maxLength), required: true),
                FieldSpec("description", .text(maxLength: 250)),
            ])
    }

    public static let salutations = ResourceSpec(
        path: "salutations", label: "salutation", table: "salutation",
        fields: [
            FieldSpec("code", .code(maxLength: 10), required: true),
            FieldSpec("description", .text(maxLength: 250)),
            FieldSpec(
                "formulas",
                .children(
                    ChildCollection(
                        table: "salutation_formula", ownerColumn: "salutation_code",
                        fields: [
                            FieldSpec("languageCode", .code(maxLength: 10)),
                            FieldSpec("formal", .text(maxLength: 250)),
                            FieldSpec("informal", .text(maxLength: 250)),
                        ],
                        orderBy: ["languageCode"], uniqueFields: ["languageCode"])),
                summary: "Formulas per language; a blank languageCode applies to any language."),
        ])

    public static let profileQuestionnaires = ResourceSpec(
        path: "profile-questionnaires", label: "profile questionnaire", table: "profile_questionnaire",
        fields: [
            FieldSpec("code", .code(maxLength: 10), required: true),
            FieldSpec("description", .text(maxLength: 250)),
            FieldSpec(
                "lines",
                .children(
                    ChildCollection(
                        table: "profile_questionnaire_line", ownerColumn: "questionnaire_code",
                        fields: [
                            FieldSpec("lineNo", .integer, required: true),
                            FieldSpec("type", .enumeration(["question", "answer"]), required: true),
                            FieldSpec("description", .text(maxLength: 250)),
                        ],
                        orderBy: ["lineNo"], uniqueFields: ["lineNo"]))),
        ])

    public static let interactionTemplates = ResourceSpec(
        path: "interaction-templates", label: "interaction template", table: "interaction_template",
        fields: [
            FieldSpec("code", .code(maxLength: 10), required: true),
            FieldSpec("interactionGroupCode", .reference(interactionGroupTarget)),
            FieldSpec("description", .text(maxLength: 250)),
            FieldSpec("unitCost", .decimal),
            FieldSpec("unitDuration", .decimal),
            FieldSpec("informationFlow", .enumeration(informationFlows)),
            FieldSpec("initiatedBy", .enumeration(initiators)),
            FieldSpec(
                "correspondenceTypeDefault", .enumeration(correspondenceTypes),
                default: .text(CorrespondenceType.email.rawValue)),
            FieldSpec("ignoreContactCorrespondenceType", .boolean),
            FieldSpec("languageCodeDefault", .reference(languageTarget)),
            FieldSpec("campaignNo", .reference(campaignTarget)),
            FieldSpec("campaignTarget", .boolean),
            FieldSpec("campaignResponse", .boolean),
            FieldSpec(
                "languages",
                .children(
                    ChildCollection(
                        table: "interaction_template_language", ownerColumn: "template_code",
                        fields: [
                            FieldSpec("languageCode", .code(maxLength: 10)),
                            FieldSpec("description", .text(maxLength: 250)),
                            FieldSpec(
                                "hasDocument", .boolean, access: .computed),
                            FieldSpec(
                                "hasEmailBody", .boolean, access: .computed),
                        ],
                        orderBy: ["languageCode"], uniqueFields: ["languageCode"])),
                access: .readOnly,
                summary: "Set through PUT /interaction-templates/{code}/languages/{languageCode}."),
        ])

    /// Every generic master-data resource (contacts, setup and users have their own endpoints).
    public static let masterData: [ResourceSpec] =
        [numberSeries, salespeople, campaigns, languages] + codeLists
        + [salutations, profileQuestionnaires, interactionTemplates]
}
