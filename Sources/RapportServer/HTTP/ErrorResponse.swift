import Hummingbird
import NIOCore
import RapportCore
import RapportStorage

/// The one place where errors become HTTP answers in the API's error shape.
enum ErrorResponse {
    static func status(for kind: ErrorKind) -> HTTPResponse.Status {
        switch kind {
        case .malformedRequest: .badRequest
        case .unauthenticated: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .alreadyExists, .alreadyLogged, .confirmationRequired, .conflict: .conflict
        case .payloadTooLarge: .contentTooLarge
        case .validationFailed, .logRefused: .unprocessableContent
        case .unavailable: .internalServerError
        case .timedOut: .serviceUnavailable
        case .insufficientStorage: insufficientStorage
        }
    }

    /// 507 (RFC 4918): the server cannot store what the request needs; HTTPTypes has no name for it.
    static let insufficientStorage = HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage")

    static func body(for error: RapportError) -> JSONValue {
        var object = JSONObject([
            ("code", .string(error.kind.rawValue)),
            ("message", .string(error.message)),
            ("field", error.field.map { .string($0) } ?? .null),
        ])
        if !error.details.isEmpty { object["details"] = .array(error.details.map(json)) }
        return .object(JSONObject([("error", .object(object))]))
    }

    static func json(_ problem: Problem) -> JSONValue {
        var object = JSONObject()
        if let row = problem.row { object["row"] = .number(Double(row)) }
        if problem.row == nil {
            object["lineNo"] = problem.lineNo.map { .number(Double($0)) } ?? .null
            object["contactNo"] = problem.contactNo.map { .string($0) } ?? .null
        }
        object["field"] = problem.field.map { .string($0) } ?? .null
        object["message"] = .string(problem.message)
        return .object(object)
    }

    static func response(for error: RapportError) -> Response {
        var response = JSONResponse.make(body(for: error), status: status(for: error.kind))
        if error.kind == .unauthenticated { response.headers[.wwwAuthenticate] = "Bearer" }
        return response
    }

    /// Maps anything thrown below the API to the error shape; unknown failures are logged, not shown.
    static func translate(_ error: any Error) -> RapportError {
        switch error {
        case let error as RapportError: return error
        case is NIOTooManyBytesError:
            return RapportError(.payloadTooLarge, "The request body is larger than allowed.")
        case let error as HTTPError:
            switch error.status {
            case .notFound: return RapportError(.notFound, "No such resource.")
            case .contentTooLarge: return RapportError(.payloadTooLarge, "The request body is larger than allowed.")
            case .badRequest: return RapportError(.malformedRequest, error.body ?? "The request is malformed.")
            case .unauthorized: return RapportError(.unauthenticated, error.body ?? "Sign in with a bearer token.")
            case .forbidden: return RapportError(.forbidden, error.body ?? "Not allowed.")
            default:
                return RapportError(.malformedRequest, error.body ?? "The request could not be handled.")
            }
        default:
            // Use cases throw only RapportError (the store translates what its backend reports), so
            // anything else is a fault of this server, reported without its internals.
            return RapportError(.unavailable, "Unexpected error: \(type(of: error)).")
        }
    }
}
