import RapportCore

/// Loads the merge fields of segment lines and log entries: one query for many rows, joined to the
/// contact, its company, the salesperson, the salutation formula and the company information.
enum MergeData {
    /// Lines of a segment (all, or one) with their merge fields, in line order.
    static func lines(
        segmentNo: String, lineNo: Int64? = nil, _ connection: any SQLConnection
    ) throws
        -> [(lineNo: Int64, fields: MergeFields, row: SQLRow)]
    {
        var sql = linesQuery + " WHERE s.segment_no = ?"
        var binds: [SQLValue] = [.text(segmentNo)]
        if let lineNo {
            sql += " AND s.line_no = ?"
            binds.append(.integer(lineNo))
        }
        return try connection.query(sql + " ORDER BY s.line_no", binds).map { ($0.int("key_no"), fields($0), $0) }
    }

    /// Up to `limit` lines of a segment after line `afterLineNo`, with their merge fields, in line order.
    static func lines(
        segmentNo: String, after afterLineNo: Int64, limit: Int, _ connection: any SQLConnection
    ) throws
        -> [(lineNo: Int64, fields: MergeFields, row: SQLRow)]
    {
        try connection.query(
            linesQuery + " WHERE s.segment_no = ? AND s.line_no > ? ORDER BY s.line_no LIMIT ?",
            [.text(segmentNo), .integer(afterLineNo), .integer(Int64(limit))]
        ).map { ($0.int("key_no"), fields($0), $0) }
    }

    static let linesQuery = query(
        source: """
            FROM segment_line s JOIN segment_header h ON h.no = s.segment_no
            """, date: "s.date", description: "s.description", subject: "s.subject", entryNo: "s.line_no")

    /// Entries (all of a logged segment, or one) with their merge fields, in entry order.
    static func entries(
        loggedSegment: Int64?, entryNo: Int64?, _ connection: any SQLConnection
    ) throws
        -> [(entryNo: Int64, fields: MergeFields, row: SQLRow)]
    {
        var sql = query(
            source: "FROM interaction_log_entry s", date: "s.date", description: "s.description",
            subject: "s.subject", entryNo: "s.entry_no", language: "s.interaction_language_code")
        var binds: [SQLValue] = []
        if let loggedSegment {
            sql += " WHERE s.logged_segment_entry_no = ?"
            binds.append(.integer(loggedSegment))
        } else {
            sql += " WHERE s.entry_no = ?"
            binds.append(.integer(entryNo ?? 0))
        }
        return try connection.query(sql + " ORDER BY s.entry_no", binds).map { ($0.int("key_no"), fields($0), $0) }
    }

    static func query(
        source: String, date: String, description: String, subject: String, entryNo: String,
        language: String = "s.language_code", columns: String? = nil
    ) -> String {
        """
        SELECT \(entryNo) AS key_no, s.segment_no, s.campaign_no, \(date) AS doc_date, \(description) AS doc_description,
          \(subject) AS doc_subject, s.correspondence_type, s.interaction_template_code, \(language) AS doc_language,
          t.no, t.type, t.name, t.first_name, t.middle_name, t.surname, t.job_title, t.address, t.address2,
          t.post_code, t.city, t.county, t.country_region_code, t.phone_no, t.mobile_phone_no, t.email,
          t.language_code, co.name AS company_name,
          sp.code AS sp_code, sp.name AS sp_name, sp.job_title AS sp_job_title, sp.phone_no AS sp_phone_no,
          sp.email AS sp_email,
          COALESCE((SELECT f.formal FROM salutation_formula f WHERE f.salutation_code = t.salutation_code
                    AND f.language_code = COALESCE(t.language_code, '')),
                   (SELECT f.formal FROM salutation_formula f WHERE f.salutation_code = t.salutation_code
                    AND f.language_code = ''), '') AS formal,
          COALESCE((SELECT f.informal FROM salutation_formula f WHERE f.salutation_code = t.salutation_code
                    AND f.language_code = COALESCE(t.language_code, '')),
                   (SELECT f.informal FROM salutation_formula f WHERE f.salutation_code = t.salutation_code
                    AND f.language_code = ''), '') AS informal,
          ci.company_information_name, ci.company_information_address, ci.company_information_address2,
          ci.company_information_post_code, ci.company_information_city, ci.company_information_phone_no,
          ci.company_information_email, ci.company_information_vat_registration_no\(columns.map { ",\n  " + $0 } ?? "")
        \(source)
        JOIN contact t ON t.no = s.contact_no
        LEFT JOIN contact co ON co.no = t.company_no
        LEFT JOIN salesperson sp ON sp.code = s.salesperson_code
        JOIN setup ci ON ci.id = 1
        """
    }

    static func fields(_ row: SQLRow) -> MergeFields {
        var fields = fields { row.text($0) }
        fields.document.entryNo = String(row.int("key_no"))
        return fields
    }

    /// The merge fields from values by the column names of `query` (a row, or a frozen `MergeSnapshot`).
    static func fields(_ value: (String) -> String) -> MergeFields {
        var fields = MergeFields()
        fields.contact.no = value("no")
        fields.contact.type = value("type")
        fields.contact.name = value("name")
        fields.contact.companyName = value("type") == "company" ? value("name") : value("company_name")
        fields.contact.firstName = value("first_name")
        fields.contact.middleName = value("middle_name")
        fields.contact.surname = value("surname")
        fields.contact.jobTitle = value("job_title")
        fields.contact.address = value("address")
        fields.contact.address2 = value("address2")
        fields.contact.postCode = value("post_code")
        fields.contact.city = value("city")
        fields.contact.county = value("county")
        fields.contact.countryRegionCode = value("country_region_code")
        fields.contact.phoneNo = value("phone_no")
        fields.contact.mobilePhoneNo = value("mobile_phone_no")
        fields.contact.email = value("email")
        fields.contact.languageCode = value("language_code")
        fields.salesperson.code = value("sp_code")
        fields.salesperson.name = value("sp_name")
        fields.salesperson.jobTitle = value("sp_job_title")
        fields.salesperson.phoneNo = value("sp_phone_no")
        fields.salesperson.email = value("sp_email")
        fields.salutation.formal = value("formal")
        fields.salutation.informal = value("informal")
        fields.document.date = value("doc_date")
        fields.document.description = value("doc_description")
        fields.document.subject = value("doc_subject")
        fields.document.segmentNo = value("segment_no")
        fields.document.campaignNo = value("campaign_no")
        fields.company.name = value("company_information_name")
        fields.company.address = value("company_information_address")
        fields.company.address2 = value("company_information_address2")
        fields.company.postCode = value("company_information_post_code")
        fields.company.city = value("company_information_city")
        fields.company.phoneNo = value("company_information_phone_no")
        fields.company.email = value("company_information_email")
        fields.company.vatRegistrationNo = value("company_information_vat_registration_no")
        return fields
    }
}
