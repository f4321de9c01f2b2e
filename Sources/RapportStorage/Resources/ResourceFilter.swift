import RapportCore

/// Turns `?field=expression` list parameters into SQL conditions over a resource's table (alias `t`).
/// Expressions are parsed once into the core's typed AST and compiled with bound values.
enum ResourceFilter {
    static func conditions(
        _ filters: [(field: String, expression: String)], spec: ResourceSpec
    )
        throws(RapportError) -> [SQLFragment]
    {
        var conditions: [SQLFragment] = []
        for (name, text) in filters {
            guard let field = spec.field(named: name) else {
                throw RapportError.validation(name, "\(name) is not a field of \(spec.label) that can be filtered.")
            }
            conditions.append(try condition(field, text, table: spec.table))
        }
        return conditions
    }

    static func condition(_ field: FieldSpec, _ text: String, table: String) throws(RapportError) -> SQLFragment {
        let name = field.name
        switch field.kind {
        case .codeList(let link):
            // A related-table filter: some linked code matches (BC §2.2, EXISTS within the table).
            let inner = try compile(
                parse(text, as: .code, field: name), FilterColumn(sql: "l.\(link.codeColumn)", type: .code), field: name
            )
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
                column = "(\(ComputedColumns.sql(for: field, in: table)))"
            } else {
                column = "t.\(field.column)"
            }
            let folded = field.isFolded ? "t.\(field.column)_fold" : nil
            return try compile(
                parse(text, as: type, field: name), FilterColumn(sql: column, foldedSQL: folded, type: type),
                field: name)
        }
    }

    static func parse(_ text: String, as type: FilterValueType, field: String) throws(RapportError) -> FilterExpression
    {
        do {
            return try FilterExpression.parse(text, as: type)
        } catch {
            throw RapportError.validation(field, "\(field): \(error.message)")
        }
    }

    static func compile(
        _ expression: FilterExpression, _ column: FilterColumn, field: String
    )
        throws(RapportError) -> SQLFragment
    {
        do {
            return try expression.sql(for: column)
        } catch {
            throw RapportError.validation(field, "\(field): \(error.message)")
        }
    }
}
