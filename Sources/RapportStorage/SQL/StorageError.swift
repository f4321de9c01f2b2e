import RapportCore

/// What a backend reports when a statement fails; use cases translate it to a `RapportError`
/// where they know what the constraint means.
package enum StorageError: Error, Sendable, CustomStringConvertible {
    case uniqueViolation(String)
    case foreignKeyViolation(String)
    case checkViolation(String)
    case notNullViolation(String)
    /// Another writer holds the database longer than the busy timeout.
    case busy(String)
    /// The database's disk (or quota) is full; the transaction was rolled back.
    case diskFull(String)
    case cannotOpen(String)
    case other(String)

    package var description: String {
        switch self {
        case .uniqueViolation(let message): "unique constraint: \(message)"
        case .foreignKeyViolation(let message): "foreign key constraint: \(message)"
        case .checkViolation(let message): "check constraint: \(message)"
        case .notNullViolation(let message): "not-null constraint: \(message)"
        case .busy(let message): "database busy: \(message)"
        case .diskFull(let message): "database disk full: \(message)"
        case .cannotOpen(let message): "cannot open database: \(message)"
        case .other(let message): message
        }
    }
}
