/// The primary and foreign keys and secondary indexes of the contact tables on PostgreSQL, written out as the migrations made
/// them (0002, 0016, 0018, 0020, 0021), so that a first import can drop them and make them again exactly
/// (`DeferredSchema`). Literal on purpose, never read back from the catalogue: what is re-created is what the
/// migrations say, and `ContactImportSchemaTests` compares the catalogue before and after an import. A migration
/// that changes one of these tables changes this list too (the test fails until it does, and meanwhile
/// `DeferredSchema` sees the difference and keeps the row-by-row path).
enum ContactTablesPostgresSchema {
    static let contact = DeferrableSchema(
        table: "contact", primaryKey: ("contact_pkey", "PRIMARY KEY (no)"), rebuildsPrimaryKey: false,
        foreignKeys: [
            ("contact_company_no_fkey", "FOREIGN KEY (company_no) REFERENCES contact (no)"),
            ("contact_language_code_fkey", "FOREIGN KEY (language_code) REFERENCES language (code)"),
            ("contact_salesperson_code_fkey", "FOREIGN KEY (salesperson_code) REFERENCES salesperson (code)"),
            ("contact_territory_code_fkey", "FOREIGN KEY (territory_code) REFERENCES territory (code)"),
            ("contact_salutation_code_fkey", "FOREIGN KEY (salutation_code) REFERENCES salutation (code)"),
        ],
        indexes: [
            ("contact_company", "CREATE INDEX contact_company ON contact (company_no)"),
            ("contact_salesperson", "CREATE INDEX contact_salesperson ON contact (salesperson_code, company_no, no)"),
            ("contact_post_code", "CREATE INDEX contact_post_code ON contact (post_code, no)"),
            ("contact_territory", "CREATE INDEX contact_territory ON contact (territory_code, company_no, no)"),
            ("contact_city", "CREATE INDEX contact_city ON contact (city, no)"),
            ("contact_name_fold", "CREATE INDEX contact_name_fold ON contact (name_fold)"),
            ("contact_change", "CREATE INDEX contact_change ON contact (change_no)"),
            (
                "contact_excluded",
                "CREATE INDEX contact_excluded ON contact (no, exclude_from_segment) WHERE exclude_from_segment = 1"
            ),
        ])

    static let mailingGroup = DeferrableSchema(
        table: "contact_mailing_group", primaryKey: ("contact_mailing_group_pkey", "PRIMARY KEY (contact_no, code)"),
        rebuildsPrimaryKey: true,
        foreignKeys: [
            (
                "contact_mailing_group_contact_no_fkey",
                "FOREIGN KEY (contact_no) REFERENCES contact (no) ON DELETE CASCADE"
            ),
            ("contact_mailing_group_code_fkey", "FOREIGN KEY (code) REFERENCES mailing_group (code)"),
        ],
        indexes: [
            (
                "contact_mailing_group_code",
                "CREATE INDEX contact_mailing_group_code ON contact_mailing_group (code, contact_no)"
            ),
            (
                "contact_mailing_group_change",
                "CREATE INDEX contact_mailing_group_change ON contact_mailing_group (change_no)"
            ),
        ])

    static let industryGroup = DeferrableSchema(
        table: "contact_industry_group", primaryKey: ("contact_industry_group_pkey", "PRIMARY KEY (contact_no, code)"),
        rebuildsPrimaryKey: true,
        foreignKeys: [
            (
                "contact_industry_group_contact_no_fkey",
                "FOREIGN KEY (contact_no) REFERENCES contact (no) ON DELETE CASCADE"
            ),
            ("contact_industry_group_code_fkey", "FOREIGN KEY (code) REFERENCES industry_group (code)"),
        ],
        indexes: [
            (
                "contact_industry_group_code",
                "CREATE INDEX contact_industry_group_code ON contact_industry_group (code, contact_no)"
            ),
            (
                "contact_industry_group_change",
                "CREATE INDEX contact_industry_group_change ON contact_industry_group (change_no)"
            ),
        ])

    static let businessRelation = DeferrableSchema(
        table: "contact_business_relation",
        primaryKey: ("contact_business_relation_pkey", "PRIMARY KEY (contact_no, code)"),
        rebuildsPrimaryKey: true,
        foreignKeys: [
            (
                "contact_business_relation_contact_no_fkey",
                "FOREIGN KEY (contact_no) REFERENCES contact (no) ON DELETE CASCADE"
            ),
            ("contact_business_relation_code_fkey", "FOREIGN KEY (code) REFERENCES business_relation (code)"),
        ],
        indexes: [
            (
                "contact_business_relation_code",
                "CREATE INDEX contact_business_relation_code ON contact_business_relation (code, contact_no)"
            ),
            (
                "contact_business_relation_change",
                "CREATE INDEX contact_business_relation_change ON contact_business_relation (change_no)"
            ),
        ])

    static let jobResponsibility = DeferrableSchema(
        table: "contact_job_responsibility",
        primaryKey: ("contact_job_responsibility_pkey", "PRIMARY KEY (contact_no, code)"),
        rebuildsPrimaryKey: true,
        foreignKeys: [
            (
                "contact_job_responsibility_contact_no_fkey",
                "FOREIGN KEY (contact_no) REFERENCES contact (no) ON DELETE CASCADE"
            ),
            ("contact_job_responsibility_code_fkey", "FOREIGN KEY (code) REFERENCES job_responsibility (code)"),
        ],
        indexes: [
            (
                "contact_job_responsibility_code",
                "CREATE INDEX contact_job_responsibility_code ON contact_job_responsibility (code, contact_no)"
            ),
            (
                "contact_job_responsibility_change",
                "CREATE INDEX contact_job_responsibility_change ON contact_job_responsibility (change_no)"
            ),
        ])

    static let profileAnswer = DeferrableSchema(
        table: "contact_profile_answer",
        primaryKey: ("contact_profile_answer_pkey", "PRIMARY KEY (contact_no, questionnaire_code, line_no)"),
        rebuildsPrimaryKey: true,
        foreignKeys: [
            (
                "contact_profile_answer_contact_no_fkey",
                "FOREIGN KEY (contact_no) REFERENCES contact (no) ON DELETE CASCADE"
            ),
            (
                "contact_profile_answer_questionnaire_code_line_no_fkey",
                "FOREIGN KEY (questionnaire_code, line_no) "
                    + "REFERENCES profile_questionnaire_line (questionnaire_code, line_no)"
            ),
        ],
        indexes: [
            (
                "contact_profile_answer_q",
                "CREATE INDEX contact_profile_answer_q ON contact_profile_answer (questionnaire_code, line_no, contact_no)"
            ),
            (
                "contact_profile_answer_change",
                "CREATE INDEX contact_profile_answer_change ON contact_profile_answer (change_no)"
            ),
        ])

    /// Every contact table, the contact table first.
    static let all = [contact, mailingGroup, industryGroup, businessRelation, jobResponsibility, profileAnswer]
}
