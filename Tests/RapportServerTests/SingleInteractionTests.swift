import RapportCore
import Testing

@testable import RapportServer

/// One interaction with one contact, and Make Phone Call (issue 11, item 3).
@Suite("Single interactions")
struct SingleInteractionTests {
    @Test func anInteractionWithOneContactFollowsTheSegmentLineRules() async throws {
        try await withAPI { api, _ in
            try await seedLoggableSegment(api)
            let created = try await api.post(
                "/api/v1/contacts/P21/interactions",
                #"{"interactionTemplateCode": "letter", "timeOfInteraction": "09:30", "evaluation": "positive", "campaignNo": "CP1", "salespersonCode": "JO", "comments": ["Met at the fair"]}"#
            )
            #expect(created.status == 201, "\(created.text)")
            let entry = created.json
            #expect(entry["contactNo"]?.string == "P21")
            #expect(entry["contactCompanyNo"]?.string == "C2")
            #expect(entry["interactionTemplateCode"]?.string == "LETTER")
            #expect(entry["description"]?.string == "Letter")
            #expect(entry["cost"]?.number == 1.5)
            #expect(entry["duration"]?.number == 5)
            // P21 prefers hard copy (BC §3.3: the contact's own type when the template does not override).
            #expect(entry["correspondenceType"]?.string == "hardCopy")
            #expect(entry["timeOfInteraction"]?.string == "09:30")
            #expect(entry["evaluation"]?.string == "positive")
            #expect(entry["segmentNo"] == .null)  // A blank optional code reads null, as everywhere.
            #expect(entry["loggedSegmentEntryNo"] == .null)
            #expect(entry["date"]?.string == CalendarDate.today(in: .gmt).description)
            #expect(entry["comments"]?[0]?["text"]?.string == "Met at the fair")
            #expect(entry["deliveryStatus"] == .null)
            let campaign = try await api.get("/api/v1/campaign-entries").json["items"]?.array ?? []
            #expect(campaign.map { $0["campaignNo"]?.string } == ["CP1"])
            #expect(entry["campaignEntryNo"]?.number == campaign.first?["entryNo"]?.number)
            let statistics = try await api.get("/api/v1/interaction-templates/LETTER/statistics")
            #expect(statistics.json["noOfInteractions"]?.number == 1)
            // Nothing of the worksheet it was built on is left.
            #expect(try await api.get("/api/v1/segments").json["items"]?.array?.map { $0["no"]?.string } == ["S1"])
        }
    }

    @Test func badInteractionsAreRefusedByFieldAndChangeNothing() async throws {
        try await withAPI { api, _ in
            try await seedLoggableSegment(api)
            let cases: [(String, String, Int)] = [
                (#"{}"#, "interactionTemplateCode", 422),
                (#"{"interactionTemplateCode": "NOPE"}"#, "interactionTemplateCode", 422),
                (#"{"interactionTemplateCode": "LETTER", "timeOfInteraction": "25:00"}"#, "timeOfInteraction", 422),
                (#"{"interactionTemplateCode": "LETTER", "cost": -1}"#, "cost", 422),
                (#"{"interactionTemplateCode": "LETTER", "colour": "red"}"#, "colour", 422),
                (#"{"interactionTemplateCode": "LETTER", "comments": "one"}"#, "comments", 400),
            ]
            for (body, field, status) in cases {
                let refused = try await api.post("/api/v1/contacts/P21/interactions", body)
                #expect(refused.status == status, "\(body): \(refused.text)")
                #expect(refused.errorField == field, "\(body)")
            }
            // Sending a letter needs a document (the log check's rule).
            let unsent = try await api.post(
                "/api/v1/contacts/P21/interactions", #"{"interactionTemplateCode": "LETTER", "send": true}"#)
            #expect(unsent.status == 422)
            #expect(unsent.errorField == "document")
            #expect(
                try await api.post("/api/v1/contacts/NOPE/interactions", #"{"interactionTemplateCode": "LETTER"}"#)
                    .status == 422)
            #expect(try await api.get("/api/v1/interaction-log-entries").json["items"]?.array?.isEmpty == true)
            #expect(try await api.get("/api/v1/campaign-entries").json["items"]?.array?.isEmpty == true)
            #expect(try await api.get("/api/v1/segments").json["items"]?.array?.count == 1)
        }
    }

    @Test func phoneCallsNeedSetupsPhoneCallTemplate() async throws {
        try await withAPI { api, _ in
            try await seedLoggableSegment(api)
            let missing = try await api.post("/api/v1/contacts/C1/phone-calls", #"{"attemptFailed": true}"#)
            #expect(missing.status == 422)
            #expect(missing.errorField == "phoneCallTemplateCode")
            #expect(
                try await api.post(
                    "/api/v1/interaction-templates",
                    #"{"code": "CALL", "description": "Phone call", "unitDuration": 3, "initiatedBy": "us"}"#
                ).status == 201)
            #expect(try await api.patch("/api/v1/setup", #"{"phoneCallTemplateCode": "CALL"}"#).status == 200)
            #expect(try await api.patch("/api/v1/contacts/C1", #"{"phoneNo": "+44 113 496 0000"}"#).status == 200)
            let call = try await api.post(
                "/api/v1/contacts/C1/phone-calls", #"{"attemptFailed": true, "comments": ["No answer"]}"#)
            #expect(call.status == 201, "\(call.text)")
            #expect(call.json["interactionTemplateCode"]?.string == "CALL")
            #expect(call.json["description"]?.string == "Phone call")
            #expect(call.json["attemptFailed"]?.bool == true)
            #expect(call.json["contactVia"]?.string == "+44 113 496 0000")
            #expect(call.json["correspondenceType"] == .null)
            #expect(call.json["duration"]?.number == 3)
            #expect(call.json["timeOfInteraction"]?.string?.count == 5)

            // From a segment line: the line's campaign and salesperson come along.
            let fromLine = try await api.post(
                "/api/v1/segments/S1/lines/20000/phone-call",
                #"{"evaluation": "neutral", "contactVia": "+44 7700 900123"}"#)
            #expect(fromLine.status == 201, "\(fromLine.text)")
            #expect(fromLine.json["contactNo"]?.string == "P11")
            #expect(fromLine.json["campaignNo"]?.string == "CP1")
            #expect(fromLine.json["salespersonCode"]?.string == "JO")
            #expect(fromLine.json["description"]?.string == "Spring letter")
            #expect(fromLine.json["evaluation"]?.string == "neutral")
            #expect(fromLine.json["contactVia"]?.string == "+44 7700 900123")
            #expect(try await api.post("/api/v1/segments/S1/lines/99/phone-call", "{}").status == 404)
            // The segment itself is untouched.
            #expect(try await api.get("/api/v1/segments/S1").json["noOfLines"]?.number == 3)
        }
    }
}
