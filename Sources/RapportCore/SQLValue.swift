/// A value bound to, or read from, a SQL statement. Both backends speak this type, so the domain
/// can build statements without knowing which database runs them.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

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
