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
        language: String = "s.language_code"
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
          ci.company_information_email, ci.company_information_vat_registration_no
        \(source)
        JOIN contact t ON t.no = s.contact_no
        LEFT JOIN contact co ON co.no = t.company_no
        LEFT JOIN salesperson sp ON sp.code = s.salesperson_code
        JOIN setup ci ON ci.id = 1
        """
    }

    static func fields(_ row: SQLRow) -> MergeFields {
        var fields = MergeFields()
        fields.contact.no = row.text("no")
        fields.contact.type = row.text("type")
        fields.contact.name = row.text("name")
        fields.contact.companyName = row.text("type") == "company" ? row.text("name") : row.text("company_name")
        fields.contact.firstName = row.text("first_name")
        fields.contact.middleName = row.text("middle_name")
        fields.contact.surname = row.text("surname")
        fields.contact.jobTitle = row.text("job_title")
        fields.contact.address = row.text("address")
        fields.contact.address2 = row.text("address2")
        fields.contact.postCode = row.text("post_code")
        fields.contact.city = row.text("city")
        fields.contact.county = row.text("county")
        fields.contact.countryRegionCode = row.text("country_region_code")
        fields.contact.phoneNo = row.text("phone_no")
        fields.contact.mobilePhoneNo = row.text("mobile_phone_no")
        fields.contact.email = row.text("email")
        fields.contact.languageCode = row.text("language_code")
        fields.salesperson.code = row.text("sp_code")
        fields.salesperson.name = row.text("sp_name")
        fields.salesperson.jobTitle = row.text("sp_job_title")
        fields.salesperson.phoneNo = row.text("sp_phone_no")
        fields.salesperson.email = row.text("sp_email")
        fields.salutation.formal = row.text("formal")
        fields.salutation.informal = row.text("informal")
        fields.document.date = row.text("doc_date")
        fields.document.description = row.text("doc_description")
        fields.document.subject = row.text("doc_subject")
        fields.document.segmentNo = row.text("segment_no")
        fields.document.campaignNo = row.text("campaign_no")
        fields.document.entryNo = String(row.int("key_no"))
        fields.company.name = row.text("company_information_name")
        fields.company.address = row.text("company_information_address")
        fields.company.address2 = row.text("company_information_address2")
        fields.company.postCode = row.text("company_information_post_code")
        fields.company.city = row.text("company_information_city")
        fields.company.phoneNo = row.text("company_information_phone_no")
        fields.company.email = row.text("company_information_email")
        fields.company.vatRegistrationNo = row.text("company_information_vat_registration_no")
        return fields
    }
}
