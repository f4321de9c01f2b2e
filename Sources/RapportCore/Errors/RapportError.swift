/// Why an operation was refused. Each boundary (HTTP, CLI, web page) translates a kind once:
/// the server to a status and `error.code`, the CLI to a sysexits code.
public enum ErrorKind: String, Sendable, Equatable {
    case malformedRequest = "malformed_request"
    case unauthenticated
    case forbidden
    case notFound = "not_found"
    case methodNotAllowed = "method_not_allowed"
    case alreadyExists = "already_exists"
    case alreadyLogged = "already_logged"
    case confirmationRequired = "confirmation_required"
    case conflict
    case payloadTooLarge = "payload_too_large"
    case validationFailed = "validation_failed"
    case logRefused = "log_refused"
    /// The store could not be reached or failed for a reason that is not the request's fault.
    case unavailable
    /// A helper program (the PDF converter) did not finish within its time limit.
    case timedOut = "timed_out"
    /// The disk is full: a download, upload or import could not be written (nothing was kept).
    case insufficientStorage = "insufficient_storage"
}

/// One problem among many, reported in `error.details` (CSV rows, segment lines).
public struct Problem: Sendable, Equatable {
    public var row: Int?
    public var lineNo: Int?
    public var contactNo: String?
    public var field: String?
    public var message: String

    public init(row: Int? = nil, lineNo: Int? = nil, contactNo: String? = nil, field: String?, message: String) {
        self.row = row
        self.lineNo = lineNo
        self.contactNo = contactNo
        self.field = field
        self.message = message
    }
}

/// The one error type use cases throw: a kind, a sentence for people, and the field at fault.
public struct RapportError: Error, Sendable, Equatable, CustomStringConvertible {
    public var kind: ErrorKind
    public var message: String
    /// The request field's path (`description`, `filters.contact.postCode`), or nil.
    public var field: String?
    public var details: [Problem]

    public init(_ kind: ErrorKind, _ message: String, field: String? = nil, details: [Problem] = []) {
        self.kind = kind
        self.message = message
        self.field = field
        self.details = details
    }

    public var description: String { field.map { "\(message) (\($0))" } ?? message }

    public static func validation(_ field: String, _ message: String) -> RapportError {
        RapportError(.validationFailed, message, field: field)
    }

    public static func malformed(_ message: String, field: String? = nil) -> RapportError {
        RapportError(.malformedRequest, message, field: field)
    }

    public static func notFound(_ what: String, _ key: String) -> RapportError {
        RapportError(.notFound, "\(what) '\(key)' does not exist.")
    }
}
