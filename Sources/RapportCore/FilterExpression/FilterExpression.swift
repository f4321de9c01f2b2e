/// A parsed Business Central style filter on one field, such as `JO|RB`, `1000..2000`, `@*smith*` or `<>''`.
///
/// Parse once with `parse(_:as:)`, then reuse: `matches(_:)` evaluates it in memory and `sql(for:)` compiles it to
/// a SQL condition; both give the same answer for the same stored value.
///
/// Syntax: `A|B` (or), `A&B` (and, binds tighter), `( )`, `A..B`, `..B`, `A..`, `<>A`, `<A`, `<=A`, `>A`, `>=A`,
/// `=A`, wildcards `*` and `?`, `@` for ignoring case, `''` for the blank value, and quotes (`'A|B'`, with `''`
/// for a quote inside) to search for any of those characters literally.
public struct FilterExpression: Sendable, Hashable, CustomStringConvertible {
    /// The typed syntax tree.
    public let root: FilterNode
    /// The field type the expression was parsed for.
    public let type: FilterValueType

    init(root: FilterNode, type: FilterValueType) {
        self.root = root
        self.type = type
    }

    /// Parses `text` as a filter on a field of `type`.
    ///
    /// - Throws: `FilterExpressionError` when the text is malformed (an empty term, unbalanced quotes or
    ///   parentheses, an operator without a value) or a value is not valid for `type`.
    public static func parse(
        _ text: String, as type: FilterValueType
    ) throws(FilterExpressionError)
        -> FilterExpression
    {
        var parser = FilterExpressionParser(text, type: type)
        return FilterExpression(root: try parser.parse(), type: type)
    }

    /// Parses the filter a user typed for the field at `path` (`city`, `filters.contact.city`): the one way every
    /// place that takes a filter expression reads it, so a problem is always `validation_failed` naming the path.
    public static func parse(
        _ text: String, as type: FilterValueType, path: String
    ) throws(RapportError)
        -> FilterExpression
    {
        do {
            return try parse(text, as: type)
        } catch {
            throw RapportError.validation(path, "\(path): \(error.message)")
        }
    }

    /// The canonical, readable form: values normalized (codes upper-cased, options in their API spelling, yes/no
    /// as `true`/`false`), redundant parentheses and spaces dropped, quotes only where needed. Parsing it again
    /// gives an equal expression.
    public var text: String {
        FilterTextRenderer(type: type).render(root, insideAnd: false)
    }

    /// The same as `text`.
    public var description: String { text }
}
