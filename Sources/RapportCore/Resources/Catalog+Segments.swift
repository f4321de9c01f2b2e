extension Catalog {
    public static let evaluations = Evaluation.allCases.map(\.rawValue)
    /// A segment's kinds: static (BC's) or dynamic (living).
    public static let segmentKinds = ["static", "dynamic"]
    public static let templateTarget = ReferenceTarget(table: "interaction_template", label: "interaction template")

    /// A segment header: the worksheet's interaction defaults and live totals (BC table 5076).
    public static let segments = ResourceSpec(
        path: "segments", label: "segment", table: "segment_header", keyName: "no",
        fields: [
            FieldSpec("no", .code(maxLength: 20), summary: "From setup.segmentNos when left out."),
            FieldSpec("description", .text(maxLength: 250)),
            FieldSpec(
                "salespersonCode", .reference(salespersonTarget),
                summary: "Defaults to the acting user's salesperson."),
            FieldSpec("date", .date, summary: "Defaults to today in the configured time zone."),
            FieldSpec(
                "interactionTemplateCode", .reference(templateTarget),
                summary: "Choosing a template copies its fields onto the header."),
            FieldSpec("interactionGroupCode", .reference(interactionGroupTarget), access: .readOnly),
            FieldSpec("languageCodeDefault", .reference(languageTarget)),
            FieldSpec("subjectDefault", .text(maxLength: 250)),
            FieldSpec("correspondenceTypeDefault", .enumeration(correspondenceTypes)),
            FieldSpec("ignoreContactCorrespondenceType", .boolean),
            FieldSpec("informationFlow", .enumeration(informationFlows)),
            FieldSpec("initiatedBy", .enumeration(initiators)),
            FieldSpec("unitCost", .decimal),
            FieldSpec("unitDuration", .decimal),
            FieldSpec("sendWordDocsAsAttachment", .boolean),
            FieldSpec("campaignNo", .reference(campaignTarget)),
            FieldSpec("campaignTarget", .boolean),
            FieldSpec("campaignResponse", .boolean),
            FieldSpec(
                "kind", .enumeration(segmentKinds), default: .text("static"),
                summary: "static: lines change only by hand and criteria actions; dynamic: the criteria are replayed "
                    + "so membership follows the data."),
            FieldSpec(
                "freshnessSeconds", .integer, default: .null,
                summary: "Dynamic only: the most a dynamic segment may lag behind the data, at least 10 seconds."),
            FieldSpec("lastRefreshedAt", .text(maxLength: 40), access: .readOnly, default: .null),
            FieldSpec("lastRefreshMs", .integer, access: .readOnly, default: .null),
            FieldSpec("nextRefreshAt", .text(maxLength: 40), access: .readOnly, default: .null),
            FieldSpec(
                "noOfLines", .integer,
                access: .computed),
            FieldSpec(
                "noOfCriteriaActions", .integer,
                access: .computed),
            FieldSpec(
                "costTotal", .decimal,
                access: .computed),
            FieldSpec(
                "durationTotal", .decimal,
                access: .computed),
        ])

    /// A segment line: one contact with its interaction, overridable per line (BC table 5077).
    /// The contact's name, company and channels are read live from the contact.
    public static let segmentLines = ResourceSpec(
        path: "lines", label: "segment line", table: "segment_line", keyName: "lineNo",
        fields: [
            FieldSpec("lineNo", .integer, access: .readOnly),
            FieldSpec("contactNo", .code(maxLength: 20), required: true),
            FieldSpec(
                "contactName", .text(maxLength: 10_000),
                access: .computed),
            FieldSpec("contactCompanyNo", .code(maxLength: 20), access: .readOnly),
            FieldSpec(
                "contactCompanyName", .text(maxLength: 10_000),
                access: .computed),
            FieldSpec(
                "contactPhoneNo", .text(maxLength: 30),
                access: .computed),
            FieldSpec(
                "contactMobilePhoneNo", .text(maxLength: 30),
                access: .computed),
            FieldSpec(
                "contactEmail", .text(maxLength: 250),
                access: .computed),
            FieldSpec("salespersonCode", .reference(salespersonTarget)),
            FieldSpec("date", .date),
            FieldSpec("description", .text(maxLength: 250)),
            FieldSpec("subject", .text(maxLength: 250)),
            FieldSpec("interactionTemplateCode", .reference(templateTarget)),
            FieldSpec("interactionGroupCode", .reference(interactionGroupTarget)),
            FieldSpec("languageCode", .reference(languageTarget)),
            FieldSpec("correspondenceType", .enumeration(correspondenceTypes)),
            FieldSpec("informationFlow", .enumeration(informationFlows)),
            FieldSpec("initiatedBy", .enumeration(initiators)),
            FieldSpec("cost", .decimal),
            FieldSpec("duration", .decimal),
            FieldSpec("evaluation", .enumeration(evaluations)),
            FieldSpec("campaignNo", .reference(campaignTarget)),
            FieldSpec("campaignTarget", .boolean),
            FieldSpec("campaignResponse", .boolean),
            FieldSpec("sendWordDocAsAttachment", .boolean),
            FieldSpec(
                "document", .enumeration(["inherited", "unique"]),
                access: .computed),
            FieldSpec("addedByActionNo", .integer, access: .readOnly),
        ])
}
