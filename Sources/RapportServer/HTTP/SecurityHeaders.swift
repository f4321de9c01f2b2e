import HTTPTypes
import Hummingbird

/// The security headers of every answer, set in one place. HTML pages get a strict Content-Security-Policy
/// (only this site's own scripts and styles, no inline code, no framing), `Referrer-Policy: same-origin`
/// and, behind a trusted proxy that says the request came over HTTPS, `Strict-Transport-Security`. Every answer is
/// `nosniff`; API answers are `no-store`, as they carry contacts, users and letters.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = RapportRequestContext

    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    static let strictTransportSecurity = "max-age=31536000"
    static let contentTypeOptions = HTTPField.Name("X-Content-Type-Options")
    static let frameOptions = HTTPField.Name("X-Frame-Options")
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")
    static let csp = HTTPField.Name("Content-Security-Policy")
    static let hsts = HTTPField.Name("Strict-Transport-Security")

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        // Whether the client reached us over HTTPS is what a trusted proxy says (`RequestTracingMiddleware`); the
        // session cookie's `Secure` flag is decided the same way.
        Self.apply(to: &response.headers, path: request.uri.path, isHTTPS: context.isHTTPS)
        return response
    }

    static func apply(to headers: inout HTTPFields, path: String, isHTTPS: Bool) {
        set(contentTypeOptions, "nosniff", in: &headers)
        if isHTTPS { set(hsts, strictTransportSecurity, in: &headers) }
        if headers[.contentType]?.hasPrefix("text/html") == true {
            set(csp, contentSecurityPolicy, in: &headers)
            set(frameOptions, "DENY", in: &headers)
            set(referrerPolicy, "same-origin", in: &headers)
        }
        if path.hasPrefix("/api/"), headers[.cacheControl] == nil { headers[.cacheControl] = "no-store" }
    }

    private static func set(_ name: HTTPField.Name?, _ value: String, in headers: inout HTTPFields) {
        if let name { headers[name] = value }
    }
}
