import RapportCore

/// The SQL of the contacts export, whose every column is the text of one CSV cell or of one part of it:
/// a chunk of contacts in key order with their own fields (NULL for an empty cell, booleans as
/// `true`/`false`, the company's name through a join), and per code list or child collection its rows for
/// the same chunk in owner order, which `ContactCSVExport` merges in. Plain ordered scans: PostgreSQL runs a
/// correlated subquery per row and list an order of magnitude slower than a join or a range scan.
enum ContactCSVQuery {
    /// A code list or child collection: rows of `table` owned through `owner`, each a `value`, in `order`.
    struct Relation {
        var table: String
        var owner: String
        var value: String
        var order: String
    }

    /// Each export column: a column of the chunk query (its position) or a relation (its position).
    enum Column {
        case own(Int)
        case related(Int)
    }

    static var columns: [Column] {
        var own = 0
        var related = 0
        return ContactCSVFormat.columns.map { field in
            if relation(field) != nil {
                related += 1
                return .related(related - 1)
            }
            own += 1
            return .own(own - 1)
        }
    }

    static var relations: [Relation] { ContactCSVFormat.columns.compactMap(relation) }

    static func relation(_ field: FieldSpec) -> Relation? {
        switch field.kind {
        case .codeList(let link):
            return Relation(
                table: link.table, owner: link.ownerColumn, value: link.codeColumn, order: link.codeColumn)
        case .children(let collection):
            let columns = collection.fields.filter(\.isColumn).map(\.column)
            let order = collection.orderBy.compactMap { name in collection.fields.first { $0.name == name }?.column }
            return Relation(
                table: collection.table, owner: collection.ownerColumn,
                value: columns.joined(separator: " || ':' || "), order: order.joined(separator: ", "))
        default:
            return nil
        }
    }

    /// The expression of a field read from the contact's own row (alias `t`, its company `co`).
    static func own(_ field: FieldSpec) -> String {
        if case .boolean = field.kind { return "CASE WHEN t.\(field.column) <> 0 THEN 'true' ELSE 'false' END" }
        // `ComputedColumns`' company name, as a join (the export test holds the two to the same text).
        if field.name == "companyName" { return "CASE WHEN t.type = 'company' THEN t.name ELSE co.name END" }
        return "t.\(field.column)"
    }

    static var ownFields: String {
        ContactCSVFormat.columns.filter { relation($0) == nil }.map(own).joined(separator: ", ")
    }

    static func text(_ bytes: [UInt8]) -> SQLValue { .text(String(decoding: bytes, as: UTF8.self)) }

    /// Every contact matching `conditions`, a chunk at a time in key order (the key is the page key).
    static func contacts(where conditions: [SQLFragment]) -> ContactCSVExport.Source {
        ContactCSVExport.Source(
            chunk: { after, limit in
                let clauses = conditions + (after.map { [SQLFragment("t.no > ?", [text($0)])] } ?? [])
                return SQLFragment(
                    "SELECT \(ownFields), t.no FROM contact t LEFT JOIN contact co ON co.no = t.company_no"
                        + whereClause(clauses) + " ORDER BY t.no LIMIT ?",
                    clauses.flatMap(\.binds) + [.integer(Int64(limit))])
            },
            related: { relation, after, last in
                let owner = "r.\(relation.owner)"
                var owners = [SQLFragment("\(owner) <= ?", [text(last)])]
                if let after { owners.append(SQLFragment("\(owner) > ?", [text(after)])) }
                // Filtered, only the related rows of the contacts it writes (unfiltered, the key range says it).
                if !conditions.isEmpty {
                    let chosen =
                        conditions + [SQLFragment("t.no <= ?", [text(last)])]
                        + (after.map { [SQLFragment("t.no > ?", [text($0)])] } ?? [])
                    owners.append(
                        SQLFragment(
                            "\(owner) IN (SELECT t.no FROM contact t" + whereClause(chosen) + ")",
                            chosen.flatMap(\.binds)))
                }
                return relatedRows(relation, owners)
            })
    }

    /// The contacts of a segment's lines, a chunk of lines at a time in line order (the line number is the
    /// page key); a contact on two lines is written twice.
    static func segmentLines(_ segmentKey: String) -> ContactCSVExport.Source {
        func lines(after: [UInt8]?, last: [UInt8]?) -> [SQLFragment] {
            var clauses = [SQLFragment("l.segment_no = ?", [.text(segmentKey)])]
            if let after { clauses.append(SQLFragment("l.line_no > ?", [number(after)])) }
            if let last { clauses.append(SQLFragment("l.line_no <= ?", [number(last)])) }
            return clauses
        }
        return ContactCSVExport.Source(
            chunk: { after, limit in
                let clauses = lines(after: after, last: nil)
                return SQLFragment(
                    "SELECT \(ownFields), CAST(l.line_no AS TEXT) FROM segment_line l JOIN contact t "
                        + "ON t.no = l.contact_no LEFT JOIN contact co ON co.no = t.company_no"
                        + whereClause(clauses) + " ORDER BY l.line_no LIMIT ?",
                    clauses.flatMap(\.binds) + [.integer(Int64(limit))])
            },
            related: { relation, after, last in
                let clauses = lines(after: after, last: last)
                return relatedRows(
                    relation,
                    [
                        SQLFragment(
                            "r.\(relation.owner) IN (SELECT l.contact_no FROM segment_line l" + whereClause(clauses)
                                + ")",
                            clauses.flatMap(\.binds))
                    ])
            })
    }

    static func number(_ bytes: [UInt8]) -> SQLValue { .integer(Int64(String(decoding: bytes, as: UTF8.self)) ?? 0) }

    /// `SELECT owner, value` of a relation's rows matching `owners`, in owner order.
    static func relatedRows(_ relation: Relation, _ owners: [SQLFragment]) -> SQLFragment {
        SQLFragment(
            "SELECT r.\(relation.owner), \(relation.value) FROM \(relation.table) r" + whereClause(owners)
                + " ORDER BY r.\(relation.owner), \(relation.order)",
            owners.flatMap(\.binds))
    }

    static func whereClause(_ clauses: [SQLFragment]) -> String {
        clauses.isEmpty ? "" : " WHERE " + clauses.map { "(\($0.sql))" }.joined(separator: " AND ")
    }
}
