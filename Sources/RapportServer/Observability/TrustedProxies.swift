import Foundation
import NIOCore

/// The proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed (`serve --trusted-proxy`). From
/// anyone else those headers are ignored: a client could otherwise pick the address its sign-ins are logged
/// under, or claim HTTPS and get `Secure` cookies over plain HTTP.
public struct TrustedProxies: Sendable, Equatable {
    /// The proxies' addresses, as `SocketAddress` writes them (`127.0.0.1`, `::1`).
    public let addresses: Set<String>

    /// Takes IP addresses (IPv4 or IPv6, no ports or ranges); throws `ProblemAddress` naming the first that
    /// is not one.
    public init(_ addresses: [String]) throws(ProblemAddress) {
        var normalized: Set<String> = []
        for text in addresses {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard let address = Self.normalize(trimmed) else { throw ProblemAddress(text: text) }
            normalized.insert(address)
        }
        self.addresses = normalized
    }

    /// No proxy is trusted.
    public static let nobody = TrustedProxies(normalized: [])

    private init(normalized: Set<String>) {
        self.addresses = normalized
    }

    /// A value that is not an IP address.
    public struct ProblemAddress: Error, Equatable {
        public var text: String
    }

    /// Where a request came from and whether over HTTPS: the peer itself, unless the peer is a trusted proxy;
    /// then the nearest address in `X-Forwarded-For` (read from the right) that is not a trusted proxy, and
    /// the proxy's `X-Forwarded-Proto`.
    func client(peer: String?, forwardedFor: String?, forwardedProto: String?) -> (address: String?, isHTTPS: Bool) {
        guard let peer, addresses.contains(peer) else { return (peer, false) }
        let isHTTPS =
            forwardedProto?.split(separator: ",").last?.trimmingCharacters(in: .whitespaces)
            .lowercased() == "https"
        var client = peer
        for hop in (forwardedFor ?? "").split(separator: ",").reversed() {
            guard let address = Self.normalize(hop.trimmingCharacters(in: .whitespaces)) else { break }
            client = address
            if !addresses.contains(address) { break }
        }
        return (client, isHTTPS)
    }

    /// The address as `SocketAddress` writes it, or nil when the text is not an IP address.
    static func normalize(_ text: String) -> String? {
        guard !text.isEmpty, let address = try? SocketAddress(ipAddress: text, port: 0) else { return nil }
        return address.ipAddress
    }
}
