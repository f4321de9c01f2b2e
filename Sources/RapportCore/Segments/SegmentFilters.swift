/// The filters of one Add/Reduce/Refine run: per table, per field, a parsed BC filter expression.
/// Within a table all fields hold on the same related record; across tables all must hold (BC §2.2).
public struct SegmentFilters: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let table: FilterTable
        public let field: FilterTable.Field
        public let expression: FilterExpression
    }

    /// Entries in criteria-text order: tables as `FilterTable.all`, fields as each table lists them.
    public let entries: [Entry]

    public init(entries: [Entry] = []) {
        self.entries = entries
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// The entries of one table.
    public func entries(of table: FilterTable) -> [Entry] { entries.filter { $0.table == table } }

    /// Reads the `filters` object of a request; every problem names its path (`filters.contact.city`).
    public static func parse(_ value: JSONValue?, path: String = "filters") throws(RapportError) -> SegmentFilters {
        guard let value, value != .null else { return SegmentFilters() }
        guard case .object(let object) = value else {
            throw RapportError.malformed("\(path) must be an object.", field: path)
        }
        for key in object.keys where FilterTable.named(key) == nil {
            throw RapportError.validation("\(path).\(key)", "\(path).\(key) is not a table that can be filtered.")
        }
        var entries: [Entry] = []
        for table in FilterTable.all {
            guard let tableValue = object[table.key], tableValue != .null else { continue }
            let tablePath = "\(path).\(table.key)"
            guard case .object(let fields) = tableValue else {
                throw RapportError.malformed("\(tablePath) must be an object.", field: tablePath)
            }
            for key in fields.keys where table.field(named: key) == nil {
                throw RapportError.validation(
                    "\(tablePath).\(key)", "\(tablePath).\(key) is not a field that can be filtered.")
            }
            for field in table.fields {
                guard let raw = fields[field.name], raw != .null else { continue }
                let fieldPath = "\(tablePath).\(field.name)"
                guard case .string(let text) = raw else {
                    throw RapportError.malformed("\(fieldPath) must be a filter expression string.", field: fieldPath)
                }
                do {
                    let expression = try FilterExpression.parse(text, as: field.type)
                    entries.append(Entry(table: table, field: field, expression: expression))
                } catch {
                    throw RapportError.validation(fieldPath, "\(fieldPath): \(error.message)")
                }
            }
        }
        return SegmentFilters(entries: entries)
    }

    /// The filters in the request's shape, with each expression in canonical form.
    public var json: JSONValue {
        var object = JSONObject()
        for entry in entries {
            var table = object[entry.table.key]?.objectValue ?? JSONObject()
            table[entry.field.name] = .string(entry.expression.text)
            object[entry.table.key] = .object(table)
        }
        return .object(object)
    }

    /// `Mailing Group = NEWS; Contact: Salesperson Code = JO|RB`.
    public var text: String {
        var parts: [String] = []
        for table in FilterTable.all {
            let tableEntries = entries(of: table)
            guard !tableEntries.isEmpty else { continue }
            if table.fields.count == 1, table.table != nil, let entry = tableEntries.first {
                parts.append("\(table.caption) = \(entry.expression.text)")
            } else {
                let fields = tableEntries.map { "\($0.field.caption) = \($0.expression.text)" }
                parts.append("\(table.caption): " + fields.joined(separator: ", "))
            }
        }
        return parts.joined(separator: "; ")
    }

    /// Plain values that name codes (`NEWS` in `NEWS|PROMO`), with the table they must exist in.
    public var referencedCodes: [(path: String, table: String, code: String)] {
        entries.flatMap { entry -> [(path: String, table: String, code: String)] in
            guard let table = entry.field.reference else { return [] }
            return entry.expression.root.plainValues.map {
                ("filters.\(entry.table.key).\(entry.field.name)", table, $0)
            }
        }
    }
}

extension FilterNode {
    /// The values compared for equality in positive terms: the codes a user means to select.
    var plainValues: [String] {
        switch self {
        case .or(let nodes), .and(let nodes): nodes.flatMap(\.plainValues)
        case .comparison(.equal, .text(let value), _): [value]
        default: []
        }
    }
}
