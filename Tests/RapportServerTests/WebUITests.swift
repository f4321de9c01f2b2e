import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RapportCore
import Testing

@testable import RapportServer

@Suite("Web UI")
struct WebUITests {
    @Test func signInCSRFAndEscaping() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            try await api.post("/api/v1/users", #"{"userId": "mary", "role": "marketer", "password": "correct horse"}"#)
            try await api.post(
                "/api/v1/contacts", #"{"no": "X1", "type": "company", "name": "<script>alert(1)</script>"}"#)
            var browser = Browser(client: api.client)
            let away = try await browser.request(.get, "/segments/S1")
            #expect(away.status == 303)
            #expect(away.location == "/sign-in?next=/segments/S1")
            let wrong = try await browser.signIn("mary", "wrong horse")
            #expect(wrong.status == 422)
            #expect(wrong.html.contains("The user ID or password is not right."))
            #expect(wrong.html.contains("value=\"mary\""))
            let forged = try await browser.request(
                .post, "/sign-in", form: ["csrf": "forged", "userId": "mary", "password": "correct horse"])
            #expect(forged.status == 403)
            let form = try await browser.request(.get, "/sign-in?next=/contacts")
            let signed = try await browser.request(
                .post, "/sign-in",
                form: ["csrf": form.csrf, "userId": "mary", "password": "correct horse", "next": "/contacts"])
            #expect(signed.status == 303)
            #expect(signed.location == "/contacts")
            let elsewhere = try await browser.request(
                .post, "/sign-in",
                form: ["csrf": form.csrf, "userId": "mary", "password": "correct horse", "next": "//evil.example"])
            #expect(elsewhere.location == "/")
            for path in ["/contacts?name=script", "/contacts/X1", "/segments"] {
                let page = try await browser.request(.get, path)
                #expect(page.status == 200)
                #expect(!page.html.contains("<script>alert(1)"))
            }
            let contacts = try await browser.request(.get, "/contacts?name=script")
            #expect(contacts.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            let card = try await browser.request(.get, "/contacts/X1")
            #expect(card.html.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>"))
            let noToken = try await browser.request(.post, "/segments", form: ["description": "x"])
            #expect(noToken.status == 403)
            #expect(try await api.get("/api/v1/segments").json["items"]?.array?.isEmpty == true)
        }
    }

    @Test func theSegmentWorkflowInTheBrowser() async throws {
        try await withAPI { api, _ in
            try await seedLoggableSegment(api)
            var browser = try await signedIn(api, role: "marketer")
            let bad = try await browser.submit("/segments", ["description": "Kept", "interactionTemplateCode": "NOPE"])
            #expect(bad.status == 422)
            #expect(bad.html.contains("id=\"interactionTemplateCode-error\""))
            #expect(bad.html.contains("value=\"Kept\""))
            let created = try await browser.submit(
                "/segments", ["description": "Browser letter", "interactionTemplateCode": "LETTER"])
            #expect(created.status == 200)
            #expect(created.notice.hasPrefix("Segment "))
            let no = created.value(after: "action=\"/segments/").components(separatedBy: "/")[0]
            #expect(no == "FU001")
            let path = "/segments/\(no)"
            // The header kept the user's salesperson: a blank drop-down does not clear a default.
            #expect(try await api.get("/api/v1\(path)").json["salespersonCode"]?.string == "JO")
            let preview = try await browser.submit(
                "\(path)/contacts", ["action": "preview", "mailingGroups.code": "NEWS"])
            #expect(
                preview.text(id: "preview")
                    == "4 contacts would be added (1 excluded from segments, 0 already in the segment).")
            #expect(preview.html.contains("value=\"NEWS\""))
            let added = try await browser.submit("\(path)/contacts", ["action": "add", "mailingGroups.code": "NEWS"])
            #expect(added.notice == "4 lines added; the segment has 4 lines.")
            #expect(added.html.contains("Add Contacts: Mailing Group = NEWS"))
            let malformed = try await browser.submit(
                "\(path)/contacts", ["action": "reduce", "contact.city": "A..B..C"])
            #expect(malformed.status == 422)
            #expect(malformed.html.contains("id=\"f-contact-city-error\""))
            #expect(malformed.html.contains("value=\"A..B..C\""))
            let reduced = try await browser.submit("\(path)/contacts", ["action": "reduce", "contact.type": "company"])
            #expect(reduced.notice == "1 lines removed; the segment has 3 lines.")
            let back = try await browser.submit("\(path)/go-back")
            #expect(back.notice == "The last action was undone: 4 lines.")
            #expect(try await api.lineContacts(no).count == 4)
            let saved = try await browser.submit(
                "\(path)/save-criteria", ["code": "news", "description": "Newsletter"])
            #expect(saved.notice == "The criteria were saved as NEWS.")
            let duplicate = try await browser.submit("\(path)/save-criteria", ["code": "NEWS"])
            #expect(duplicate.status == 409)
            #expect(duplicate.html.contains("id=\"save-code-error\""))
            let unconfirmed = try await browser.submit("\(path)/reuse-criteria", ["code": "NEWS"])
            #expect(unconfirmed.status == 409)
            #expect(unconfirmed.text(id: "reuse-error")?.contains("Add to the existing criteria") == true)
            let header = try await browser.submit(
                "\(path)/header", ["unitCost": "abc", "subjectDefault": "Kept subject"])
            #expect(header.status == 422)
            #expect(header.html.contains("id=\"h-unitCost-error\""))
            #expect(header.html.contains("value=\"abc\""))
            #expect(header.html.contains("value=\"Kept subject\""))
            let line = try await browser.submit("\(path)/lines/10000", ["description": ""])
            #expect(line.notice == "Line 10000 was saved.")
            let check = try await browser.request(.get, "\(path)?check=true")
            #expect(check.html.contains("<a href=\"\(path)/lines/10000\">Line 10000</a>"))
            #expect(check.html.contains("The line has no description."))
            let refused = try await browser.submit("\(path)/log", ["createFollowUpSegment": "true"])
            #expect(refused.status == 422)
            #expect(refused.html.contains("The line has no description."))
            _ = try await browser.submit("\(path)/lines/10000", ["description": "Mended", "from": "line"])
            let logged = try await browser.submit("\(path)/log", ["createFollowUpSegment": "true"])
            #expect(logged.status == 200)
            #expect(logged.html.contains("<h1>Logged segment "))
            #expect(logged.notice.hasPrefix("Segment \(no) was logged: 4 interactions."))
            #expect(logged.notice.contains("Follow-up segment"))
        }
    }
}
