import RapportCore

/// One result row; columns are looked up by name through an index shared by all rows of a result.
public struct SQLRow: Sendable {
    public final class Columns: Sendable {
        public let names: [String]
        let positions: [String: Int]

        public init(_ names: [String]) {
            self.names = names
            var positions: [String: Int] = [:]
            for (index, name) in names.enumerated() where positions[name] == nil { positions[name] = index }
            self.positions = positions
        }
    }

    public let columns: Columns
    public let values: [SQLValue]

    public init(columns: Columns, values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    public subscript(_ name: String) -> SQLValue {
        guard let index = columns.positions[name], index < values.count else { return .null }
        return values[index]
    }

    public func text(_ name: String) -> String { self[name].textValue ?? "" }
    public func int(_ name: String) -> Int64 { self[name].intValue ?? 0 }
    public func double(_ name: String) -> Double { self[name].doubleValue ?? 0 }
    public func bool(_ name: String) -> Bool { int(name) != 0 }
}
