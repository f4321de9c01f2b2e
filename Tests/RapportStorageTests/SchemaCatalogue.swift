import RapportStorage

/// A database's schema as both backends can describe it, in PostgreSQL's type names: what the migrations
/// of the two dialects must agree on.
struct SchemaCatalogue: Equatable {
    var tables: [String: Table]

    struct Table: Equatable {
        var columns: [Column]
        var primaryKey: [String]
        var foreignKeys: [ForeignKey]
        var indexes: [Index]
        var checks: [Check]
    }

    struct Column: Equatable, CustomStringConvertible {
        var name: String
        /// `bigint`, `double precision`, `text` (in code-point order) or `bytea`.
        var type: String
        var isNullable: Bool
        /// The default's literal without casts, or nil.
        var defaultValue: String?

        var description: String {
            "\(name) \(type)\(isNullable ? "" : " NOT NULL")" + (defaultValue.map { " DEFAULT \($0)" } ?? "")
        }
    }

    struct ForeignKey: Equatable, Comparable, CustomStringConvertible {
        var columns: [String]
        var table: String
        var referencedColumns: [String]
        var onDelete: String
        var onUpdate: String

        var description: String {
            "(\(columns.joined(separator: ", "))) → \(table) (\(referencedColumns.joined(separator: ", "))) "
                + "ON DELETE \(onDelete) ON UPDATE \(onUpdate)"
        }

        static func < (lhs: Self, rhs: Self) -> Bool { lhs.description < rhs.description }
    }

    /// An index other than the primary key's. A UNIQUE constraint's index has no name of its own (each
    /// backend makes one up), so it is compared by its columns alone.
    struct Index: Equatable, Comparable, CustomStringConvertible {
        var name: String?
        var isUnique: Bool
        var columns: [String]

        var description: String {
            (isUnique ? "UNIQUE " : "") + (name ?? "(constraint)") + " (\(columns.joined(separator: ", ")))"
        }

        static func < (lhs: Self, rhs: Self) -> Bool { lhs.description < rhs.description }
    }

    /// A CHECK constraint by the columns it reads and the literals it compares them with: the two
    /// backends print the same expression differently (PostgreSQL adds casts, `= ANY (ARRAY[…])`).
    struct Check: Equatable, Comparable, CustomStringConvertible {
        var columns: [String]
        var literals: [String]

        init(expression: String, tableColumns: Set<String>) {
            let tokens = SQLTokens(expression)
            columns = Array(Set(tokens.identifiers.filter { tableColumns.contains($0) })).sorted()
            literals = tokens.literals.sorted()
        }

        var description: String {
            "CHECK on (\(columns.joined(separator: ", "))) with [\(literals.joined(separator: ", "))]"
        }

        static func < (lhs: Self, rhs: Self) -> Bool { lhs.description < rhs.description }
    }

    /// What differs, one line per table and aspect, for a failure message that says where to look.
    func differences(from other: SchemaCatalogue) -> [String] {
        var lines: [String] = []
        for name in Set(tables.keys).union(other.tables.keys).sorted() {
            guard let mine = tables[name], let theirs = other.tables[name] else {
                lines.append("\(name): only in \(tables[name] == nil ? "the second" : "the first")")
                continue
            }
            func compare<T: Equatable>(_ aspect: String, _ a: [T], _ b: [T]) {
                if a != b { lines.append("\(name) \(aspect):\n  \(a)\n  \(b)") }
            }
            compare("columns", mine.columns, theirs.columns)
            compare("primary key", mine.primaryKey, theirs.primaryKey)
            compare("foreign keys", mine.foreignKeys, theirs.foreignKeys)
            compare("indexes", mine.indexes, theirs.indexes)
            compare("checks", mine.checks, theirs.checks)
        }
        return lines
    }
}
