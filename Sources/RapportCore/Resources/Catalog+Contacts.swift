extension Catalog {
    public static let contactTypes = ContactType.allCases.map(\.rawValue)

    /// A contact: a company, or a person who may work for one.
    public static let contacts = ResourceSpec(
        path: "contacts", label: "contact", table: "contact", keyName: "no",
        fields: [
            FieldSpec("no", .code(maxLength: 20), summary: "Taken from setup.contactNos when left out."),
            FieldSpec("type", .enumeration(contactTypes), required: true),
            FieldSpec(
                "name", .text(maxLength: 10_000), folded: true,
                summary: "A person without a name gets one built from first, middle and surname."),
            FieldSpec("companyNo", .code(maxLength: 20), summary: "A company's own no; a person's employer."),
            FieldSpec(
                "companyName", .text(maxLength: 10_000),
                access: .computed),
            FieldSpec("firstName", .text(maxLength: 250)),
            FieldSpec("middleName", .text(maxLength: 250)),
            FieldSpec("surname", .text(maxLength: 250)),
            FieldSpec("jobTitle", .text(maxLength: 250), folded: true),
            FieldSpec("address", .text(maxLength: 250)),
            FieldSpec("address2", .text(maxLength: 250)),
            FieldSpec("city", .text(maxLength: 250), folded: true),
            FieldSpec("postCode", .text(maxLength: 20), folded: true),
            FieldSpec("county", .text(maxLength: 250)),
            FieldSpec("countryRegionCode", .code(maxLength: 10)),
            FieldSpec("phoneNo", .text(maxLength: 30)),
            FieldSpec("mobilePhoneNo", .text(maxLength: 30)),
            FieldSpec("email", .text(maxLength: 250)),
            FieldSpec("languageCode", .reference(languageTarget)),
            FieldSpec("salespersonCode", .reference(salespersonTarget)),
            FieldSpec("territoryCode", .reference(territoryTarget)),
            FieldSpec("salutationCode", .reference(salutationTarget)),
            FieldSpec("correspondenceType", .enumeration(correspondenceTypes)),
            FieldSpec("excludeFromSegment", .boolean),
            FieldSpec(
                "mailingGroups",
                .codeList(
                    CodeListLink(
                        table: "contact_mailing_group", ownerColumn: "contact_no", target: mailingGroupTarget))),
            FieldSpec(
                "industryGroups",
                .codeList(
                    CodeListLink(
                        table: "contact_industry_group", ownerColumn: "contact_no", target: industryGroupTarget,
                        filterOwnerColumn: "company_no"))),
            FieldSpec(
                "jobResponsibilities",
                .codeList(
                    CodeListLink(
                        table: "contact_job_responsibility", ownerColumn: "contact_no", target: jobResponsibilityTarget)
                )),
            FieldSpec(
                "businessRelations",
                .codeList(
                    CodeListLink(
                        table: "contact_business_relation", ownerColumn: "contact_no", target: businessRelationTarget,
                        filterOwnerColumn: "company_no"))),
            FieldSpec(
                "profileAnswers",
                .children(
                    ChildCollection(
                        table: "contact_profile_answer", ownerColumn: "contact_no",
                        fields: [
                            FieldSpec("questionnaireCode", .code(maxLength: 10), required: true),
                            FieldSpec("lineNo", .integer, required: true),
                        ],
                        orderBy: ["questionnaireCode", "lineNo"], uniqueFields: ["questionnaireCode", "lineNo"]))),
        ])

    /// Company information, SMTP and numbering: the single setup record.
    public static let setup = ResourceSpec(
        path: "setup", label: "setup", table: "setup", keyName: "id",
        fields: [
            FieldSpec("id", .integer, access: .readOnly),
            FieldSpec("segmentNos", .reference(numberSeriesTarget)),
            FieldSpec("contactNos", .reference(numberSeriesTarget)),
            FieldSpec("companyInformation.name", .text(maxLength: 250)),
            FieldSpec("companyInformation.address", .text(maxLength: 250)),
            FieldSpec("companyInformation.address2", .text(maxLength: 250)),
            FieldSpec("companyInformation.postCode", .text(maxLength: 20)),
            FieldSpec("companyInformation.city", .text(maxLength: 250)),
            FieldSpec("companyInformation.phoneNo", .text(maxLength: 30)),
            FieldSpec("companyInformation.email", .text(maxLength: 250)),
            FieldSpec("companyInformation.vatRegistrationNo", .text(maxLength: 30)),
            FieldSpec("smtp.host", .text(maxLength: 250)),
            FieldSpec("smtp.port", .integer, default: .integer(25)),
            FieldSpec(
                "smtp.security", .enumeration(["none", "startTls", "tls"]), required: true, default: .text("none")),
            FieldSpec("smtp.username", .text(maxLength: 250)),
            FieldSpec("smtp.password", .secret(maxLength: 250), summary: "Write-only; kept unless sent."),
            FieldSpec("smtp.fromAddress", .text(maxLength: 250)),
            FieldSpec(
                "smtp.ratePerMinute", .integer, default: .null,
                summary: "At most this many e-mails a minute, evenly paced (null: unlimited)."),
            FieldSpec(
                "smtp.ratePerHour", .integer, default: .null,
                summary: "At most this many e-mails an hour (null: unlimited)."),
            FieldSpec(
                "smtp.ratePerDay", .integer, default: .null,
                summary: "At most this many e-mails a day (null: unlimited)."),
            FieldSpec("timeZone", .text(maxLength: 64), default: .text("UTC")),
            FieldSpec(
                "phoneCallTemplateCode", .reference(templateTarget),
                summary: "The template Make Phone Call records with (BC's Interaction Template Setup)."),
        ])
}

extension Catalog {
    /// Users of the API and web UI. The password is write-only and stored as a bcrypt hash.
    public static let users = ResourceSpec(
        path: "users", label: "user", table: "app_user", keyName: "userId",
        fields: [
            FieldSpec("userId", .code(maxLength: 50), required: true),
            FieldSpec("role", .enumeration(Role.allCases.map(\.rawValue)), required: true),
            FieldSpec(
                "salespersonCode", .reference(salespersonTarget),
                summary: "The user's default salesperson on new segments."),
            FieldSpec(
                "password", column: "password_hash", .secret(maxLength: 200), default: .text(""),
                summary: "Write-only; for signing in to the web UI."),
            FieldSpec("active", .boolean, default: .integer(1)),
            FieldSpec(
                "hasPassword", .boolean, access: .computed),
        ])
}
