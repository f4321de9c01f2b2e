import RapportCore
import Testing

@testable import RapportServer
@testable import RapportStorage

/// Rollback of a logging run (issue 14, item 3): one transaction undoes a Log, leaving the database as it
/// was before it.
@Suite("Log rollback")
struct LogRollbackTests {
    static let segmentLetter = (try? letterDocx(fields: ["ContactName", "SalespersonName"])) ?? []
    static let personalLetter = (try? letterDocx(fields: ["ContactNo"])) ?? []

    /// S1 as a real worksheet: criteria with an undo journal, a line changed by hand, a segment document,
    /// a personalised line document, lines to send as hard copy, a version frozen by hand; and an earlier
    /// run (S0) whose entry pins LETTER's document, which the rollback must leave alone.
    func seed(_ api: API) async throws {
        try await seedLoggableSegment(api)
        expectSuccess(
            try await api.put("/api/v1/interaction-templates/LETTER/languages/ENU", #"{"description": "Letter"}"#))
        expectSuccess(try await api.patch("/api/v1/interaction-templates/LETTER", #"{"languageCodeDefault": "ENU"}"#))
        expectSuccess(
            try await api.uploadBytes(
                "/api/v1/interaction-templates/LETTER/languages/ENU/document", FrozenDocumentTests.firstLetter))
        try await api.segment("S0", #""interactionTemplateCode": "LETTER", "description": "Earlier letter""#)
        expectSuccess(try await api.addContacts("S0", #"{"filters": {"contact": {"no": "P0"}}}"#))
        expectSuccess(try await api.post("/api/v1/segments/S0/log", "{}"))

        expectSuccess(try await api.addContacts("S1", #"{"filters": {"contact": {"no": "P12"}}}"#))
        expectSuccess(
            try await api.post("/api/v1/segments/S1/reduce-contacts", #"{"filters": {"contact": {"no": "P12"}}}"#))
        for line in [10000, 20000, 30000] {
            expectSuccess(
                try await api.patch("/api/v1/segments/S1/lines/\(line)", #"{"correspondenceType": "hardCopy"}"#))
        }
        expectSuccess(try await api.patch("/api/v1/segments/S1/lines/10000", #"{"subject": "For you"}"#))
        expectSuccess(try await api.uploadBytes("/api/v1/segments/S1/document", Self.segmentLetter))
        expectSuccess(try await api.uploadBytes("/api/v1/segments/S1/lines/20000/document", Self.personalLetter))
        expectSuccess(try await api.post("/api/v1/segments/S1/versions", "{}"))
    }

    func log(_ api: API) async throws {
        let logged = try await api.post("/api/v1/segments/S1/log", #"{"send": true}"#)
        #expect(logged.status == 201, "\(logged.text)")
        #expect(logged.json["loggedSegment"]?["entryNo"]?.number == 2)
        #expect(logged.json["deliveries"]?["queued"]?.number == 3)
    }

    func interactions(_ api: API) async throws -> Double? {
        try await api.get("/api/v1/campaigns/CP1/statistics").json["noOfInteractions"]?.number
    }

    @Test func rollingBackALogLeavesTheDatabaseAsItWasBeforeTheLog() async throws {
        try await withAPI { api, services in
            try await seed(api)
            let before = try await DatabaseSnapshot.read(services)
            // A meaningful comparison: the worksheet, its journal, documents and the earlier run are all there.
            for table in [
                "segment_header", "segment_line", "segment_criteria_action", "segment_removed_line", "segment_document",
                "segment_line_document", "segment_version", "interaction_log_entry", "document_blob",
            ] {
                #expect(before.tables[table]?.isEmpty == false, "\(table) is empty")
            }
            #expect(try await interactions(api) == 0)
            try await log(api)
            #expect(try await interactions(api) == 3)

            let preview = try await api.get("/api/v1/logged-segments/2/rollback")
            #expect(preview.status == 200, "\(preview.text)")
            #expect(preview.json["segmentNo"]?.string == "S1")
            #expect(preview.json["entries"]?.number == 3)
            #expect(preview.json["campaignEntries"]?.number == 1)
            #expect(preview.json["deliveriesQueued"]?.number == 3)
            #expect(preview.json["deliveriesSent"]?.number == 0)
            // The segment's document and the line's own go; LETTER's stays with S0's entry.
            #expect(preview.json["documents"]?.number == 2)

            let rolledBack = try await api.post("/api/v1/logged-segments/2/rollback", "{}")
            #expect(rolledBack.status == 200, "\(rolledBack.text)")
            #expect(rolledBack.json["segmentNo"]?.string == "S1")
            #expect(rolledBack.json["entriesDeleted"]?.number == 3)
            #expect(rolledBack.json["entriesCanceled"]?.number == 0)
            #expect(rolledBack.json["campaignEntriesDeleted"]?.number == 1)
            #expect(rolledBack.json["deliveriesDropped"]?.number == 3)
            #expect(try await interactions(api) == 0)

            var after = try await DatabaseSnapshot.read(services)
            // The recorded rollback itself (one audit entry, and its counter), and the counters Log advanced: entry
            // numbers are never issued twice. Nothing else.
            let rollbacks = after.discountRollback(
                of: 2,
                advanced: ["logged_segment": 1, "interaction_log_entry": 3, "campaign_entry": 1, "audit_entry": 1])
            #expect(rollbacks.count == 1)
            let differences = after.differences(from: before)
            #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")

            // The segment logs again, with new numbers.
            let again = try await api.post("/api/v1/segments/S1/log", "{}")
            #expect(again.status == 201, "\(again.text)")
            #expect(again.json["loggedSegment"]?["entryNo"]?.number == 3)
            #expect(try await api.get("/api/v1/logged-segments/2/rollback").status == 404)
        }
    }

    @Test func aDeliveredRunIsRefusedUnlessIncludeDeliveredWhichCancelsTheDeliveredEntries() async throws {
        try await withAPI { api, services in
            try await seed(api)
            try await log(api)
            // Entry 2 (the first of S1's run) went out; 3 and 4 wait in the queue.
            try await services.deliveryQueue.markSent(2, document: nil)
            let preview = try await api.get("/api/v1/logged-segments/2/rollback")
            #expect(preview.json["deliveriesSent"]?.number == 1)
            #expect(preview.json["deliveriesQueued"]?.number == 2)

            let refused = try await api.post("/api/v1/logged-segments/2/rollback", #"{"includeDelivered": false}"#)
            #expect(refused.status == 409, "\(refused.text)")
            #expect(refused.errorCode == "conflict")
            #expect(refused.errorField == "includeDelivered")
            #expect(try await api.get("/api/v1/logged-segments/2").status == 200)
            #expect(try await api.get("/api/v1/segments/S1").status == 404)

            let rolledBack = try await api.post("/api/v1/logged-segments/2/rollback", #"{"includeDelivered": true}"#)
            #expect(rolledBack.status == 200, "\(rolledBack.text)")
            #expect(rolledBack.json["entriesDeleted"]?.number == 2)
            #expect(rolledBack.json["entriesCanceled"]?.number == 1)
            #expect(rolledBack.json["campaignEntriesDeleted"]?.number == 0)
            #expect(rolledBack.json["deliveriesDropped"]?.number == 2)

            let kept = try await api.get("/api/v1/interaction-log-entries/2")
            #expect(kept.json["canceled"]?.bool == true)
            #expect(kept.json["deliveryStatus"]?.string == "sent")
            #expect(kept.json["loggedSegmentEntryNo"] == .null)
            #expect(try await api.get("/api/v1/interaction-log-entries/3").status == 404)
            let campaignEntry = try await api.get("/api/v1/campaign-entries?registerNo=''")
            #expect(campaignEntry.json["items"]?.array?.map { $0["canceled"]?.bool } == [true])
            #expect(try await interactions(api) == 0)
            #expect(try await api.get("/api/v1/logged-segments/2").status == 404)
            #expect(try await api.lineContacts("S1") == ["C1", "P11", "P21"])

            let audit = try await api.get("/api/v1/audit-log?resource=logged-segments")
            let entry = try #require(audit.json["items"]?.array?.last)
            #expect(entry["action"]?.string == "delete")
            #expect(entry["key"]?.string == "2")
            #expect(entry["userId"]?.string == "ADMIN")
            #expect(entry["changes"]?["rolledBack"]?.array == [.bool(false), .bool(true)])
            #expect(entry["changes"]?["entriesCanceled"]?.array == [.null, .number(1)])
        }
    }

    @Test func anEntryAWorkerIsSendingCountsAsDelivered() async throws {
        try await withAPI { api, services in
            try await seed(api)
            try await log(api)
            // A worker claimed the first entry (a hard copy, in a batch) and may be delivering it: deleting it
            // would lose the record.
            let batch = try await services.deliveryQueue.claimHardCopies(worker: "w1", limit: 1)
            #expect(batch.letters.map(\.entryNo) == [2])
            let preview = try await api.get("/api/v1/logged-segments/2/rollback")
            #expect(preview.json["deliveriesSent"]?.number == 1)
            #expect(preview.json["deliveriesQueued"]?.number == 2)
            #expect(try await api.post("/api/v1/logged-segments/2/rollback", "{}").status == 409)
            let rolledBack = try await api.post("/api/v1/logged-segments/2/rollback", #"{"includeDelivered": true}"#)
            #expect(rolledBack.json["entriesCanceled"]?.number == 1)
            // The worker finishes: the canceled entry records that it went out.
            try await services.deliveryQueue.markSent(2, document: nil)
            let entry = try await api.get("/api/v1/interaction-log-entries/2")
            #expect(entry.json["deliveryStatus"]?.string == "sent")
            #expect(entry.json["canceled"]?.bool == true)
        }
    }

    @Test func aViewerSeesThePreviewButCannotRollBack() async throws {
        try await withAPI { api, _ in
            try await seed(api)
            let viewer = try await api.user("VIC", role: "viewer")
            #expect(try await viewer.get("/api/v1/logged-segments/1/rollback").status == 200)
            #expect(try await viewer.post("/api/v1/logged-segments/1/rollback", "{}").status == 403)
            #expect(try await api.get("/api/v1/logged-segments/1").status == 200)
        }
    }

    @Test func unknownAndOldRunsAreRefused() async throws {
        try await withAPI { api, services in
            try await seed(api)
            #expect(try await api.get("/api/v1/logged-segments/9/rollback").status == 404)
            let openAPI = try await api.get("/openapi.yaml").text
            #expect(openAPI.contains("\"previewLogRollback\""))
            #expect(openAPI.contains("\"rollBackLog\""))
            #expect(openAPI.contains("\"/api/v1/logged-segments/{entryNo}/rollback\""))
            #expect(try await api.post("/api/v1/logged-segments/9/rollback", "{}").status == 404)
            let typo = try await api.post("/api/v1/logged-segments/1/rollback", #"{"includeDeliverd": true}"#)
            #expect(typo.status == 422)
            #expect(typo.errorField == "includeDeliverd")
            // A run logged before Rapport kept what a rollback needs cannot be rolled back.
            _ = try await services.store.write("forget") {
                try $0.execute("DELETE FROM logged_segment_header WHERE entry_no = 1", [])
            }
            let old = try await api.post("/api/v1/logged-segments/1/rollback", "{}")
            #expect(old.status == 409, "\(old.text)")
            #expect(try await api.get("/api/v1/logged-segments/1").status == 200)
        }
    }
}

/// The rollback on the logged segment's page: preview, then confirm; plain forms, no script.
@Suite("Log rollback page")
struct LogRollbackPageTests {
    @Test func aMarketerPreviewsAndConfirmsARollback() async throws {
        try await withAPI { api, _ in
            try await LogRollbackTests().seed(api)
            let logged = try await api.post("/api/v1/segments/S1/log", "{}")
            #expect(logged.status == 201, "\(logged.text)")
            var browser = try await signedIn(api, role: "marketer")
            let page = try await browser.request(.get, "/logged-segments/2")
            #expect(page.html.contains("href=\"/logged-segments/2/rollback\""))
            let preview = try await browser.request(.get, "/logged-segments/2/rollback")
            #expect(preview.status == 200)
            #expect(preview.text(id: "rollback-entries") == "3 interaction log entries")
            #expect(preview.text(id: "rollback-campaign-entries") == "1 campaign entries")
            #expect(!preview.html.contains("include-delivered"), "nothing was delivered")
            #expect(!preview.html.contains("<script>"))
            let done = try await browser.submit("/logged-segments/2/rollback")
            #expect(done.status == 200)
            #expect(
                done.notice
                    == "Logged segment 2 was rolled back: 3 entries deleted, 0 deliveries dropped. Segment S1 is back.")
            #expect(try await api.lineContacts("S1") == ["C1", "P11", "P21"])
        }
    }

    @Test func aDeliveredRunNeedsTheBoxTicked() async throws {
        try await withAPI { api, services in
            try await LogRollbackTests().seed(api)
            try await LogRollbackTests().log(api)
            try await services.deliveryQueue.markSent(2, document: nil)
            var browser = try await signedIn(api, role: "marketer")
            let preview = try await browser.request(.get, "/logged-segments/2/rollback")
            #expect(preview.text(id: "rollback-sent") == "1 deliveries made or being made")
            #expect(preview.html.contains("name=\"includeDelivered\""))
            let refused = try await browser.submit("/logged-segments/2/rollback")
            #expect(refused.status == 409)
            #expect(refused.html.contains("role=\"alert\""))
            #expect(refused.html.contains("includeDelivered"))
            let done = try await browser.submit("/logged-segments/2/rollback", ["includeDelivered": "true"])
            #expect(
                done.notice
                    == "Logged segment 2 was rolled back: 2 entries deleted, 1 delivered entries canceled, "
                    + "2 deliveries dropped. Segment S1 is back.")
        }
    }
}
