import RapportCore

/// A piece of SQL with `?` placeholders and the values bound to them, in order.
///
/// Backends whose driver numbers its placeholders (PostgreSQL's `$1`) rewrite them; the text
/// here is written once, in the portable subset both backends accept.
public struct SQLFragment: Sendable, Equatable {
    public var sql: String
    public var binds: [SQLValue]

    public init(_ sql: String, _ binds: [SQLValue] = []) {
        self.sql = sql
        self.binds = binds
    }
}

extension SQLFragment {
    /// `column = ?`, or `column IS NULL` when the value is NULL: the two match when both are NULL too.
    ///
    /// Written out this way rather than as `(column = ? OR (column IS NULL AND ? IS NULL))` because PostgreSQL
    /// cannot infer the type of a parameter that is only tested for NULL, and refuses the statement.
    package static func equalOrBothNull(_ column: String, _ value: SQLValue) -> SQLFragment {
        value == .null ? SQLFragment("\(column) IS NULL") : SQLFragment("\(column) = ?", [value])
    }
}
