/// A value bound to, or read from, a SQL statement. Both backends speak this type, so the domain
/// can build statements without knowing which database runs them.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}
