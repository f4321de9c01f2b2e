import RapportCore

/// A dynamic segment's membership as one SQL condition on contact `t`: its criteria actions replayed as set
/// operations (Add is a union, Reduce a difference, Refine an intersection), then its manual lines as pins.
/// Evaluated over a scope of contacts, every contact or the ones a refresh re-evaluates; the scope is closed
/// over companies (a company with all its persons), so Expand Companies, Allow Related Companies and Entire
/// Companies, which look only within a company, give the same answer inside the scope as over all contacts.
struct DynamicMembershipSQL {
    /// CTEs (the expansions of Add actions), before the condition's binds.
    var ctes: [SQLFragment] = []
    /// Holds for the contacts that belong.
    var member: SQLFragment
    /// The criteria action that explains a member's line: its pin, else the last Add that picks it.
    var addedBy: SQLFragment

    /// Restricts contact `alias` to the refresh's scratch scope.
    static func scoped(_ alias: String) -> String {
        "\(alias).no IN (SELECT contact_no FROM segment_refresh_scope)"
    }

    init(_ actions: [CriteriaEntry], scope: String, dialect: SQLDialect) throws {
        var fold = SQLFragment("1 = 0")
        var adds: [(Int64, SQLFragment)] = []
        var pins: [String: (Int64, Bool)] = [:]
        for entry in actions {
            if let contactNo = Self.pinnedContact(entry.action) {
                pins[contactNo] = (entry.actionNo, entry.action.kind == .add)
                continue
            }
            let action = entry.action
            switch action.kind {
            case .add:
                let picked = try Self.addCondition(action, number: entry.actionNo, scope: scope, ctes: &ctes, dialect)
                adds.append((entry.actionNo, picked))
                fold = SQLFragment("(\(fold.sql)) OR \(picked.sql)", fold.binds + picked.binds)
            case .reduce:
                let matching = try Self.matchCondition(action, scope: scope, dialect)
                fold = SQLFragment("(\(fold.sql)) AND NOT \(matching.sql)", fold.binds + matching.binds)
            case .refine:
                let matching = try Self.matchCondition(action, scope: scope, dialect)
                fold = SQLFragment("(\(fold.sql)) AND \(matching.sql)", fold.binds + matching.binds)
            }
        }
        let included = pins.filter { $0.value.1 }.sorted { $0.key < $1.key }
        let excluded = pins.filter { !$0.value.1 }.map(\.key).sorted()
        var member = fold
        if !included.isEmpty {
            let list = Self.list(included.map(\.key))
            member = SQLFragment("(\(member.sql)) OR t.no IN (\(list.sql))", member.binds + list.binds)
        }
        if !excluded.isEmpty {
            let list = Self.list(excluded)
            member = SQLFragment("(\(member.sql)) AND t.no NOT IN (\(list.sql))", member.binds + list.binds)
        }
        // Parenthesised, so the caller can AND it with the scope.
        self.member = SQLFragment("(\(member.sql))", member.binds)
        var cases: [SQLFragment] = included.map {
            SQLFragment("WHEN t.no = ? THEN \($0.value.0)", [.text($0.key)])
        }
        cases += adds.reversed().map { SQLFragment("WHEN \($0.1.sql) THEN \($0.0)", $0.1.binds) }
        addedBy = SQLFragment(
            "CASE " + cases.map(\.sql).joined(separator: " ") + " ELSE 0 END", cases.flatMap(\.binds))
        if cases.isEmpty { addedBy = SQLFragment("0") }
    }

    /// The contact a manual line change names, when the action is one (an action on one contact number).
    static func pinnedContact(_ action: CriteriaAction) -> String? {
        guard action.kind != .refine, let text = action.filters.expressions["contact"]?["no"],
            action.filters.expressions.count == 1, action.filters.expressions["contact"]?.count == 1
        else { return nil }
        let quoted = text.count >= 2 && text.hasPrefix("'") && text.hasSuffix("'")
        let contactNo = quoted ? String(text.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'") : text
        // Only the very action a manual line change records is a pin, not a filter that happens to name one contact.
        return CriteriaAction.manual(action.kind, contactNo: contactNo) == action ? contactNo : nil
    }

    /// A condition that is true or false, never NULL, so NOT and the fold stay two-valued.
    static func definite(_ condition: SQLFragment) -> SQLFragment {
        SQLFragment("(CASE WHEN (\(condition.sql)) THEN 1 ELSE 0 END = 1)", condition.binds)
    }

    static func list(_ values: [String]) -> SQLFragment {
        SQLFragment(Array(repeating: "?", count: values.count).joined(separator: ", "), values.map { .text($0) })
    }

    /// Who an Add action picks, with its expansions as CTEs named after the action, and the exclusion check.
    static func addCondition(
        _ action: CriteriaAction, number: Int64, scope: String, ctes: inout [SQLFragment], _ dialect: SQLDialect
    ) throws -> SQLFragment {
        let conditions = try SegmentFilterSQL.contactConditions(action.filters, dialect: dialect)
        let options = action.options
        var picked: [SQLFragment]
        if options.expandCompanies || options.allowRelatedCompanies {
            let selected = SegmentFilterSQL.and([SQLFragment(scope)] + conditions)
            let (sel, expanded, pickedName) = ("sel_\(number)", "expanded_\(number)", "picked_\(number)")
            ctes.append(
                SQLFragment(
                    "\(sel) AS (SELECT t.no, t.company_no FROM contact t WHERE \(selected.sql))", selected.binds))
            ctes.append(
                SQLFragment(
                    options.expandCompanies
                        ? "\(expanded) AS (SELECT x.no FROM contact x WHERE x.company_no IN "
                            + "(SELECT company_no FROM \(sel) WHERE company_no IS NOT NULL) "
                            + "UNION SELECT no FROM \(sel) WHERE company_no IS NULL)"
                        : "\(expanded) AS (SELECT no FROM \(sel))"))
            ctes.append(
                SQLFragment(
                    options.allowRelatedCompanies
                        ? "\(pickedName) AS (SELECT no FROM \(expanded) UNION SELECT x.company_no FROM contact x "
                            + "WHERE x.no IN (SELECT no FROM \(expanded)) AND x.type = 'person' AND x.company_no IS NOT NULL)"
                        : "\(pickedName) AS (SELECT no FROM \(expanded))"))
            picked = [SQLFragment("t.no IN (SELECT no FROM \(pickedName))")]
        } else {
            picked = conditions
        }
        if !options.ignoreExclusion { picked.append(SQLFragment("t.exclude_from_segment = 0")) }
        return definite(SegmentFilterSQL.and(picked))
    }

    /// Whom a Reduce or Refine action matches; with Entire Companies, a match anywhere in a company takes it all.
    static func matchCondition(_ action: CriteriaAction, scope: String, _ dialect: SQLDialect) throws -> SQLFragment {
        let direct = SegmentFilterSQL.and(try SegmentFilterSQL.contactConditions(action.filters, dialect: dialect))
        guard action.options.entireCompanies, !action.filters.isEmpty else { return definite(direct) }
        // The inner `t` shadows the outer one: the subquery lists the companies with a matching contact.
        return definite(
            SQLFragment(
                "(t.company_no IS NOT NULL AND t.company_no IN (SELECT t.company_no FROM contact t "
                    + "WHERE t.company_no IS NOT NULL AND (\(scope)) AND (\(direct.sql)))) "
                    + "OR (t.company_no IS NULL AND (\(direct.sql)))",
                direct.binds + direct.binds))
    }
}
