import Foundation
import RapportCore

/// How a criteria action's filters are kept in its `filters` column: a JSON object of tables of fields
/// of expressions (`{"contact":{"city":"Leeds|York"}}`), read back through the same parser requests use.
enum StoredFilters {
    static func encode(_ filters: SegmentFilters) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // A dictionary of strings always encodes.
        let data = (try? encoder.encode(filters.expressions)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ text: String) throws -> SegmentFilters {
        let tables: [String: [String: String]]
        do {
            tables = try JSONDecoder().decode([String: [String: String]].self, from: Data(text.utf8))
        } catch {
            throw RapportError(.unavailable, "A stored criteria action has unreadable filters: \(error).")
        }
        return try SegmentFilters.parse(tables)
    }
}
