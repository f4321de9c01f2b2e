import RapportCore

/// Writes a wildcard pattern (`*part*`, `?b*`) as the dialect's own case-sensitive match, so that only the `@`
/// prefix, which reads the folded shadow column, ignores case (BC matches case-sensitively, wildcards included).
///
/// SQLite's `LIKE` folds ASCII case, so SQLite gets `GLOB`, which never does; PostgreSQL has no `GLOB`, and its
/// `LIKE` compares characters exactly. Both count one Unicode scalar per `?`, as the in-memory evaluator does.
struct FilterPatternSQL {
    let dialect: SQLDialect

    /// The match to append to the column (`GLOB ?`, `NOT LIKE ? ESCAPE '\'`) and its one bind; the literals are
    /// folded when `folding` (a caseless term on text), as the folded column they are compared with is.
    func match(_ pattern: FilterPattern, folding: Bool, negated: Bool) -> SQLFragment {
        let not = negated ? "NOT " : ""
        switch dialect {
        case .sqlite:
            return SQLFragment("\(not)GLOB ?", [.text(globPattern(pattern, folding: folding))])
        case .postgres:
            return SQLFragment("\(not)LIKE ? ESCAPE '\\'", [.text(likePattern(pattern, folding: folding))])
        }
    }

    /// `*` and `?` as themselves; a literal `*`, `?` or `[` as the one-character class `[*]`, `[?]`, `[[]`.
    func globPattern(_ pattern: FilterPattern, folding: Bool) -> String {
        render(pattern, folding: folding, anySequence: "*", anyCharacter: "?") { scalar, view in
            if scalar == "*" || scalar == "?" || scalar == "[" {
                view.append(contentsOf: ["[", scalar, "]"])
            } else {
                view.append(scalar)
            }
        }
    }

    /// `*` → `%`, `?` → `_`; a literal `%`, `_` or `\` escaped with `\`.
    func likePattern(_ pattern: FilterPattern, folding: Bool) -> String {
        render(pattern, folding: folding, anySequence: "%", anyCharacter: "_") { scalar, view in
            if scalar == "%" || scalar == "_" || scalar == "\\" {
                view.append("\\")
            }
            view.append(scalar)
        }
    }

    private func render(
        _ pattern: FilterPattern, folding: Bool, anySequence: Unicode.Scalar, anyCharacter: Unicode.Scalar,
        literal: (Unicode.Scalar, inout String.UnicodeScalarView) -> Void
    ) -> String {
        var view = String.UnicodeScalarView()
        for element in pattern.elements {
            switch element {
            case .literal(let text):
                for scalar in (folding ? CaseFold.fold(text) : text).unicodeScalars {
                    literal(scalar, &view)
                }
            case .anySequence:
                view.append(anySequence)
            case .anyCharacter:
                view.append(anyCharacter)
            }
        }
        return String(view)
    }
}
