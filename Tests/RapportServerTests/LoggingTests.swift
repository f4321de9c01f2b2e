import RapportCore
import Testing

@testable import RapportServer

/// A segment of C1, P11 and P21 on template LETTER with campaign CP1, ready to log.
func seedLoggableSegment(_ api: API, no: String = "S1") async throws {
    try await seedSegmentWorld(api)
    expectSuccess(try await api.post("/api/v1/campaigns", #"{"no": "CP1", "description": "Spring"}"#))
    expectSuccess(try await api.post("/api/v1/number-series", #"{"code": "SEG", "startingNo": "FU001"}"#))
    expectSuccess(try await api.patch("/api/v1/setup", #"{"segmentNos": "SEG"}"#))
    try await api.post("/api/v1/number-series/SEG", "{}")
    expectSuccess(try await api.patch("/api/v1/number-series/SEG", #"{"allowManualNos": true}"#))
    try await api.segment(
        no,
        #""description": "Spring letter", "interactionTemplateCode": "LETTER", "campaignNo": "CP1", "salespersonCode": "JO""#
    )
    expectSuccess(try await api.addContacts(no, #"{"filters": {"contact": {"no": "C1|P11|P21"}}}"#))
}

@Suite("Logging")
struct LoggingTests {
    @Test func logCreatesTheLoggedSegmentEntriesCampaignEntryAndFollowUp() async throws {
        try await withAPI { api, _ in
            try await seedLoggableSegment(api)
            let logged = try await api.post("/api/v1/segments/S1/log", #"{"createFollowUpSegment": true}"#)
            #expect(logged.status == 201, "\(logged.text)")
            #expect(logged.json["interactionsLogged"]?.number == 3)
            #expect(logged.json["campaignEntriesCreated"]?.number == 1)
            #expect(logged.json["deliveries"]?["queued"]?.number == 0)
            let segment = try #require(logged.json["loggedSegment"])
            #expect(segment["segmentNo"]?.string == "S1")
            #expect(segment["noOfInteractions"]?.number == 3)
            #expect(segment["noOfCampaignEntries"]?.number == 1)
            #expect(segment["userId"]?.string == "ADMIN")
            #expect(segment["interaction"]?["interactionTemplateCode"]?.string == "LETTER")
            #expect(segment["interaction"]?["campaignNo"]?.string == "CP1")

            let entries = try await api.get("/api/v1/interaction-log-entries").json["items"]?.array ?? []
            #expect(entries.map { $0["contactNo"]?.string } == ["C1", "P11", "P21"])
            #expect(entries.map { $0["entryNo"]?.number } == [1, 2, 3])
            for entry in entries {
                #expect(entry["interactionTemplateCode"]?.string == "LETTER")
                #expect(entry["interactionGroupCode"]?.string == "LETTER")
                #expect(entry["cost"]?.number == 1.5)
                #expect(entry["duration"]?.number == 5)
                #expect(entry["informationFlow"]?.string == "outbound")
                #expect(entry["campaignNo"]?.string == "CP1")
                #expect(entry["campaignEntryNo"]?.number == 1)
                #expect(entry["loggedSegmentEntryNo"]?.number == 1)
                #expect(entry["description"]?.string == "Spring letter")
                #expect(entry["deliveryStatus"] == .null)
                #expect(entry["userId"]?.string == "ADMIN")
            }
            let campaignEntries = try await api.get("/api/v1/campaign-entries").json["items"]?.array ?? []
            #expect(campaignEntries.count == 1)
            #expect(campaignEntries.first?["registerNo"]?.number == 1)

            #expect(try await api.get("/api/v1/segments/S1").status == 404)
            let followUpNo = try #require(logged.json["followUpSegmentNo"]?.string)
            let followUp = try await api.get("/api/v1/segments/\(followUpNo)").json
            #expect(followUp["description"]?.string == "Follow-up on segment S1")
            #expect(followUp["campaignNo"]?.string == "CP1")
            #expect(try await api.lineContacts(followUpNo) == ["C1", "P11", "P21"])
            let criteria = try await api.get("/api/v1/segments/\(followUpNo)/criteria").json["items"]?.array ?? []
            #expect(criteria.first?["filters"]?["interactions"]?["loggedSegmentEntryNo"]?.string == "1")

            let again = try await api.post("/api/v1/segments/S1/log", "{}")
            #expect(again.status == 409)
            #expect(again.errorCode == "already_logged")
            let recreate = try await api.post("/api/v1/segments", #"{"no": "S1"}"#)
            #expect(recreate.status == 409)
            #expect(recreate.errorCode == "already_logged")
        }
    }

    @Test func aRefusedLogListsEveryProblemAndChangesNothing() async throws {
        try await withAPI { api, _ in
            try await seedLoggableSegment(api)
            try await api.patch("/api/v1/segments/S1", #"{"description": "", "updateLines": false}"#)
            try await api.patch("/api/v1/segments/S1/lines/10000", #"{"salespersonCode": null}"#)
            try await api.segment("EMPTY", #""description": "Nothing""#)
            let refused = try await api.post("/api/v1/segments/S1/log", "{}")
            #expect(refused.status == 422)
            #expect(refused.errorCode == "log_refused")
            let problems = refused.details.map {
                "\($0["lineNo"]?.number.map { String(Int($0)) } ?? "-"):\($0["field"]?.string ?? "")"
            }
            #expect(problems == ["-:description", "10000:salespersonCode"])
            let empty = try await api.post("/api/v1/segments/EMPTY/log", "{}")
            #expect(empty.details.map { $0["field"]?.string } == ["noOfLines"])
            #expect(try await api.get("/api/v1/segments/S1").status == 200)
            #expect(try await api.get("/api/v1/logged-segments").json["items"]?.array?.isEmpty == true)
            #expect(try await api.get("/api/v1/interaction-log-entries").json["items"]?.array?.isEmpty == true)
            #expect(try await api.get("/api/v1/campaign-entries").json["items"]?.array?.isEmpty == true)
            #expect(try await api.post("/api/v1/segments/NOPE/log", "{}").status == 404)
        }
    }

    @Test func emailWithoutAnAddressBlocksOnlyWhenSending() async throws {
        try await withAPI { api, _ in
            try await seedLoggableSegment(api)
            let document = try await api.uploadBytes("/api/v1/segments/S1/document", try letterDocx(fields: ["No"]))
            #expect(document.status == 201)
            // C1 prefers e-mail but has no address; P21 gets e-mail by hand and has none either.
            try await api.patch("/api/v1/segments/S1/lines/30000", #"{"correspondenceType": "email"}"#)
            let check = try await api.get("/api/v1/segments/S1/log-check?send=true")
            #expect(check.json["ok"]?.bool == false)
            #expect(check.json["problems"]?.array?.compactMap { $0["contactNo"]?.string } == ["C1", "P21"])
            let refused = try await api.post("/api/v1/segments/S1/log", #"{"send": true}"#)
            #expect(refused.status == 422)
            #expect(refused.details.compactMap { $0["contactNo"]?.string } == ["C1", "P21"])
            let logged = try await api.post("/api/v1/segments/S1/log", #"{"send": false}"#)
            #expect(logged.status == 201)
            #expect(logged.json["warnings"]?.array?.compactMap { $0["contactNo"]?.string } == ["C1", "P21"])
            let entries = try await api.get("/api/v1/interaction-log-entries").json["items"]?.array ?? []
            #expect(entries.map { $0["correspondenceType"] } == [.null, .string("hardCopy"), .null])
        }
    }

    @Test func sendingMarksEntriesPendingForDelivery() async throws {
        try await withAPI { api, _ in
            try await seedLoggableSegment(api)
            let document = try await api.uploadBytes("/api/v1/segments/S1/document", try letterDocx(fields: ["No"]))
            #expect(document.status == 201)
            try await api.patch("/api/v1/contacts/C1", #"{"email": "alpha@example.com"}"#)
            let logged = try await api.post("/api/v1/segments/S1/log", #"{"send": true}"#)
            #expect(logged.status == 201, "\(logged.text)")
            #expect(logged.json["deliveries"]?["queued"]?.number == 3)
            #expect(logged.json["loggedSegment"]?["deliveries"]?["pending"]?.number == 3)
            let pending = try await api.get("/api/v1/interaction-log-entries?deliveryStatus=pending")
            #expect(pending.json["items"]?.array?.count == 3)
        }
    }

    @Test func aSendWithoutSomethingToSendIsRefusedLineByLine() async throws {
        try await withAPI { api, _ in
            try await seedLoggableSegment(api)
            try await api.patch("/api/v1/contacts/C1", #"{"email": "alpha@example.com"}"#)
            // C1 gets an e-mail, P11 and P21 hard copies; there is no document and no e-mail body yet.
            #expect(
                try await api.patch("/api/v1/segments/S1/lines/10000", #"{"correspondenceType": "email"}"#).status
                    == 200)
            let problems = { (answer: APIResult) in
                (answer.json["problems"]?.array ?? []).map {
                    "\($0["contactNo"]?.string ?? ""):\($0["field"]?.string ?? "")"
                }
            }
            let check = try await api.get("/api/v1/segments/S1/log-check?send=true")
            #expect(problems(check) == ["C1:document", "P11:document", "P21:document"])
            #expect(check.json["problems"]?[1]?["message"]?.string?.contains("hard copy") == true)
            #expect(check.json["problems"]?[0]?["message"]?.string?.contains("e-mail body") == true)
            let refused = try await api.post("/api/v1/segments/S1/log", #"{"send": true}"#)
            #expect(refused.status == 422)
            #expect(refused.details.map { $0["field"]?.string } == ["document", "document", "document"])
            // Without Send nothing is delivered, so nothing is missing.
            #expect(try await api.get("/api/v1/segments/S1/log-check").json["ok"]?.bool == true)

            // An e-mail body is enough for the e-mail; the hard copies need a document.
            try await api.put("/api/v1/interaction-templates/LETTER/languages/ENU", #"{"description": "Letter"}"#)
            #expect(
                try await api.patch("/api/v1/interaction-templates/LETTER", #"{"languageCodeDefault": "ENU"}"#).status
                    == 200)
            let body = try await api.call(
                .put, "/api/v1/interaction-templates/LETTER/languages/ENU/email-body", "<p>Dear {{ContactName}}</p>",
                contentType: "text/html")
            #expect(body.status == 201)
            #expect(
                problems(try await api.get("/api/v1/segments/S1/log-check?send=true")) == [
                    "P11:document", "P21:document",
                ])
            let document = try await api.uploadBytes("/api/v1/segments/S1/document", try letterDocx(fields: ["No"]))
            #expect(document.status == 201)
            #expect(try await api.get("/api/v1/segments/S1/log-check?send=true").json["ok"]?.bool == true)
            #expect(try await api.post("/api/v1/segments/S1/log", #"{"send": true}"#).status == 201)
        }
    }

    @Test func cancelCascadesAndUnCancellingAnEntryOfACanceledSegmentIsRefused() async throws {
        try await withAPI { api, _ in
            try await seedLoggableSegment(api)
            try await api.post("/api/v1/segments/S1/log", "{}")
            let canceled = try await api.post("/api/v1/logged-segments/1/cancel", #"{"canceled": true}"#)
            #expect(canceled.json["canceled"]?.bool == true)
            #expect(canceled.json["noOfInteractions"]?.number == 3)
            #expect(try await api.get("/api/v1/interaction-log-entries?canceled=true").json["items"]?.array?.count == 3)
            #expect(try await api.get("/api/v1/campaign-entries").json["items"]?[0]?["canceled"]?.bool == true)
            let refused = try await api.post("/api/v1/interaction-log-entries/2/cancel", #"{"canceled": false}"#)
            #expect(refused.status == 409)
            #expect(refused.errorCode == "conflict")
            #expect(
                try await api.post("/api/v1/logged-segments/1/cancel", #"{"canceled": false}"#).json["canceled"]?.bool
                    == false)
            let one = try await api.post("/api/v1/interaction-log-entries/2/cancel", #"{"canceled": true}"#)
            #expect(one.json["canceled"]?.bool == true)
            #expect(try await api.get("/api/v1/logged-segments/1").json["noOfInteractions"]?.number == 2)
            #expect(try await api.post("/api/v1/logged-segments/1/cancel", "{}").errorField == "canceled")
        }
    }

    @Test func deleteCanceledNeedsAdminAndKeepsTheEntriesUnlinked() async throws {
        try await withAPI { api, _ in
            try await seedLoggableSegment(api)
            try await api.post("/api/v1/segments/S1/log", "{}")
            try await api.post("/api/v1/logged-segments/1/cancel", #"{"canceled": true}"#)
            let marketer = try await api.user("MARY", role: "marketer")
            #expect(try await marketer.post("/api/v1/logged-segments/delete-canceled", "{}").status == 403)
            let deleted = try await api.post("/api/v1/logged-segments/delete-canceled", "{}")
            #expect(deleted.json["deleted"]?.number == 1)
            #expect(try await api.get("/api/v1/logged-segments/1").status == 404)
            let entries = try await api.get("/api/v1/interaction-log-entries").json["items"]?.array ?? []
            #expect(entries.count == 3)
            #expect(entries.allSatisfy { $0["loggedSegmentEntryNo"] == .null })
            #expect(try await api.get("/api/v1/campaign-entries").json["items"]?[0]?["registerNo"] == .null)
        }
    }

    @Test func statisticsCountOnlyEntriesThatAreNotCanceled() async throws {
        try await withAPI { api, _ in
            try await seedLoggableSegment(api)
            try await api.post("/api/v1/segments/S1/log", "{}")
            let template = try await api.get("/api/v1/interaction-templates/LETTER/statistics")
            #expect(template.json["noOfInteractions"]?.number == 3)
            #expect(template.json["cost"]?.number == 4.5)
            #expect(template.json["duration"]?.number == 15)
            try await api.post("/api/v1/interaction-log-entries/1/cancel", #"{"canceled": true}"#)
            #expect(try await api.get("/api/v1/campaigns/CP1/statistics").json["noOfInteractions"]?.number == 2)
            #expect(try await api.get("/api/v1/interaction-groups/LETTER/statistics").json["cost"]?.number == 3)
            let none = try await api.get("/api/v1/campaigns/CP1/statistics?date=..2000-01-01")
            #expect(none.json["noOfInteractions"]?.number == 0)
            #expect(try await api.get("/api/v1/campaigns/CP1/statistics?date=bad").errorField == "date")
            #expect(try await api.get("/api/v1/campaigns/NOPE/statistics").status == 404)
        }
    }

    @Test func followUpAndReuseFromAnyLoggedSegment() async throws {
        try await withAPI { api, _ in
            try await seedLoggableSegment(api)
            try await api.post("/api/v1/segments/S1/log", "{}")
            let plain = try await api.post("/api/v1/logged-segments/1/follow-up", "{}")
            #expect(plain.status == 201, "\(plain.text)")
            #expect(plain.json["interactionTemplateCode"] == .null)
            #expect(plain.json["noOfLines"]?.number == 3)
            let copied = try await api.post("/api/v1/logged-segments/1/follow-up", #"{"copyInteraction": true}"#)
            #expect(copied.json["interactionTemplateCode"]?.string == "LETTER")
            #expect(copied.json["unitCost"]?.number == 1.5)

            try await api.segment("S9")
            try await api.addContacts("S9", #"{"filters": {"contact": {"no": "P12"}}}"#)
            let unconfirmed = try await api.post(
                "/api/v1/segments/S9/reuse-logged-segment", #"{"loggedSegmentEntryNo": 1}"#)
            #expect(unconfirmed.errorCode == "confirmation_required")
            let reused = try await api.post(
                "/api/v1/segments/S9/reuse-logged-segment", #"{"loggedSegmentEntryNo": 1, "confirm": true}"#)
            #expect(reused.json["linesAdded"]?.number == 3)
            let lines = try await api.lines("S9")
            #expect(lines.map { $0["contactNo"]?.string } == ["P12", "C1", "P11", "P21"])
            #expect(lines.dropFirst().allSatisfy { $0["campaignNo"]?.string == "CP1" })
            let unknown = try await api.post(
                "/api/v1/segments/S9/reuse-logged-segment", #"{"loggedSegmentEntryNo": 99, "confirm": true}"#)
            #expect(unknown.status == 422)
            #expect(unknown.errorField == "loggedSegmentEntryNo")
            // The interaction log is a filter table of Add Contacts too.
            try await api.segment("S10")
            let added = try await api.addContacts(
                "S10", #"{"filters": {"interactions": {"campaignNo": "CP1", "canceled": "false"}}}"#)
            #expect(added.json["linesAdded"]?.number == 3)
        }
    }
}
