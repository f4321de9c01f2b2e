import RapportCore

@testable import RapportServer
@testable import RapportStorage

/// Every row of every table of a test database, read with `SELECT *` ordered by all columns, to compare the
/// whole database before and after a change.
struct DatabaseSnapshot: Equatable {
    /// Table name → its rows, each the values in column order.
    var tables: [String: [[SQLValue]]]

    static func read(_ services: RapportServices) async throws -> DatabaseSnapshot {
        try await services.store.read { connection in
            let names: [String]
            switch connection.dialect {
            case .sqlite:
                names = try connection.query(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", []
                ).map { $0.text("name") }
            case .postgres:
                names = try connection.query(
                    """
                    SELECT table_name FROM information_schema.tables
                    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name
                    """, []
                ).map { $0.text("table_name") }
            }
            var tables: [String: [[SQLValue]]] = [:]
            for name in names {
                let columns = try columnCount(name, connection)
                let order = (1...max(columns, 1)).map(String.init).joined(separator: ", ")
                tables[name] = try connection.query("SELECT * FROM \(name) ORDER BY \(order)", []).map(\.values)
            }
            return DatabaseSnapshot(tables: tables)
        }
    }

    static func columnCount(_ table: String, _ connection: any SQLConnection) throws -> Int {
        switch connection.dialect {
        case .sqlite:
            return try connection.query("SELECT name FROM pragma_table_info(?)", [.text(table)]).count
        case .postgres:
            return Int(
                try connection.scalar(
                    "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() "
                        + "AND table_name = ?", [.text(table)])?.intValue ?? 0)
        }
    }

    /// The tables whose rows differ from `other`'s, each with the rows only one side has.
    func differences(from other: DatabaseSnapshot) -> [String] {
        Set(tables.keys).union(other.tables.keys).sorted().compactMap { name in
            let mine = tables[name] ?? []
            let theirs = other.tables[name] ?? []
            guard mine != theirs else { return nil }
            let only = mine.filter { !theirs.contains($0) }
            let missing = theirs.filter { !mine.contains($0) }
            return "\(name): only here \(only.prefix(3)), only there \(missing.prefix(3))"
        }
    }

    /// Takes back what a rollback of logged segment `entryNo` leaves on purpose, so the rest can be compared with
    /// the state before its Log: its own audit entry (returned), and the entry counters `advanced` by the Log
    /// (numbers are never issued twice).
    mutating func discountRollback(of entryNo: Int, advanced: [String: Int64]) -> [[SQLValue]] {
        let audit = tables["audit_entry"] ?? []
        let rollbacks = audit.filter { $0.contains(.text("logged-segments")) && $0.contains(.text(String(entryNo))) }
        tables["audit_entry"] = audit.filter { !rollbacks.contains($0) }
        tables["entry_sequence"] = tables["entry_sequence"]?.map { row in
            guard case .text(let name) = row[0], let by = advanced[name], case .integer(let value) = row[1]
            else { return row }
            return [row[0], .integer(value - by)]
        }
        return rollbacks
    }
}
