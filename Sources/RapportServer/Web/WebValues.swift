import Foundation
import RapportCore

extension WebRoutes {
    /// JSON as the plain values Mustache reads. Null is `NSNull`, which Mustache prints as nothing and treats as
    /// false: a blank string would be true, and `{{#field}}` sections would show for fields that are not set.
    static func plain(_ value: JSONValue) -> Any {
        switch value {
        case .null: return NSNull()
        case .bool(let flag): return flag
        case .number: return WebFields.text(value)
        case .string(let text): return text
        case .array(let items): return items.map(plain)
        case .object(let object):
            var dictionary: [String: Any] = [:]
            for member in object.members { dictionary[member.key] = plain(member.value) }
            return dictionary
        }
    }

    /// A query string of non-empty pairs, each value percent-encoded.
    static func query(_ pairs: [(String, String)]) -> String {
        pairs.filter { !$0.1.isEmpty }.map {
            "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        }.joined(separator: "&")
    }

    /// A path segment, percent-encoded (codes may hold spaces or slashes).
    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-_.~"))) ?? text
    }
}

extension JSONValue {
    func member(_ key: String) -> JSONValue? { objectValue?[key] }

    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    var numberValue: Double? {
        if case .number(let number) = self { return number }
        return nil
    }
}
