import RapportCore

extension FilterExpression {
    /// Compiles the filter into a boolean SQL condition on `column`, with `?` placeholders and their binds; values
    /// are never spliced into the text. The condition selects exactly the rows `matches(_:)` accepts, and is
    /// parenthesized where needed so it can be combined with `AND`.
    ///
    /// The SQL is the portable subset SQLite 3.40 and PostgreSQL 15 (`COLLATE "C"` columns) read alike —
    /// comparisons, `IS NULL`, `IN`, `AND`/`OR` — except for wildcard patterns, which each dialect writes in its
    /// own case-sensitive form (`FilterPatternSQL`).
    ///
    /// - Throws: `FilterExpressionError.columnTypeMismatch` when the column's type is not the expression's, and
    ///   `.noFoldedColumn` for `@` on a text column without a folded shadow column.
    package func sql(for column: FilterColumn, dialect: SQLDialect) throws(FilterExpressionError) -> SQLFragment {
        guard column.type == type else {
            throw .columnTypeMismatch(column: column.sql, expected: type, actual: column.type)
        }
        if case .enumeration(let options) = type {
            return FilterOptionSQL(column: column.sql, options: options).compile(root)
        }
        return try FilterSQLCompiler(column: column, type: type, dialect: dialect).compile(root)
    }

    /// Compiles the filter of the field at `path` as `sql(for:dialect:)` does: the one compiler every place that
    /// takes a filter expression uses (list parameters, Add/Reduce/Refine filters, saved criteria, statistics),
    /// with a problem reported as `validation_failed` naming the path.
    package func condition(
        on column: FilterColumn, dialect: SQLDialect, path: String
    ) throws(RapportError)
        -> SQLFragment
    {
        do {
            return try sql(for: column, dialect: dialect)
        } catch {
            throw RapportError.validation(path, "\(path): \(error.message)")
        }
    }
}

/// Compiles filter trees for text, code, number, date and yes/no columns, one leaf at a time.
struct FilterSQLCompiler {
    let column: FilterColumn
    let type: FilterValueType
    let dialect: SQLDialect

    func compile(_ node: FilterNode) throws(FilterExpressionError) -> SQLFragment {
        switch node {
        case .or(let children):
            if let list = try equalityList(children) { return list }
            return try combine(children, with: " OR ")
        case .and(let children):
            return try combine(children, with: " AND ")
        case .comparison(let op, let value, let caseless):
            let target = try targetColumn(folded: caseless)
            return render(comparison(op, value, caseless: caseless, on: target), on: target, node: node)
        case .range(let from, let to, let caseless):
            let target = try targetColumn(folded: caseless)
            let lower = from.map { comparison(.greaterOrEqual, $0, caseless: caseless, on: target) } ?? .always(true)
            let upper = to.map { comparison(.lessOrEqual, $0, caseless: caseless, on: target) } ?? .always(true)
            return render(lower.and(upper), on: target, node: node)
        case .pattern(let pattern, let negated, let caseless):
            let target = try targetColumn(folded: caseless)
            let folding = caseless && type == .text
            let match = FilterPatternSQL(dialect: dialect).match(pattern, folding: folding, negated: negated)
            return render(.sql("\(target) \(match.sql)", match.binds, compound: false), on: target, node: node)
        }
    }

    private func combine(
        _ children: [FilterNode], with separator: String
    ) throws(FilterExpressionError)
        -> SQLFragment
    {
        var parts: [String] = []
        var binds: [SQLValue] = []
        for child in children {
            let fragment = try compile(child)
            parts.append(fragment.sql)
            binds += fragment.binds
        }
        return SQLFragment("(" + parts.joined(separator: separator) + ")", binds)
    }

