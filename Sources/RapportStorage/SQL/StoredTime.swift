import Foundation

/// How a moment is kept in a text column on both databases: RFC 3339 in UTC to the second
/// (`2026-12-06T05:10:00Z`), so text order is time order and a comparison in SQL needs no conversion.
enum StoredTime {
    /// The stored text of `date`.
    static func text(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// The moment a stored text names; the epoch for text that is not one (a column written by hand).
    static func date(_ text: String) -> Date {
        (try? Date(text, strategy: .iso8601)) ?? Date(timeIntervalSince1970: 0)
    }
}
