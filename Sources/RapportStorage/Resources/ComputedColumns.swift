import RapportCore

/// The SQL behind the fields `Catalog` marks computed: read live from related rows over the resource's
/// table (alias `t`), or from counters kept in the transaction that writes the rows they summarise, so they can
/// never disagree with them: a logged segment's interactions and deliveries (`LogCounters`), and on PostgreSQL a
/// segment's lines, cost and duration (the triggers of migration 0026). The domain names the fields; only the
/// store knows how they are computed.
enum ComputedColumns {
    /// The expression for `field` of `table`; a computed field with no expression here reads as NULL,
    /// and a test holds every computed field of the catalog to having one.
    static func sql(for field: FieldSpec, in table: String, dialect: SQLDialect) -> String {
        expression(table: table, field: field.name, dialect: dialect) ?? "NULL"
    }

    // swift-format-ignore: LineLength
    static func expression(table: String, field: String, dialect: SQLDialect) -> String? {
        switch (table, field) {
        case ("contact", "companyName"):
            """
            CASE WHEN t.type = 'company' THEN t.name ELSE \
            COALESCE((SELECT co.name FROM contact co WHERE co.no = t.company_no), '') END
            """
        case ("app_user", "hasPassword"): "CASE WHEN t.password_hash <> '' THEN 1 ELSE 0 END"
        case ("segment_header", "noOfLines"): segmentTotal("no_of_lines", "COUNT(*)", dialect)
        case ("segment_header", "noOfCriteriaActions"):
            "(SELECT COUNT(*) FROM segment_criteria_action a WHERE a.segment_no = t.no)"
        case ("segment_header", "costTotal"): segmentTotal("cost_total", "COALESCE(SUM(l.cost), 0)", dialect)
        case ("segment_header", "durationTotal"):
            segmentTotal("duration_total", "COALESCE(SUM(l.duration), 0)", dialect)
        case ("segment_line", "contactName"): contact("name", via: "contact_no")
        case ("segment_line", "contactCompanyName"): contact("name", via: "contact_company_no")
        case ("segment_line", "contactPhoneNo"): contact("phone_no", via: "contact_no")
        case ("segment_line", "contactMobilePhoneNo"): contact("mobile_phone_no", via: "contact_no")
        case ("segment_line", "contactEmail"): contact("email", via: "contact_no")
        case ("segment_line", "document"):
            """
            CASE WHEN EXISTS (SELECT 1 FROM segment_line_document d WHERE d.segment_no = t.segment_no \
            AND d.line_no = t.line_no) THEN 'unique' \
            WHEN EXISTS (SELECT 1 FROM segment_document d WHERE d.segment_no = t.segment_no) \
            OR EXISTS (SELECT 1 FROM template_document d WHERE d.template_code = t.interaction_template_code \
            AND d.language_code = t.language_code) THEN 'inherited' END
            """
        // The logged segment's stored counters (`LogCounters`): its entries that are canceled as it is.
        case ("logged_segment", "noOfInteractions"):
            "CASE WHEN t.canceled = 1 THEN t.entries_canceled ELSE t.entries_open END"
        case ("logged_segment", "noOfCampaignEntries"):
            "(SELECT COUNT(*) FROM campaign_entry c WHERE c.register_no = t.entry_no AND c.canceled = t.canceled)"
        case ("logged_segment", "deliveries.skipped"):
            """
            (SELECT COUNT(*) FROM interaction_log_entry e WHERE e.logged_segment_entry_no = t.entry_no \
            AND e.delivery_skip_reason IS NOT NULL)
            """
        // The progress kept by `DeliveryQueue.refreshProgress`, which runs after the commit that records a batch
        // sent: read beside the pending counter of that commit, so a run with nothing left never shows a next slot.
        case ("logged_segment", "deliveries.next"): "CASE WHEN t.deliveries_pending > 0 THEN t.delivery_next END"
        case ("logged_segment", "deliveries.estimatedFinish"):
            "CASE WHEN t.deliveries_pending > 0 THEN t.delivery_estimated_finish END"
        case ("logged_segment", let name) where name.hasPrefix("deliveries."):
            "t.deliveries_\(name.dropFirst("deliveries.".count))"
        case ("interaction_log_entry", "title"): "CASE WHEN t.subject <> '' THEN t.subject ELSE t.description END"
        case ("interaction_template_language", "hasDocument"): exists("template_document")
        case ("interaction_template_language", "hasEmailBody"): exists("template_email_body")
        default: nil
        }
    }

    /// A segment's number of lines, cost or duration. PostgreSQL keeps them on the header (migration 0026): under
    /// many clients its lists were the database's largest cost, counting a large segment's lines on every read.
    /// SQLite reads its lists fast enough live, and its triggers, which run once per line, made Reduce and Log a
    /// quarter slower; so it computes them from the lines, through the same index as before.
    static func segmentTotal(_ column: String, _ aggregate: String, _ dialect: SQLDialect) -> String {
        switch dialect {
        case .postgres: "t.\(column)"
        case .sqlite: "(SELECT \(aggregate) FROM segment_line l WHERE l.segment_no = t.no)"
        }
    }

    /// The number of lines of segment `key` (0 when there is no such segment), as the segment's `noOfLines` reads
    /// it: the header's counter on PostgreSQL, a count of the lines on SQLite.
    static func noOfLines(_ key: String, _ connection: any SQLConnection) throws -> Int64 {
        try connection.scalar(noOfLinesSQL(connection.dialect), [.text(key)])?.intValue ?? 0
    }

    /// `noOfLines` as a scalar query with the segment's number as its one parameter.
    static func noOfLinesSQL(_ dialect: SQLDialect) -> String {
        "SELECT \(segmentTotal("no_of_lines", "COUNT(*)", dialect)) FROM segment_header t WHERE t.no = ?"
    }

    /// A field of the line's contact, read live.
    static func contact(_ column: String, via lineColumn: String) -> String {
        "COALESCE((SELECT c.\(column) FROM contact c WHERE c.no = t.\(lineColumn)), '')"
    }

    /// Whether a template language entry (alias `t`) has a row in `table` (its document or e-mail body).
    static func exists(_ table: String) -> String {
        "CASE WHEN EXISTS (SELECT 1 FROM \(table) d WHERE d.template_code = t.template_code "
            + "AND d.language_code = t.language_code) THEN 1 ELSE 0 END"
    }
}
