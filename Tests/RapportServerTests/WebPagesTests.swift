import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RapportCore
import Testing

@testable import RapportServer

@Suite("Web UI pages")
struct WebPagesTests {
    @Test func everyPageRendersForAnAdmin() async throws {
        try await withAPI { api, _ in
            try await seedLoggableSegment(api)
            _ = try await api.post("/api/v1/segments/S1/log", "{}")
            try await api.segment("S2", #""description": "Second", "interactionTemplateCode": "LETTER""#)
            try await api.addContacts("S2", #"{"filters": {"contact": {"no": "C1|P11"}}}"#)
            var browser = try await signedIn(api, role: "admin")
            for path in [
                "/segments", "/segments/S2", "/segments/S2?check=true&forSending=true", "/segments/S2/lines/10000",
                "/contacts", "/contacts/C1", "/contacts/P11", "/contacts/import", "/logged-segments",
                "/logged-segments/1", "/interaction-log-entries", "/interaction-log-entries?contactNo=C1",
                "/interaction-templates", "/interaction-templates/LETTER", "/setup", "/setup/salespeople",
                "/setup/salespeople/JO", "/setup/mailing-groups", "/setup/number-series", "/users", "/users/MARY",
            ] {
                let page = try await browser.request(.get, path)
                #expect(page.status == 200, "\(path): \(page.status) \(page.html.suffix(400))")
                #expect(page.html.contains("<h1>"), "\(path)")
                #expect(!page.html.contains(">nil<") && !page.html.contains("\"nil\""), "\(path) shows nil")
            }
            let history = try await browser.request(.get, "/contacts/C1")
            #expect(history.html.contains("<a href=\"/logged-segments/1\">S1</a>"))
            let missing = try await browser.request(.get, "/segments/NOPE")
            #expect(missing.status == 404)
            #expect(missing.html.contains("NOPE"), "\(missing.html.suffix(500))")
            let badFilter = try await browser.request(.get, "/interaction-log-entries?date=notadate")
            #expect(badFilter.status == 422)
            #expect(badFilter.html.contains("id=\"filter-date-error\""))
        }
    }

    @Test func theSegmentsOwnProblemsHaveNoLineLink() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            try await api.segment("E1", #""interactionTemplateCode": "LETTER""#)
            var browser = try await signedIn(api, role: "marketer")
            let check = try await browser.request(.get, "/segments/E1?check=true")
            #expect(
                check.html.contains("<li>The segment, description: The segment needs a description to be logged.</li>"))
            #expect(check.html.contains("<li>The segment, noOfLines: Segment E1 is empty.</li>"))
            #expect(!check.html.contains("/lines/\">"))
        }
    }

