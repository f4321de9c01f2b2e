import Foundation
import Hummingbird
import NIOCore
import RapportCore

/// The fields of a form post: an `application/x-www-form-urlencoded` body, or the text parts of a
/// `multipart/form-data` one. Every field comes in through `set`, which refuses NUL (`TextInput`).
struct WebForm: Sendable {
    private(set) var values: [String: String] = [:]

    init() {}

    /// Reads an urlencoded body, decoded as query strings are (`QueryString`).
    init(_ text: String) throws(RapportError) {
        for (name, value) in QueryString.pairs(text) where !name.isEmpty {
            try set(name, value)
        }
    }

    static func read(_ request: Request) async throws -> WebForm {
        var request = request
        let buffer = try await request.collectBody(upTo: BodyLimits.json)
        return try WebForm(String(buffer: buffer))
    }

    /// Sets a field, refusing a name or value holding NUL with `validation_failed` naming the field.
    mutating func set(_ name: String, _ value: String) throws(RapportError) {
        try TextInput.refuseNUL(name, field: name)
        try TextInput.refuseNUL(value, field: name)
        values[name] = value
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
