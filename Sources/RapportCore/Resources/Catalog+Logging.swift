extension Catalog {
    public static let deliveryStatuses = DeliveryStatus.allCases.map(\.rawValue)

    /// The header's interaction fields a logged segment keeps, so a follow-up can copy them.
    public static let loggedInteractionFields: [(name: String, kind: FieldKind, column: String)] = [
        ("interactionTemplateCode", .code(maxLength: 10), "interaction_template_code"),
        ("languageCodeDefault", .code(maxLength: 10), "language_code_default"),
        ("subjectDefault", .text(maxLength: 250), "subject_default"),
        ("correspondenceTypeDefault", .enumeration(correspondenceTypes), "correspondence_type_default"),
        ("ignoreContactCorrespondenceType", .boolean, "ignore_contact_correspondence_type"),
        ("informationFlow", .enumeration(informationFlows), "information_flow"),
        ("initiatedBy", .enumeration(initiators), "initiated_by"),
        ("unitCost", .decimal, "unit_cost"),
        ("unitDuration", .decimal, "unit_duration"),
        ("sendWordDocsAsAttachment", .boolean, "send_word_docs_as_attachment"),
        ("campaignNo", .code(maxLength: 20), "campaign_no"),
        ("campaignTarget", .boolean, "campaign_target"),
        ("campaignResponse", .boolean, "campaign_response"),
    ]

    /// A logged segment (BC table 5075), with the header's interaction fields and delivery counts.
    public static let loggedSegments = ResourceSpec(
        path: "logged-segments", label: "logged segment", table: "logged_segment", keyName: "entryNo",
        fields: [
            FieldSpec("entryNo", .integer, access: .readOnly),
            FieldSpec("segmentNo", .code(maxLength: 20), access: .readOnly),
            FieldSpec("description", .text(maxLength: 250), access: .readOnly),
            FieldSpec(
                "noOfInteractions", .integer,
                access: .computed),
            FieldSpec(
                "noOfCampaignEntries", .integer,
                access: .computed),
            FieldSpec("creationDate", .date, access: .readOnly),
            FieldSpec("userId", .code(maxLength: 50), access: .readOnly),
            FieldSpec("canceled", .boolean, access: .readOnly),
        ]
            + loggedInteractionFields.map {
                FieldSpec("interaction.\($0.name)", column: $0.column, $0.kind, access: .readOnly)
            }
            + deliveryStatuses.map { status in
                FieldSpec(
                    "deliveries.\(status)", .integer,
                    access: .computed)
            } + pacingFields)

    /// A logged segment's scheduled start, skipped deliveries and the progress of its e-mails. The read-only
    /// date-times are `.code` fields so that unset reads as null (blank text would read as "").
    static let pacingFields: [FieldSpec] = [
        FieldSpec(
            "deliveries.skipped", .integer, access: .computed,
            summary: "Entries not sent: the contact was excluded or the address bounced hard (reason on the entry)."),
        FieldSpec(
            "deliveries.sendAt", column: "send_at", .code(maxLength: 40), access: .readOnly,
            summary: "The scheduled start given at Log (ISO date-time), null when sent at once."),
        FieldSpec(
            "deliveries.next", .code(maxLength: 40), access: .computed,
            summary: "When the next e-mail may go (ISO date-time); null when none is pending."),
        FieldSpec(
            "deliveries.estimatedFinish", .code(maxLength: 40), access: .computed,
            summary: "When the last pending e-mail should have gone, at the rate limits' pace."),
    ]

    /// An interaction log entry (BC table 5065): one per contact of a logged segment.
    public static let interactionLogEntries = ResourceSpec(
        path: "interaction-log-entries", label: "interaction log entry", table: "interaction_log_entry",
        keyName: "entryNo",
        fields: [
            FieldSpec("entryNo", .integer, access: .readOnly),
            FieldSpec("contactNo", .code(maxLength: 20), access: .readOnly),
            FieldSpec("contactCompanyNo", .code(maxLength: 20), access: .readOnly),
            FieldSpec("date", .date, access: .readOnly),
            FieldSpec("description", .text(maxLength: 250), access: .readOnly),
            FieldSpec("subject", .text(maxLength: 250), access: .readOnly),
            FieldSpec("informationFlow", .enumeration(informationFlows), access: .readOnly),
            FieldSpec("initiatedBy", .enumeration(initiators), access: .readOnly),
            FieldSpec("cost", .decimal, access: .readOnly),
            FieldSpec("duration", .decimal, access: .readOnly),
            FieldSpec("userId", .code(maxLength: 50), access: .readOnly),
            FieldSpec("interactionGroupCode", .code(maxLength: 10), access: .readOnly),
            FieldSpec("interactionTemplateCode", .code(maxLength: 10), access: .readOnly),
            FieldSpec("interactionLanguageCode", .code(maxLength: 10), access: .readOnly),
            FieldSpec("campaignNo", .code(maxLength: 20), access: .readOnly),
            FieldSpec("campaignEntryNo", .integer, access: .readOnly),
            FieldSpec("campaignTarget", .boolean, access: .readOnly),
            FieldSpec("campaignResponse", .boolean, access: .readOnly),
            FieldSpec("segmentNo", .code(maxLength: 20), access: .readOnly),
            FieldSpec("loggedSegmentEntryNo", .integer, access: .readOnly),
            FieldSpec("evaluation", .enumeration(evaluations), access: .readOnly),
            FieldSpec("salespersonCode", .code(maxLength: 20), access: .readOnly),
            FieldSpec("correspondenceType", .enumeration(correspondenceTypes), access: .readOnly),
            FieldSpec("deliveryStatus", .enumeration(deliveryStatuses), access: .readOnly),
            FieldSpec("deliveryError", .text(maxLength: 10_000), access: .readOnly),
            FieldSpec(
                "deliverySkipReason", .code(maxLength: 1_000), access: .readOnly,
                summary:
                    "(Null when unset.) Why the e-mail was not sent (contact excluded, address bounced hard); null otherwise."
            ),
            FieldSpec("canceled", .boolean, access: .readOnly),
            FieldSpec("hasDocument", .boolean, access: .readOnly),
            FieldSpec(
                "documentSha256", column: "document_sha256", .text(maxLength: 64), access: .readOnly,
                summary: "The SHA-256 (hex) of the source document frozen at Log; null without one."),
            FieldSpec(
                "title", .text(maxLength: 250), access: .computed,
                summary: "The subject, or the description when the subject is blank (the document and e-mail title)."),
            FieldSpec("timeOfInteraction", .text(maxLength: 5), access: .readOnly, summary: "HH:MM, or blank."),
            FieldSpec("attemptFailed", .boolean, access: .readOnly),
            FieldSpec(
                "contactVia", .text(maxLength: 250), access: .readOnly, summary: "The phone number or e-mail used."),
            FieldSpec(
                "comments",
                .children(
                    ChildCollection(
                        table: "interaction_comment", ownerColumn: "entry_no",
                        fields: [
                            FieldSpec("lineNo", .integer, required: true), FieldSpec("text", .text(maxLength: 250)),
                            FieldSpec("userId", .code(maxLength: 50)), FieldSpec("date", .date),
                        ],
                        orderBy: ["lineNo"], uniqueFields: ["lineNo"])),
                access: .readOnly, summary: "Comment lines; PATCH comments with a list of texts."),
            FieldSpec("modifiedBy", .code(maxLength: 50), access: .readOnly),
            FieldSpec("modifiedAt", .text(maxLength: 40), access: .readOnly),
        ])

    /// A campaign entry (BC table 5072): one per campaign per logged segment.
    public static let campaignEntries = ResourceSpec(
        path: "campaign-entries", label: "campaign entry", table: "campaign_entry", keyName: "entryNo",
        fields: [
            FieldSpec("entryNo", .integer, access: .readOnly),
            FieldSpec("campaignNo", .code(maxLength: 20), access: .readOnly),
            FieldSpec("description", .text(maxLength: 250), access: .readOnly),
            FieldSpec("date", .date, access: .readOnly),
            FieldSpec("segmentNo", .code(maxLength: 20), access: .readOnly),
            FieldSpec("registerNo", .integer, access: .readOnly),
            FieldSpec("salespersonCode", .code(maxLength: 20), access: .readOnly),
            FieldSpec("userId", .code(maxLength: 50), access: .readOnly),
            FieldSpec("canceled", .boolean, access: .readOnly),
            FieldSpec("modifiedBy", .code(maxLength: 50), access: .readOnly),
            FieldSpec("modifiedAt", .text(maxLength: 40), access: .readOnly),
        ])
}
