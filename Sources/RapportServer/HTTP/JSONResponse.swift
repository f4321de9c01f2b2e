import Hummingbird
import NIOCore
import RapportCore

/// Building responses and reading request bodies.
enum JSONResponse {
    static func make(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: value.serialized())))
    }

    static func noContent() -> Response {
        Response(status: .noContent)
    }

    /// Reads a JSON body, refusing one over the JSON size limit (413) or not well-formed (400).
    static func readBody(_ request: Request, context: RapportRequestContext) async throws -> JSONValue {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: BodyLimits.json)
        } catch is NIOTooManyBytesError {
            throw RapportError(.payloadTooLarge, "The JSON body is larger than 10 MiB.")
        }
        if buffer.readableBytes == 0 { return .object(JSONObject()) }
        return try JSONValue.parse(buffer.readableBytesView)
    }
}
