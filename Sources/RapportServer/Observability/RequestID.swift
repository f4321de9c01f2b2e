import Foundation

/// The id that ties one request's log lines together across a proxy and several instances: the one a proxy
/// or client sent in `X-Request-Id` when it is sane, otherwise a new one. It is echoed in the answer.
enum RequestID {
    static let maximumLength = 128

    /// `incoming` when it is 1 to 128 characters of letters, digits and `-_.:+/=` (what UUIDs, nginx's
    /// `$request_id` and tracing ids use); anything else (empty, too long, spaces, quotes, control
    /// characters a log line could be forged with) is replaced by a new UUID.
    static func accept(_ incoming: String?) -> String {
        if let incoming, isValid(incoming) { return incoming }
        return make()
    }

    static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= maximumLength else { return false }
        return text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                true
            case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "+"),
                UInt8(ascii: "/"), UInt8(ascii: "="):
                true
            default: false
            }
        }
    }

    static func make() -> String {
        UUID().uuidString.lowercased()
    }
}
