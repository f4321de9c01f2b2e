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
