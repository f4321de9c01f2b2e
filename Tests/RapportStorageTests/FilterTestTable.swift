import RapportCore

@testable import RapportStorage

/// A table `t (id, v, v_fold)` holding one column of a filter type, on either backend, written and read through
/// the backend's own connection, so PostgreSQL's typed binds are exercised as production uses them.
struct FilterTestTable {
    let database: any SQLDatabase
    let type: FilterValueType
    let column: FilterColumn

    static func create(
        _ type: FilterValueType, rows: [SQLValue], in database: any SQLDatabase
    ) async throws
        -> FilterTestTable
    {
        let dialect = database.dialect
        try await database.write("create filter table") { connection in
            let text = dialect == .postgres ? "TEXT COLLATE \"C\"" : "TEXT"
            let value: String
            switch type {
            case .integer, .boolean: value = dialect == .postgres ? "BIGINT" : "INTEGER"
            case .decimal: value = dialect == .postgres ? "DOUBLE PRECISION" : "REAL"
            case .text, .code, .date, .enumeration: value = text
            }
            try connection.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, v \(value), v_fold \(text))")
            for (id, stored) in rows.enumerated() {
                var folded = SQLValue.null
                if case .text(let text) = stored { folded = .text(CaseFold.fold(text)) }
                try connection.execute(
                    "INSERT INTO t (id, v, v_fold) VALUES (?, ?, ?)", [.integer(Int64(id)), stored, folded])
            }
        }
        return FilterTestTable(
            database: database, type: type, column: FilterColumn(sql: "t.v", foldedSQL: "t.v_fold", type: type))
    }

    /// The ids of the rows the condition selects, in order.
    func select(_ condition: SQLFragment) async throws -> [Int] {
        try await database.read { connection in
            try connection.query("SELECT id FROM t WHERE \(condition.sql) ORDER BY id", condition.binds)
                .map { Int($0.int("id")) }
        }
    }
}
