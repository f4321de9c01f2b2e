import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RapportCore
import Testing

/// A browser: keeps cookies, posts forms, reads pages.
struct Browser: Sendable {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]

    struct Page {
        var status: Int
        var html: String
        var location: String?

        /// The CSRF token of the page's first form.
        var csrf: String {
            guard let range = html.range(of: "name=\"csrf\" value=\"") else { return "" }
            return String(html[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    mutating func request(
        _ method: HTTPRequest.Method, _ path: String, form: [String: String]? = nil
    ) async throws -> Page {
        var headers: HTTPFields = [:]
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        var body: ByteBuffer?
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
            location: response.headers[.location])
    }

    mutating func signIn(_ userId: String, _ password: String) async throws -> Page {
        let form = try await request(.get, "/sign-in")
        return try await request(.post, "/sign-in", form: ["csrf": form.csrf, "userId": userId, "password": password])
    }
}

@Suite("Web UI")
struct WebUITests {
    @Test func signInCSRFAndEscaping() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            try await api.post("/api/v1/users", #"{"userId": "mary", "role": "marketer", "password": "correct horse"}"#)
            try await api.post(
                "/api/v1/contacts", #"{"no": "X1", "type": "company", "name": "<script>alert(1)</script>"}"#)
            var browser = Browser(client: api.client)
            let away = try await browser.request(.get, "/segments")
            #expect(away.status == 303)
            #expect(away.location == "/sign-in")
            let wrong = try await browser.signIn("mary", "wrong horse")
            #expect(wrong.status == 422)
            #expect(wrong.html.contains("The user ID or password is not right."))
            #expect(wrong.html.contains("value=\"mary\""))
            let forged = try await browser.request(
                .post, "/sign-in", form: ["csrf": "forged", "userId": "mary", "password": "correct horse"])
            #expect(forged.status == 403)
            let signed = try await browser.signIn("mary", "correct horse")
            #expect(signed.status == 303)
            #expect(signed.location == "/segments")
            let contacts = try await browser.request(.get, "/contacts?q=script")
            #expect(contacts.status == 200)
            #expect(contacts.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!contacts.html.contains("<script>alert(1)"))
            let noToken = try await browser.request(.post, "/segments", form: ["description": "x"])
            #expect(noToken.status == 403)
        }
    }

    @Test func theSegmentWorkflowInTheBrowser() async throws {
        try await withAPI { api, _ in
            try await seedLoggableSegment(api)
            try await api.post(
                "/api/v1/users",
                #"{"userId": "mary", "role": "marketer", "password": "correct horse", "salespersonCode": "JO"}"#)
            var browser = Browser(client: api.client)
            _ = try await browser.signIn("mary", "correct horse")
            let list = try await browser.request(.get, "/segments")
            let bad = try await browser.request(
                .post, "/segments", form: ["csrf": list.csrf, "description": "Kept", "interactionTemplateCode": "NOPE"])
            #expect(bad.status == 422)
            #expect(bad.html.contains("interactionTemplateCode"))
            #expect(bad.html.contains("value=\"Kept\""))
            let created = try await browser.request(
                .post, "/segments",
                form: ["csrf": list.csrf, "description": "Browser letter", "interactionTemplateCode": "LETTER"])
            #expect(created.status == 303)
            let path = try #require(created.location)
            let no = String(path.dropFirst("/segments/".count))
            let preview = try await browser.request(
                .post, "\(path)/contacts", form: ["csrf": list.csrf, "action": "preview", "mailingGroups.code": "NEWS"])
            #expect(
                preview.html.contains("4 contacts would be added (1 excluded from segments, 0 already in the segment).")
            )
            let added = try await browser.request(
                .post, "\(path)/contacts", form: ["csrf": list.csrf, "action": "add", "mailingGroups.code": "NEWS"])
            #expect(added.html.contains("4 lines added."))
            #expect(added.html.contains("Add Contacts: Mailing Group = NEWS"))
            let malformed = try await browser.request(
                .post, "\(path)/contacts", form: ["csrf": list.csrf, "action": "reduce", "contact.city": "A..B..C"])
            #expect(malformed.status == 422)
            #expect(malformed.html.contains("filters.contact.city"))
            #expect(malformed.html.contains("value=\"A..B..C\""))
            let reduced = try await browser.request(
                .post, "\(path)/contacts", form: ["csrf": list.csrf, "action": "reduce", "contact.type": "company"])
            #expect(reduced.html.contains("1 lines removed."))
            #expect(try await browser.request(.post, "\(path)/go-back", form: ["csrf": list.csrf]).status == 303)
            #expect(try await api.lineContacts(no).count == 4)
            let logged = try await browser.request(
                .post, "\(path)/log", form: ["csrf": list.csrf, "createFollowUpSegment": "true"])
            #expect(logged.status == 200)
            #expect(logged.html.contains("Segment \(no) was logged: 4 interactions"))
            #expect(logged.html.contains("Follow-up segment"))
        }
    }
}
