import Foundation
import Hummingbird
import NIOCore
import RapportCore

/// An `application/x-www-form-urlencoded` body.
struct WebForm: Sendable {
    var values: [String: String] = [:]

    init(_ text: String) {
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            guard let key = parts.first, !key.isEmpty else { continue }
            values[key] = parts.count > 1 ? parts[1] : ""
        }
    }

    static func read(_ request: Request) async throws -> WebForm {
        var request = request
        let buffer = try await request.collectBody(upTo: BodyLimits.json)
        return WebForm(String(buffer: buffer))
    }

    subscript(_ name: String) -> String { values[name] ?? "" }

    /// Non-empty values whose names start with `prefix.` (filter fields: `contact.city` → `city`).
    func group(_ prefix: String) -> [(String, String)] {
        values.filter { $0.key.hasPrefix(prefix + ".") && !$0.value.isEmpty }
            .map { (String($0.key.dropFirst(prefix.count + 1)), $0.value) }.sorted { $0.0 < $1.0 }
    }
}

extension Request {
    /// A cookie's value.
    func cookie(_ name: String) -> String? {
        guard let header = headers[.cookie] else { return nil }
        for part in header.split(separator: ";") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0] == name { return String(pair[1]) }
        }
        return nil
    }
}
