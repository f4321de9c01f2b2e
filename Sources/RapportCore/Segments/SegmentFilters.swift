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

    /// Reads filter expressions by table key and field name (the `filters` object of a request, a form's
    /// filter tabs, a stored criteria action); every problem names its path (`filters.contact.city`).
    public static func parse(
        _ tables: [String: [String: String]], path: String = "filters"
    ) throws(RapportError) -> SegmentFilters {
        for key in tables.keys.sorted() where FilterTable.named(key) == nil {
            throw RapportError.validation("\(path).\(key)", "\(path).\(key) is not a table that can be filtered.")
        }
        var entries: [Entry] = []
        for table in FilterTable.all {
            guard let fields = tables[table.key] else { continue }
            let tablePath = "\(path).\(table.key)"
            for key in fields.keys.sorted() where table.field(named: key) == nil {
                throw RapportError.validation(
                    "\(tablePath).\(key)", "\(tablePath).\(key) is not a field that can be filtered.")
            }
            for field in table.fields {
                guard let text = fields[field.name] else { continue }
                let expression = try FilterExpression.parse(text, as: field.type, path: "\(tablePath).\(field.name)")
                entries.append(Entry(table: table, field: field, expression: expression))
            }
        }
        return SegmentFilters(entries: entries)
    }

    /// The expressions by table key and field name, each in canonical form: what `parse` reads back.
    public var expressions: [String: [String: String]] {
        var tables: [String: [String: String]] = [:]
        for entry in entries { tables[entry.table.key, default: [:]][entry.field.name] = entry.expression.text }
        return tables
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