    @Test func reuseALoggedSegmentOnANewSegment() async throws {
        try await withAPI { api, _ in
            try await seedLoggableSegment(api)
            _ = try await api.post("/api/v1/segments/S1/log", "{}")
            try await api.segment("S2", #""description": "Again", "interactionTemplateCode": "LETTER""#)
            var browser = try await signedIn(api, role: "marketer")
            let offered = try await browser.request(.get, "/segments/S2")
            #expect(offered.html.contains("<option value=\"1\">1 – segment S1 Spring letter</option>"))
            let reused = try await browser.submit("/segments/S2/reuse-logged-segment", ["loggedSegmentEntryNo": "1"])
            #expect(reused.notice == "Reused logged segment 1: 3 lines added, 0 removed.")
            let again = try await browser.submit("/segments/S2/reuse-logged-segment", ["loggedSegmentEntryNo": "1"])
            #expect(again.status == 409)
            #expect(again.text(id: "reuse-error")?.hasPrefix("This segment already has criteria actions") == true)
            let wrong = try await browser.submit(
                "/segments/S2/reuse-logged-segment", ["loggedSegmentEntryNo": "99", "confirm": "true"])
            #expect(wrong.status == 422)
            #expect(wrong.text(id: "reuse-error") == "Logged segment 99 does not exist.")
        }
    }

    @Test func viewersReadButDoNotWriteAndSetupIsForAdmins() async throws {
        try await withAPI { api, _ in
            try await seedLoggableSegment(api)
            var viewer = try await signedIn(api, role: "viewer", userId: "VERA")
            let worksheet = try await viewer.request(.get, "/segments/S1")
            #expect(worksheet.status == 200)
            #expect(!worksheet.html.contains("action=\"/segments/S1/contacts\""))
            let refused = try await viewer.submit("/segments", ["description": "Not mine to make"])
            #expect(refused.status == 403)
            #expect(refused.html.contains("Your role (viewer) may not do this."))
            #expect(try await viewer.request(.get, "/setup").status == 403)
            #expect(try await viewer.request(.get, "/users").status == 403)
            var marketer = try await signedIn(api, role: "marketer")
            #expect(try await marketer.submit("/setup", ["timeZone": "UTC"]).status == 403)
        }
    }

    @Test func aRoleChangeAppliesAtOnceAndDeactivationSignsOut() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            var mary = try await signedIn(api, role: "marketer")
            #expect(try await mary.submit("/setup/mailing-groups", ["code": "WEB"]).status == 200)
            try await api.patch("/api/v1/users/MARY", #"{"role": "viewer"}"#)
            let refused = try await mary.submit("/setup/mailing-groups", ["code": "WEB2"])
            #expect(refused.status == 403)
            #expect(refused.html.contains("Your role (viewer) may not do this."))
            try await api.patch("/api/v1/users/MARY", #"{"active": false}"#)
            let away = try await mary.request(.get, "/segments")
            #expect(away.status == 303)
            #expect(away.location == "/sign-in?next=/segments")
            #expect(try await mary.request(.get, "/api/v1/segments").status == 401)
        }
    }

    @Test func importReportsEveryBadRowThenImports() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            var browser = try await signedIn(api, role: "marketer")
            let bad = "no,type,name,city\nW1,company,Fine Ltd,Leeds\nW2,robot,Wrong type,York\n"
            let refused = try await Self.runJob(
                &browser,
                try await browser.upload("/contacts/import", field: "file", fileName: "bad.csv", bytes: Array(bad.utf8))
            )
            #expect(refused.status == 422)
            #expect(refused.text(id: "job-error") == "The file has 1 problem(s); nothing was imported.")
            #expect(refused.html.contains("<tr><td>3</td><td>type</td>"))
            #expect(try await api.get("/api/v1/contacts/W1").status == 404)
            let good =
                "no,type,name,city\nW1,company,Harbour & Sons,Leeds\nW2,company,\"<b>Quoted</b>, \"\"ok\"\"\",York\n"
            let done = try await Self.runJob(
                &browser,
                try await browser.upload(
                    "/contacts/import", field: "file", fileName: "good.csv", bytes: Array(good.utf8)))
            #expect(done.status == 200)
            #expect(done.text(id: "job-result")?.hasPrefix("2 contacts created, 0 updated.") == true)
            #expect(try await api.get("/api/v1/contacts/W2").json["name"]?.string == "<b>Quoted</b>, \"ok\"")
            let empty = try await browser.upload("/contacts/import", field: "file", fileName: "", bytes: [])
            #expect(empty.status == 422)
            #expect(empty.html.contains("Choose a CSV file to import."))
            let notMultipart = try await browser.submit("/contacts/import", ["file": "x"])
            #expect(notMultipart.status == 422)
            #expect(notMultipart.html.contains("multipart/form-data"))
        }
    }

    /// Reloads a job page, as its script does, until the job is done.
    static func runJob(_ browser: inout Browser, _ started: Browser.Page) async throws -> Browser.Page {
        var page = started
        #expect(page.path.hasPrefix("/jobs/"))
        for _ in 0..<500 where page.html.contains("id=\"job-status\"") {
            try await Task.sleep(for: .milliseconds(20))
            page = try await browser.request(.get, page.path)
        }
        return page
    }

    @Test func documentsUploadPersonaliseAndDownload() async throws {
        try await withAPI { api, _ in
            try await seedLoggableSegment(api)
            var browser = try await signedIn(api, role: "marketer")
            // Before any document: the line says so and offers no letter to download.
            let bare = try await browser.request(.get, "/segments/S1/lines/10000")
            let document = bare.text(id: "line-document")?.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(document == "Document: none.")
            #expect(!bare.html.contains("Download the merged letter"))
            let letter = try letterDocx(fields: ["ContactName", "NoSuchField"])
            let stored = try await browser.upload(
                "/segments/S1/document", field: "document", fileName: "l.docx", bytes: letter)
            #expect(
                stored.notice == "The segment's document was stored. Unknown merge fields (left empty): NoSuchField.")
            #expect(stored.html.contains("This segment has its own Word document."))
            let notWord = try await browser.upload(
                "/segments/S1/document", field: "document", fileName: "x.docx", bytes: Array("plain text".utf8))
            #expect(notWord.status == 422)
            #expect(notWord.html.contains("id=\"segment-file-error\""))
            let personal = try await browser.upload(
                "/segments/S1/lines/10000/document", field: "document", fileName: "p.docx",
                bytes: try letterDocx(fields: ["ContactName"]))
            #expect(personal.notice == "The line's letter is personalised.")
            #expect(personal.html.contains("personalised for this line"))
            let merged = try await browser.request(.get, "/api/v1/segments/S1/lines/10000/document")
            #expect(merged.status == 200)
            #expect(merged.bytes.prefix(2) == [0x50, 0x4B])
            let archive = try await browser.request(.get, "/api/v1/segments/S1/documents")
            #expect(archive.status == 200)
            #expect(archive.contentType == "application/zip")
            let back = try await browser.submit("/segments/S1/lines/10000/document/delete")
            #expect(back.notice == "The line uses the segment's document again.")
        }
    }

    @Test func theAPITakesTheSessionCookieAndWantsCSRFForWrites() async throws {
        try await withAPI { api, _ in
            try await seedLoggableSegment(api)
            var browser = try await signedIn(api, role: "marketer")
            let read = try await browser.request(.get, "/api/v1/segments/S1")
            #expect(read.status == 200)
            let body = ByteBuffer(string: #"{"action": "add", "filters": {"mailingGroups": {"code": "NEWS"}}}"#)
            let json: HTTPFields = [.contentType: "application/json"]
            let forged = try await browser.request(
                .post, "/api/v1/segments/S1/preview-contacts", headers: json, body: body)
            #expect(forged.status == 403)
            var signed = json
            signed[try #require(HTTPField.Name("X-CSRF-Token"))] = browser.csrf
            let preview = try await browser.request(
                .post, "/api/v1/segments/S1/preview-contacts", headers: signed, body: body)
            #expect(preview.status == 200)
            #expect(preview.html.contains("\"wouldAdd\":1"))
            var stranger = Browser(client: api.client)
            #expect(try await stranger.request(.get, "/api/v1/segments/S1").status == 401)
            _ = try await browser.submit("/sign-out")
            #expect(try await browser.request(.get, "/api/v1/segments/S1").status == 401)
        }
    }

    @Test func loggedSegmentsDeliverCancelFollowUpAndResend() async throws {
        try await withAPI { api, services in
            try await seedLoggableSegment(api)
            var browser = try await signedIn(api, role: "marketer")
            _ = try await browser.upload(
                "/segments/S1/document", field: "document", fileName: "l.docx",
                bytes: try letterDocx(fields: ["ContactName"]))
            let refused = try await browser.submit("/segments/S1/log", ["send": "true"])
            #expect(refused.status == 422)
            #expect(
                refused.html.contains(
                    "<a href=\"/segments/S1/lines/10000\">Line 10000</a> (C1), correspondenceType: "
                        + "Contact C1 has no e-mail address to send to."))
            let mended = try await browser.submit("/segments/S1/lines/10000", ["correspondenceType": "hardCopy"])
            #expect(mended.html.contains("<option value=\"hardCopy\" selected>"))
            let logged = try await browser.submit("/segments/S1/log", ["send": "true"])
            #expect(logged.notice == "Segment S1 was logged: 3 interactions, 3 queued for delivery.")
            #expect(logged.text(id: "deliveries") == "Deliveries: 0 sent, 3 pending, 0 failed, 0 skipped.")
            #expect(logged.html.components(separatedBy: "class=\"status-pending\"").count == 4)
            #expect(await services.delivery.deliverPending() == 3)
            let delivered = try await browser.request(.get, "/logged-segments/1")
            #expect(delivered.text(id: "deliveries") == "Deliveries: 3 sent, 0 pending, 0 failed, 0 skipped.")
            #expect(delivered.html.contains("<a href=\"/api/v1/interaction-log-entries/1/document\">.docx</a>"))
            let letter = try await browser.request(.get, "/api/v1/interaction-log-entries/1/document")
            #expect(letter.status == 200)
            #expect(letter.bytes.prefix(2) == [0x50, 0x4B])
            let archive = try await browser.request(.get, "/api/v1/logged-segments/1/documents")
            #expect(archive.contentType == "application/zip")
            let canceled = try await browser.submit("/logged-segments/1/cancel")
            #expect(canceled.notice == "Logged segment 1 and its entries are canceled.")
            #expect(canceled.html.contains("<h1>Logged segment 1 (canceled)</h1>"))
            let restored = try await browser.submit("/logged-segments/1/cancel", ["canceled": "false"])
            #expect(restored.notice == "Logged segment 1 and its entries are restored.")
            let resent = try await browser.submit("/logged-segments/1/resend", ["all": "true"])
            #expect(resent.notice == "3 entries are queued for delivery again.")
            let followUp = try await browser.submit("/logged-segments/1/follow-up", ["copyInteraction": "true"])
            #expect(followUp.notice.hasPrefix("Follow-up segment FU001 was created."))
            #expect(followUp.text(id: "totals")?.hasPrefix("3 lines") == true)
            let entries = try await browser.request(
                .get, "/interaction-log-entries?segmentNo=S1&deliveryStatus=pending")
            #expect(entries.html.components(separatedBy: "<tr id=\"entry-").count == 4)
            let back = "/interaction-log-entries?segmentNo=S1"
            let canceledEntry = try await browser.submit("/interaction-log-entries/1/cancel", ["back": back])
            #expect(canceledEntry.path == back)
            #expect(canceledEntry.notice == "Entry 1 is canceled.")
            #expect(canceledEntry.html.contains("aria-label=\"Restore entry 1\""))
            let offsite = try await browser.submit(
                "/interaction-log-entries/1/cancel", ["canceled": "false", "back": "https://evil.example/"])
            #expect(offsite.path == "/interaction-log-entries?contactNo=C1")
            #expect(offsite.notice == "Entry 1 is restored.")
            #expect(try await browser.submit("/logged-segments/delete-canceled").status == 403)
        }
    }

    @Test func templatesSetupAndMasterDataPages() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            try await api.post("/api/v1/languages", #"{"code": "ENU", "name": "English"}"#)
            var browser = try await signedIn(api, role: "admin")
            let language = try await browser.submit(
                "/interaction-templates/LETTER/languages", ["languageCode": "enu", "description": "English ✉"])
            #expect(language.notice == "Language ENU was saved.")
            let document = try await browser.upload(
                "/interaction-templates/LETTER/languages/ENU/document", field: "document", fileName: "t.docx",
                bytes: try letterDocx(fields: ["ContactName"]))
            #expect(document.notice == "The ENU document was stored; it uses 1 merge fields.")
            let body = try await browser.submit(
                "/interaction-templates/LETTER/languages/ENU/email-body",
                ["emailBody": "<p>Dear {{ContactName}} & co</p>"])
            #expect(body.notice == "The ENU e-mail body was saved.")
            #expect(body.html.contains("&lt;p&gt;Dear {{ContactName}} &amp; co&lt;/p&gt;"))
            let template = try await browser.submit("/interaction-templates/LETTER", ["unitCost": "x"])
            #expect(template.status == 422)
            #expect(template.html.contains("id=\"unitCost-error\""))
            let setup = try await browser.submit(
                "/setup", ["smtp.port": "many", "companyInformation.name": "Kept & Co"])
            #expect(setup.status == 422)
            #expect(setup.html.contains("id=\"smtp-port-error\""))
            #expect(setup.html.contains("value=\"Kept &amp; Co\""))
            let saved = try await browser.submit(
                "/setup", ["smtp.port": "587", "smtp.security": "startTls", "companyInformation.name": "Cronus ‏שלום"])
            #expect(saved.notice == "The setup was saved.")
            #expect(try await api.get("/api/v1/setup").json["smtp"]?["port"]?.number == 587)
            let person = try await browser.submit("/setup/salespeople", ["code": "ZZ", "name": "Zoë <Z>"])
            #expect(person.notice == "Salesperson ZZ was created.")
            let twice = try await browser.submit("/setup/salespeople", ["code": "ZZ", "name": "Again"])
            #expect(twice.status == 409)
            #expect(twice.html.contains("value=\"Again\""))
            let renamed = try await browser.submit("/setup/salespeople/ZZ", ["name": "Zoë"])
            #expect(renamed.notice == "Salesperson ZZ was saved.")
            let gone = try await browser.submit("/setup/salespeople/ZZ/delete")
            #expect(gone.notice == "Salesperson ZZ was deleted.")
            let user = try await browser.submit(
                "/users", ["userId": "NEWBIE", "role": "viewer", "password": "long enough pass"])
            #expect(user.notice == "User NEWBIE was created.")
            let issued = try await browser.submit("/users/NEWBIE/tokens")
            #expect(issued.notice.hasPrefix("New token "))
            let token = String(issued.notice.split(separator: " ").last ?? "")
            #expect(issued.html.contains("<table id=\"tokens\">"))
            #expect(try await api.acting(as: token).get("/api/v1/me").status == 200)
            let tokenId = issued.notice.split(separator: " ")[2].trimmingCharacters(in: .punctuationCharacters)
            let revoked = try await browser.submit("/users/NEWBIE/tokens/\(tokenId)/revoke")
            #expect(revoked.notice == "Token \(tokenId) was revoked.")
            #expect(!revoked.html.contains("<td>\(tokenId)</td>"))
            #expect(issued.html.contains("<td>\(tokenId)</td>"))
            #expect(try await api.acting(as: token).get("/api/v1/me").status == 401)
            var newbie = Browser(client: api.client)
            #expect(try await newbie.signIn("NEWBIE", "long enough pass").status == 303)
        }
    }
}
