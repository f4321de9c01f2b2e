import RapportCore

/// Compiles segment filters to SQL over a contact aliased `t`: the contact's own fields directly,
/// every related table as one EXISTS whose fields all hold on the same related row (BC §2.2).
enum SegmentFilterSQL {
    /// Conditions on contact `t`; all must hold.
    ///
    /// `range` keeps the part of the matches whose key lies in it, for a count split into parts over a partition
    /// of ranges: the company number when a company's relations are filtered (every match then has one, and the
    /// plan is driven by the matching companies, whose set the range cuts), otherwise the contact's own number.
    ///
    /// `probesCompanies` asks about a company's relations once per contact (an EXISTS on its company number)
    /// instead of as the set of matching companies: for a statement driven by a few given contacts (a small
    /// segment's lines), where building that set would be the whole filter's work again.
    static func contactConditions(
        _ filters: SegmentFilters, dialect: SQLDialect, within range: ContactNumberRange = .all,
        probesCompanies: Bool = false
    ) throws(RapportError) -> [SQLFragment] {
        var conditions: [SQLFragment] = []
        let splitsByCompany = FilterTable.all.contains {
            $0.table != nil && $0.contactColumn == "company_no" && !filters.entries(of: $0).isEmpty
        }
        if !range.isAll {
            conditions.append(range.condition(on: splitsByCompany ? "t.company_no" : "t.no"))
        }
        for table in FilterTable.all {
            let entries = filters.entries(of: table)
            guard !entries.isEmpty else { continue }
            if let related = table.table {
                var inner = try entries.map { entry throws(RapportError) in
                    try compile(entry, alias: "x", dialect: dialect)
                }
                if table.contactColumn == "company_no" && !range.isAll {
                    inner.append(range.condition(on: "x.contact_no"))
                }
                let matches = inner.map(\.sql).joined(separator: " AND ")
                // A company's relations are asked about once per company, not once per contact: the set of
                // matching companies is built once and the contacts are found through the company_no indexes
                // (unless `probesCompanies`).
                conditions.append(
                    SQLFragment(
                        table.contactColumn == "company_no" && !probesCompanies
                            ? "t.company_no IN (SELECT x.contact_no FROM \(related) x WHERE \(matches))"
                            : "EXISTS (SELECT 1 FROM \(related) x WHERE x.contact_no = t.\(table.contactColumn) AND "
                                + matches + ")",
                        inner.flatMap(\.binds)))
            } else {
                for entry in entries { conditions.append(try compile(entry, alias: "t", dialect: dialect)) }
            }
        }
        return conditions
    }

    /// Conditions on a segment line `l` that hold when its contact matches: related tables are probed by
    /// the line's own contact and company numbers, so the contact row is read only when its fields are filtered.
    static func lineConditions(
        _ filters: SegmentFilters, dialect: SQLDialect
    ) throws(RapportError) -> [SQLFragment] {
        var conditions: [SQLFragment] = []
        for table in FilterTable.all {
            let entries = filters.entries(of: table)
            guard !entries.isEmpty else { continue }
            if let related = table.table {
                let inner = try entries.map { entry throws(RapportError) in
                    try compile(entry, alias: "x", dialect: dialect)
                }
                let lineColumn = table.contactColumn == "company_no" ? "l.contact_company_no" : "l.contact_no"
                // A probe per line, not `IN (SELECT …)`: Refine negates the condition inside a CASE, where
                // PostgreSQL cannot turn IN into a join and, once the set outgrows work_mem, scanned all of it for
                // every line (Refine of 100,000 lines by a 225,000-contact mailing group ran for minutes; the
                // probe takes 0.24 s).
                conditions.append(
                    SQLFragment(
                        "EXISTS (SELECT 1 FROM \(related) x WHERE x.contact_no = \(lineColumn) AND "
                            + inner.map(\.sql).joined(separator: " AND ") + ")",
                        inner.flatMap(\.binds)))
            } else {
                let inner = try entries.map { entry throws(RapportError) in
                    try compile(entry, alias: "t", dialect: dialect)
                }
                conditions.append(
                    SQLFragment(
                        "EXISTS (SELECT 1 FROM contact t WHERE t.no = l.contact_no AND "
                            + inner.map(\.sql).joined(separator: " AND ") + ")",
                        inner.flatMap(\.binds)))
            }
        }
        return conditions
    }

    static func compile(
        _ entry: SegmentFilters.Entry, alias: String, dialect: SQLDialect
    ) throws(RapportError) -> SQLFragment {
        let column = FilterColumn(
            sql: "\(alias).\(entry.field.column)", foldedSQL: entry.field.foldedColumn.map { "\(alias).\($0)" },
            type: entry.field.type)
        return try entry.expression.condition(
            on: column, dialect: dialect, path: "filters.\(entry.table.key).\(entry.field.name)")
    }

    /// Refuses filters naming codes that do not exist (`mailingGroups.code = NOPE`).
    static func verifyCodes(_ filters: SegmentFilters, _ connection: any SQLConnection) throws {
        for (path, table, code) in filters.referencedCodes {
            let column = table == "contact" || table == "campaign" ? "no" : "code"
            guard try connection.exists("SELECT 1 FROM \(table) WHERE \(column) = ?", [.text(code)]) else {
                throw RapportError.validation(path, "\(path): '\(code)' does not exist.")
            }
        }
    }

    static func and(_ conditions: [SQLFragment]) -> SQLFragment {
        guard !conditions.isEmpty else { return SQLFragment("1 = 1") }
        return SQLFragment(conditions.map { "(\($0.sql))" }.joined(separator: " AND "), conditions.flatMap(\.binds))
    }
}
