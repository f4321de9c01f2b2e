import Foundation
import RapportCore

/// A list request: page size, where to continue, and filter expressions by field name.
public struct ListQuery: Sendable {
    public static let defaultLimit = 100
    public static let maxLimit = 1000

    public var limit: Int
    /// The key of the last record of the previous page.
    public var afterKey: String?
    public var filters: [(field: String, expression: String)]

    public init(
        limit: Int = ListQuery.defaultLimit, afterKey: String? = nil,
        filters: [(field: String, expression: String)] = []
    ) {
        self.limit = limit
        self.afterKey = afterKey
        self.filters = filters
    }

    /// Reads `limit`, `cursor` and filters from query parameters.
    public init(parameters: [(name: String, value: String)]) throws(RapportError) {
        self.init()
        for (name, value) in parameters {
            switch name {
            case "limit":
                guard let limit = Int(value) else { throw .validation("limit", "limit must be a whole number.") }
                guard (1...Self.maxLimit).contains(limit) else {
                    throw .validation("limit", "limit must be between 1 and \(Self.maxLimit).")
                }
                self.limit = limit
            case "cursor":
                guard let key = Cursor.decode(value) else {
                    throw .validation("cursor", "cursor is not one this server issued.")
                }
                afterKey = key
            default:
                filters.append((name, value))
            }
        }
    }
}

/// Opaque paging cursors: the last key of a page, base64url-encoded.
public enum Cursor {
    public static func encode(_ key: String) -> String {
        Data(("k:" + key).utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public static func decode(_ cursor: String) -> String? {
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64.append("=") }
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8),
            text.hasPrefix("k:")
        else { return nil }
        return String(text.dropFirst(2))
    }
}
