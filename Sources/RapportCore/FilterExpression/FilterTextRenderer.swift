/// Writes a filter tree back as text in its canonical form, quoting only values that would otherwise be read
/// differently.
struct FilterTextRenderer {
    let type: FilterValueType

    func render(_ node: FilterNode, insideAnd: Bool) -> String {
        switch node {
        case .or(let children):
            let joined = children.map { render($0, insideAnd: false) }.joined(separator: "|")
            // `|` binds looser than `&`, so an or inside an and needs its parentheses back.
            return insideAnd ? "(" + joined + ")" : joined
        case .and(let children):
            return children.map { render($0, insideAnd: true) }.joined(separator: "&")
        case .comparison(let op, let value, let caseless):
            return (caseless ? "@" : "") + (op == .equal ? "" : op.rawValue) + render(value)
        case .range(let from, let to, let caseless):
            return (caseless ? "@" : "") + (from.map(render) ?? "") + ".." + (to.map(render) ?? "")
        case .pattern(let pattern, let negated, let caseless):
            return (caseless ? "@" : "") + (negated ? "<>" : "") + render(pattern)
        }
    }

    private func render(_ value: FilterValue) -> String {
        switch value {
        case .blank:
            return "''"
        case .text(let text):
            return FilterTextRenderer.quotedIfNeeded(text)
        case .integer(let number):
            if type == .boolean {
                return number == 0 ? "false" : "true"
            }
            return String(number)
        case .decimal(let number):
            // Whole numbers read better without ".0"; otherwise Swift's shortest round-tripping form.
            if number == number.rounded(), abs(number) < 1e15 {
                return String(Int64(number))
            }
            return String(number)
        }
    }

    private func render(_ pattern: FilterPattern) -> String {
        pattern.elements.map { element in
            switch element {
            case .literal(let text): FilterTextRenderer.quotedIfNeeded(text)
            case .anySequence: "*"
            case .anyCharacter: "?"
            }
        }.joined()
    }

    /// Quotes `text` if reading it back unquoted would change it: operators, wildcards, quotes, spaces at the
    /// ends (which would be trimmed), a leading `@`, `..`, or a trailing `.` (which would merge with a following
    /// `..`).
    static func quotedIfNeeded(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        let special: Set<Unicode.Scalar> = ["|", "&", "(", ")", "'", "*", "?", "<", ">", "="]
        let needsQuotes =
            scalars.isEmpty
            || scalars.contains(where: special.contains)
            || scalars.first?.properties.isWhitespace == true
            || scalars.last?.properties.isWhitespace == true
            || scalars.first == "@"
            || scalars.last == "."
            || zip(scalars, scalars.dropFirst()).contains { $0 == "." && $1 == "." }
        guard needsQuotes else {
            return text
        }
        var view = String.UnicodeScalarView()
        view.append("'")
        for scalar in scalars {
            view.append(scalar)
            if scalar == "'" {
                view.append("'")
            }
        }
        view.append("'")
        return String(view)
    }
}
