import Hummingbird
import NIOCore
import RapportCore

/// The per-request context: Hummingbird's core plus the authenticated user.
public struct RapportRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `AuthenticationMiddleware` for `/api` requests.
    public var user: ActingUser?
    /// The peer the request came from (a proxy's address when one is in front), for the sign-in log.
    public let remoteAddress: SocketAddress?

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
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
