import RapportCore

/// The set logic of Add, Reduce and Refine Contacts (BC §2.2, §2.3) as SQL over sets.
enum ContactSelection {
    /// The contacts an Add Contacts run picks, before or after the exclusion and existing-line checks; with a
    /// `range`, the part of them a split count gives that range (see `SegmentFilterSQL.contactConditions`, also
    /// for `probesCompanies`).
    static func addSelection(
        _ action: CriteriaAction, segmentNo: String, applyChecks: Bool, dialect: SQLDialect,
        within range: ContactNumberRange = .all, probesCompanies: Bool = false
    ) throws(RapportError) -> ContactSelectionSQL {
        let options = action.options
        let expands = options.expandCompanies || options.allowRelatedCompanies
        let conditions = try SegmentFilterSQL.contactConditions(
            action.filters, dialect: dialect, within: expands ? .all : range, probesCompanies: probesCompanies)
        var ctes: [SQLFragment] = []
        var picked: [SQLFragment]
        if expands {
            let selected = SegmentFilterSQL.and(conditions)
            ctes.append(
                SQLFragment(
                    "sel AS (SELECT t.no, t.company_no FROM contact t WHERE \(selected.sql))", selected.binds))
            ctes.append(
                SQLFragment(
                    options.expandCompanies
                        ? "expanded AS (SELECT x.no FROM contact x WHERE x.company_no IN "
                            + "(SELECT company_no FROM sel WHERE company_no IS NOT NULL) "
                            + "UNION SELECT no FROM sel WHERE company_no IS NULL)"
                        : "expanded AS (SELECT no FROM sel)"))
            ctes.append(
                SQLFragment(
                    options.allowRelatedCompanies
                        ? "picked AS (SELECT no FROM expanded UNION SELECT x.company_no FROM contact x "
                            + "WHERE x.no IN (SELECT no FROM expanded) AND x.type = 'person' AND x.company_no IS NOT NULL)"
                        : "picked AS (SELECT no FROM expanded)"))
            picked = [SQLFragment("t.no IN (SELECT no FROM picked)")]
            // An expansion reaches beyond the filter's own companies: its part is cut from the final set.
            if !range.isAll { picked.append(range.condition(on: "t.no")) }
        } else {
            picked = conditions
        }
        if applyChecks {
            picked += checks(options, segmentNo: segmentNo)
        }
        return ContactSelectionSQL(ctes: ctes, condition: SegmentFilterSQL.and(picked))
    }

    /// Exclusion and existing-line checks, which BC applies to the final set, expansions included.
    static func checks(_ options: CriteriaOptions, segmentNo: String) -> [SQLFragment] {
        var checks: [SQLFragment] = []
        if !options.ignoreExclusion { checks.append(SQLFragment("t.exclude_from_segment = 0")) }
        if !options.allowExistingContacts { checks.append(notInSegment(segmentNo)) }
        return checks
    }

    static func notInSegment(_ segmentNo: String) -> SQLFragment {
        SQLFragment(
            "NOT EXISTS (SELECT 1 FROM segment_line s WHERE s.contact_no = t.no AND s.segment_no = ?)",
            [.text(segmentNo)])
    }

    /// A condition on line `l` that holds for the lines Reduce removes and Refine keeps.
    static func matchingLines(
        _ action: CriteriaAction, segmentNo: String, dialect: SQLDialect
    ) throws(RapportError) -> SQLFragment {
        let direct = SegmentFilterSQL.and(try SegmentFilterSQL.lineConditions(action.filters, dialect: dialect))
        guard action.options.entireCompanies, !action.filters.isEmpty else { return direct }
        // Entire Companies: a match anywhere in a line's company takes the whole company.
        let contact = SegmentFilterSQL.and(try SegmentFilterSQL.contactConditions(action.filters, dialect: dialect))
        return SQLFragment(
            "(l.contact_company_no IS NOT NULL AND l.contact_company_no IN (SELECT t.company_no FROM contact t "
                + "WHERE t.company_no IN (SELECT s.contact_company_no FROM segment_line s WHERE s.segment_no = ?) "
                + "AND \(contact.sql))) OR (l.contact_company_no IS NULL AND \(direct.sql))",
            [.text(segmentNo)] + contact.binds + direct.binds)
    }

    /// The lines an action removes: the matches for Reduce, the rest for Refine.
    static func removedLines(
        _ action: CriteriaAction, segmentNo: String, dialect: SQLDialect
    ) throws(RapportError) -> SQLFragment {
        let matching = try matchingLines(action, segmentNo: segmentNo, dialect: dialect)
        switch action.kind {
        case .reduce: return matching
        case .refine, .add: return SQLFragment("CASE WHEN (\(matching.sql)) THEN 0 ELSE 1 END = 1", matching.binds)
        }
    }
}
