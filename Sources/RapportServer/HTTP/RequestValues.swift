import Hummingbird
import RapportCore

extension Request {
    /// The JSON body (an empty body reads as `{}`), refused over 10 MiB (413) or not well-formed (400).
    func json(_ context: RapportRequestContext) async throws -> JSONValue {
        try await JSONResponse.readBody(self, context: context)
    }
}

extension RapportRequestContext {
    /// A path parameter as a typed key (`{no}` of a segment, `{code}` of saved criteria).
    func key<Entity>(_ name: String, of _: Entity.Type = Entity.self) throws -> Key<Entity> {
        Key<Entity>(try parameters.require(name))
    }

    /// A path parameter that numbers a record; one that is not a positive whole number cannot exist (404).
    func number<Entity>(_ name: String, _ what: String, of _: Entity.Type = Entity.self) throws -> Number<Entity> {
        let text = try parameters.require(name)
        guard let number = Number<Entity>(text) else { throw RapportError.notFound(what, text) }
        return number
    }

    var segmentNo: Segment.No {
        get throws { try key("no") }
    }
}

/// A domain value the API answers with, in the contract's JSON shape.
protocol JSONRepresentable {
    var json: JSONValue { get }
}

extension JSONResponse {
    static func make(_ value: some JSONRepresentable, status: HTTPResponse.Status = .ok) -> Response {
        make(value.json, status: status)
    }
}

extension JSONValue {
    /// A whole number (counts, entry numbers) as JSON.
    static func integer(_ value: some BinaryInteger) -> JSONValue { .number(Double(value)) }

    /// A string, or null for nil.
    static func optional(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }
}
