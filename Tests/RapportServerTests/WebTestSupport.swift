import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RapportCore
import Testing

@testable import RapportServer

/// A browser: keeps cookies, posts forms and uploads, follows redirects, reads pages.
struct Browser: Sendable {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    /// The CSRF token of the signed-in session (every form carries the same one).
    var csrf = ""

    struct Page {
        var status: Int
        var html: String
        var location: String?
        var contentType: String?
        var bytes: [UInt8] = []
        /// The path this page was asked for.
        var path = ""
        var headers: HTTPFields = [:]

        /// The CSRF token of the page's first form.
        var csrf: String { value(after: "name=\"csrf\" value=\"") }

        /// The one-time notice a redirect left ("4 lines added.").
        var notice: String {
            guard let start = html.range(of: "id=\"notice\">") else { return "" }
            return Self.unescape(String(html[start.upperBound...].prefix { $0 != "<" }))
        }

        /// Text as the browser shows it (Mustache escapes quotes and ampersands).
        static func unescape(_ text: String) -> String {
            text.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&amp;", with: "&")
        }

        func value(after marker: String) -> String {
            guard let range = html.range(of: marker) else { return "" }
            return String(html[range.upperBound...].prefix { $0 != "\"" })
        }

        /// The text of the element with this id, up to its first tag.
        func text(id: String) -> String? {
            guard let start = html.range(of: "id=\"\(id)\"") else { return nil }
            let rest = html[start.upperBound...]
            guard let close = rest.firstIndex(of: ">") else { return nil }
            return Self.unescape(String(rest[rest.index(after: close)...].prefix { $0 != "<" }))
        }
    }

    mutating func request(
        _ method: HTTPRequest.Method, _ path: String, form: [String: String]? = nil,
        headers extra: HTTPFields = [:], body raw: ByteBuffer? = nil
    ) async throws -> Page {
        var headers = extra
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        var body = raw
        if let form {
            headers[.contentType] = "application/x-www-form-urlencoded"
            body = ByteBuffer(
                string: form.map {
                    "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
                }.joined(separator: "&"))
        }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body)
        for value in response.headers[values: .setCookie] {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            if pair.count == 2 {
                cookies[String(pair[0])] = String(pair[1])
            } else if let name = pair.first {
                cookies[String(name)] = nil
            }
        }
        return Page(
            status: Int(response.status.code), html: String(buffer: response.body),
            location: response.headers[.location], contentType: response.headers[.contentType],
            bytes: Array(response.body.readableBytesView), path: path, headers: response.headers)
    }

    /// Posts a form with the session's CSRF token, then follows the redirect as a browser does.
    mutating func submit(_ path: String, _ form: [String: String] = [:]) async throws -> Page {
        var fields = form
        if fields["csrf"] == nil { fields["csrf"] = csrf }
        return try await follow(try await request(.post, path, form: fields))
    }

    /// Uploads one file with a multipart form, then follows the redirect.
    mutating func upload(
        _ path: String, field: String, fileName: String, bytes: [UInt8], form: [String: String] = [:]
    ) async throws -> Page {
        let boundary = "----RapportTest\(UInt32.random(in: 0...UInt32.max))"
        var body = ByteBuffer()
        var fields = form
        if fields["csrf"] == nil { fields["csrf"] = csrf }
        for (name, value) in fields {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        body.writeString(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(fileName)\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n")
        body.writeBytes(bytes)
        body.writeString("\r\n--\(boundary)--\r\n")
        let page = try await request(
            .post, path, headers: [.contentType: "multipart/form-data; boundary=\(boundary)"], body: body)
        return try await follow(page)
    }

    mutating func follow(_ page: Page) async throws -> Page {
        guard page.status == 303, let location = page.location else { return page }
        return try await request(.get, location)
    }

    mutating func signIn(_ userId: String, _ password: String) async throws -> Page {
        let form = try await request(.get, "/sign-in")
        let page = try await request(
            .post, "/sign-in", form: ["csrf": form.csrf, "userId": userId, "password": password])
        if page.status == 303 {
            let landed = try await follow(page)
            csrf = landed.csrf
            return page
        }
        return page
    }
}

/// A browser signed in as a new user with this role (the admin token creates the user).
func signedIn(_ api: API, role: String, userId: String = "MARY") async throws -> Browser {
    try await api.post(
        "/api/v1/users",
        #"{"userId": "\#(userId)", "role": "\#(role)", "password": "correct horse", "salespersonCode": "JO"}"#)
    var browser = Browser(client: api.client)
    let signed = try await browser.signIn(userId, "correct horse")
    #expect(signed.status == 303)
    return browser
}
