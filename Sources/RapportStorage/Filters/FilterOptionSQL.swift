import RapportCore

/// Compiles a filter on an option column into a set test: the filter is evaluated once per class of value (each
/// option, blank, other) and the SQL lists the options that pass, or those that fail when stale values pass.
struct FilterOptionSQL {
    let column: String
    let options: [String]

    func compile(_ root: FilterNode) -> SQLFragment {
        let evaluator = FilterEvaluator(type: .enumeration(options))
        var passing: [String] = []
        var failing: [String] = []
        var blankPasses = false
        var otherPasses = false
        for valueClass in FilterOptionClass.all(options) {
            let passes = evaluator.matches(root, valueClass, options: options)
            switch valueClass {
            case .option(let index) where passes: passing.append(options[index])
            case .option(let index): failing.append(options[index])
            case .blank: blankPasses = passes
            case .other: otherPasses = passes
            }
        }
        return otherPasses
            ? allExcept(failing, blankPasses: blankPasses)
            : only(passing, blankPasses: blankPasses)
    }

    /// Rows holding one of `passing`, or blank.
    private func only(_ passing: [String], blankPasses: Bool) -> SQLFragment {
        var parts = blankPasses ? ["\(column) IS NULL", "\(column) = ''"] : []
        if let test = membership(passing, negated: false) {
            parts.append(test)
        }
        let binds = passing.map(SQLValue.text)
        switch parts.count {
        case 0: return SQLFragment("1 = 0")
        case 1: return SQLFragment(parts[0], binds)
        default: return SQLFragment("(" + parts.joined(separator: " OR ") + ")", binds)
        }
    }

    /// Rows holding anything but one of `failing`, with blank rows only if `blankPasses`.
    private func allExcept(_ failing: [String], blankPasses: Bool) -> SQLFragment {
        let binds = failing.map(SQLValue.text)
        guard let test = membership(failing, negated: true) else {
            return SQLFragment(blankPasses ? "1 = 1" : "\(column) <> ''")
        }
        // NOT IN is NULL for NULL rows, so NULL must be let in explicitly, and '' kept out explicitly.
        return blankPasses
            ? SQLFragment("(\(column) IS NULL OR \(test))", binds)
            : SQLFragment("(\(column) <> '' AND \(test))", binds)
    }

    private func membership(_ values: [String], negated: Bool) -> String? {
        switch values.count {
        case 0: return nil
        case 1: return "\(column) \(negated ? "<>" : "=") ?"
        default:
            let placeholders = Array(repeating: "?", count: values.count).joined(separator: ", ")
            return "\(column) \(negated ? "NOT IN" : "IN") (\(placeholders))"
        }
    }
}
