import Hummingbird
import NIOCore
import RapportCore
import Synchronization

/// The per-request context: Hummingbird's core plus the authenticated user.
public struct RapportRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `AuthenticationMiddleware` for `/api` requests; from then on the request's log lines carry the
    /// user ID, and the request log line too (through `trace`).
    public var user: ActingUser? {
        didSet {
            logger[metadataKey: "userId"] = user.map { .string($0.userId) }
            trace.setUserId(user?.userId)
        }
    }
    /// The peer the request came from (a proxy's address when one is in front).
    public let remoteAddress: SocketAddress?
    /// The request's id (`X-Request-Id`), set by `RequestTracingMiddleware` before anything else runs.
    public var requestId = ""
    /// The client's address: the peer's, or, from a trusted proxy, the one it forwarded (`TrustedProxies`).
    public var clientAddress: String?
    /// Whether the client reached us over HTTPS, as a trusted proxy says (`X-Forwarded-Proto`).
    public var isHTTPS = false
    /// What inner middlewares and handlers learn about the request that the outer ones log.
    let trace = RequestTrace()

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
        self.clientAddress = remoteAddress?.ipAddress
    }

    /// JSON bodies are limited to 10 MiB (api.md); larger uploads stream with their own limits.
    public var maxUploadSize: Int { BodyLimits.json }

    /// The authenticated user; every `/api` route runs behind the authentication middleware.
    public func actingUser() throws(RapportError) -> ActingUser {
        guard let user else { throw RapportError(.unauthenticated, "Sign in with a bearer token.") }
        return user
    }
}

/// Request body size limits of the API contract.
public enum BodyLimits {
    public static let json = 10 * 1024 * 1024
    public static let document = 25 * 1024 * 1024
    public static let csvImport = 1024 * 1024 * 1024
}

/// The part of a request's context that middlewares further out see after the request is handled: the
/// context itself is a value, handed inwards.
final class RequestTrace: Sendable {
    private let state = Mutex<String?>(nil)

    /// The signed-in user's ID, once authentication knows it.
    var userId: String? { state.withLock { $0 } }

    func setUserId(_ userId: String?) {
        state.withLock { $0 = userId }
    }
}
