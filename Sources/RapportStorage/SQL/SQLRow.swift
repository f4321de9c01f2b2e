import RapportCore

/// One result row; columns are looked up by name through an index shared by all rows of a result.
package struct SQLRow: Sendable {
    package final class Columns: Sendable {
        package let names: [String]
        let positions: [String: Int]

        package init(_ names: [String]) {
            self.names = names
            var positions: [String: Int] = [:]
            for (index, name) in names.enumerated() where positions[name] == nil { positions[name] = index }
            self.positions = positions
        }
    }

    package let columns: Columns
    package let values: [SQLValue]

    package init(columns: Columns, values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    package subscript(_ name: String) -> SQLValue {
        guard let index = columns.positions[name], index < values.count else { return .null }
        return values[index]
    }

    package func text(_ name: String) -> String { self[name].textValue ?? "" }
    package func int(_ name: String) -> Int64 { self[name].intValue ?? 0 }
    package func double(_ name: String) -> Double { self[name].doubleValue ?? 0 }
    package func bool(_ name: String) -> Bool { int(name) != 0 }
}