    /// `A|B|…` of plain values on one column as `column IN (?, ?, …)`: the rows the ORed equalities select, NULL
    /// in neither, in the form PostgreSQL reads as one index condition (`= ANY`). ORed equalities there become a
    /// bitmap heap scan that reads every matching contact row, where `IN` reads the index alone (the live count
    /// of the 1M bench's filter A: 680 ms to 230 ms on a loaded machine). SQLite plans the two alike.
    private func equalityList(_ children: [FilterNode]) throws(FilterExpressionError) -> SQLFragment? {
        var target: String?
        var binds: [SQLValue] = []
        for child in children {
            guard case .comparison(.equal, let value, let caseless) = child,
                !FilterEvaluator(type: type).matches(child, .null)
            else { return nil }
            let column = try targetColumn(folded: caseless)
            guard target == nil || target == column else { return nil }
            target = column
            switch value {
            case .blank: return nil
            case .text(let text): binds.append(.text(caseless && type == .text ? CaseFold.fold(text) : text))
            case .integer(let number): binds.append(.integer(number))
            case .decimal(let number): binds.append(.real(number))
            }
        }
        guard let target else { return nil }
        return SQLFragment("\(target) IN (" + binds.map { _ in "?" }.joined(separator: ", ") + ")", binds)
    }

    /// The column a term reads: the folded shadow for caseless terms on text, otherwise the column itself (codes
    /// are stored upper-cased, and their values were upper-cased when parsed).
    private func targetColumn(folded: Bool) throws(FilterExpressionError) -> String {
        guard folded, type == .text else {
            return column.sql
        }
        guard let foldedSQL = column.foldedSQL else {
            throw .noFoldedColumn(column: column.sql)
        }
        return foldedSQL
    }

    /// The condition a comparison puts on non-NULL values; NULL is dealt with by `render`.
    private func comparison(
        _ op: FilterComparison, _ value: FilterValue, caseless: Bool, on target: String
    ) -> NonNullCondition {
        switch value {
        case .blank where type.blankIsEmptyText:
            return .sql("\(target) \(op.rawValue) ''", [], compound: false)
        case .blank:
            // Only NULL is blank in number and date columns, and every stored value is above it.
            return .always(op.holds(1))
        case .text(let text):
            let bound = caseless && type == .text ? CaseFold.fold(text) : text
            return .sql("\(target) \(op.rawValue) ?", [.text(bound)], compound: false)
        case .integer(let number):
            return .sql("\(target) \(op.rawValue) ?", [.integer(number)], compound: false)
        case .decimal(let number):
            return .sql("\(target) \(op.rawValue) ?", [.real(number)], compound: false)
        }
    }

    /// Adds the NULL rows when the blank value passes the term, because SQL comparisons never accept NULL.
    /// Asking the evaluator about NULL keeps the two in agreement by construction.
    private func render(_ condition: NonNullCondition, on target: String, node: FilterNode) -> SQLFragment {
        let nullMatches = FilterEvaluator(type: type).matches(node, .null)
        switch (condition, nullMatches) {
        case (.always(true), true): return SQLFragment("1 = 1")
        case (.always(true), false): return SQLFragment("\(target) IS NOT NULL")
        case (.always(false), true): return SQLFragment("\(target) IS NULL")
        case (.always(false), false): return SQLFragment("1 = 0")
        case (.sql(let sql, let binds, let compound), false):
            return SQLFragment(compound ? "(\(sql))" : sql, binds)
        case (.sql(let sql, let binds, let compound), true):
            return SQLFragment("(\(target) IS NULL OR " + (compound ? "(\(sql))" : sql) + ")", binds)
        }
    }
}

/// A condition on the non-NULL values of a column: constant, or SQL that is NULL (so false) for NULL.
enum NonNullCondition {
    case always(Bool)
    /// `compound` marks an `AND` of two comparisons, which needs parentheses inside an `OR`.
    case sql(String, [SQLValue], compound: Bool)

    func and(_ other: NonNullCondition) -> NonNullCondition {
        switch (self, other) {
        case (.always(false), _), (_, .always(false)): .always(false)
        case (.always(true), _): other
        case (_, .always(true)): self
        case (.sql(let a, let aBinds, _), .sql(let b, let bBinds, _)):
            .sql(a + " AND " + b, aBinds + bBinds, compound: true)
        }
    }
}
