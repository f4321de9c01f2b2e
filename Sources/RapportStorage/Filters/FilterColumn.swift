import RapportCore

/// The column a filter is compiled against.
public struct FilterColumn: Sendable, Hashable {
    /// The column as written in SQL, such as `c.city`. It is spliced into the SQL text, so it must come from the
    /// program, never from the user.
    public var sql: String
    /// The shadow column holding `CaseFold.fold(value)` (NULL where the column is NULL), such as `c.city_fold`;
    /// caseless (`@`) terms on text search it, wildcard patterns included. Without one, a text filter using `@`
    /// can't be compiled; terms without `@` compare the column itself, case-sensitively.
    /// Codes and options never use it: codes are stored upper-cased and compared raw, so the SQL matches the
    /// in-memory evaluator exactly, and option filters compile to a list of allowed spellings.
    public var foldedSQL: String?
    /// The type of the values in the column; it must be the type the expression was parsed for.
    public var type: FilterValueType

    /// Creates a column description.
    public init(sql: String, foldedSQL: String? = nil, type: FilterValueType) {
        self.sql = sql
        self.foldedSQL = foldedSQL
        self.type = type
    }
}
