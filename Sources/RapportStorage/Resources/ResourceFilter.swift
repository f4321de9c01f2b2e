import RapportCore

/// Turns `?field=expression` list parameters into SQL conditions over a resource's table (alias `t`), with the
/// same parser and compiler as every other filter (`FilterExpression.parse(_:as:path:)`, `condition(on:…)`).
enum ResourceFilter {
    static func conditions(
        _ filters: [(field: String, expression: String)], spec: ResourceSpec, dialect: SQLDialect
    )
        throws(RapportError) -> [SQLFragment]
    {
        var conditions: [SQLFragment] = []
        for (name, text) in filters {
            guard let field = spec.field(named: name) else {
                throw RapportError.validation(name, "\(name) is not a field of \(spec.label) that can be filtered.")
            }
            conditions.append(try condition(field, text, table: spec.table, dialect: dialect))
        }
        return conditions
    }

    static func condition(
        _ field: FieldSpec, _ text: String, table: String, dialect: SQLDialect
    ) throws(RapportError) -> SQLFragment {
        let name = field.name
        switch field.kind {
        case .codeList(let link):
            // A related-table filter: some linked code matches (BC §2.2, EXISTS within the table).
            let inner = try FilterExpression.parse(text, as: .code, path: name).condition(
                on: FilterColumn(sql: "l.\(link.codeColumn)", type: .code), dialect: dialect, path: name)
            return SQLFragment(
                "EXISTS (SELECT 1 FROM \(link.table) l WHERE l.\(link.ownerColumn) = t.\(link.filterOwnerColumn) "
                    + "AND \(inner.sql))", inner.binds)
        case .children, .secret:
            throw RapportError.validation(name, "\(name) cannot be filtered.")
        default:
            guard let type = field.kind.filterValueType else {
                throw RapportError.validation(name, "\(name) cannot be filtered.")
            }
            let column: String
            if case .computed = field.access {
                column = "(\(ComputedColumns.sql(for: field, in: table, dialect: dialect)))"
            } else {
                column = "t.\(field.column)"
            }
            let folded = field.isFolded ? "t.\(field.column)_fold" : nil
            return try FilterExpression.parse(text, as: type, path: name).condition(
                on: FilterColumn(sql: column, foldedSQL: folded, type: type), dialect: dialect, path: name)
        }
    }
}
