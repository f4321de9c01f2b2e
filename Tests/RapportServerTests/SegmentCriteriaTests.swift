import RapportCore
import Testing

@testable import RapportServer
@testable import RapportStorage

@Suite("Criteria, Go Back and saved criteria")
struct SegmentCriteriaTests {
    static let news = #"{"filters": {"mailingGroups": {"code": "NEWS"}, "contact": {"salespersonCode": "JO|RB"}}}"#

    @Test func theCriteriaListReadsLikeBusinessCentral() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            try await api.segment("S1")
            try await api.addContacts("S1", Self.news)
            try await api.post(
                "/api/v1/segments/S1/reduce-contacts",
                #"{"filters": {"industryGroups": {"code": "retail"}}, "entireCompanies": true}"#)
            let criteria = try await api.get("/api/v1/segments/S1/criteria").json["items"]?.array ?? []
            #expect(criteria.count == 2)
            #expect(
                criteria[0]["text"]?.string == "Add Contacts: Mailing Group = NEWS; Contact: Salesperson Code = JO|RB")
            #expect(criteria[0]["filters"]?["contact"]?["salespersonCode"]?.string == "JO|RB")
            #expect(criteria[1]["text"]?.string == "Reduce Contacts (Entire Companies): Industry Group = RETAIL")
            #expect(criteria[1]["entireCompanies"]?.bool == true)
            #expect(criteria[1]["actionNo"]?.number == 2)
        }
    }

    @Test func goBackRestoresExactlyWhatEachActionChangedDownToEmpty() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            try await api.segment("S1")
            try await api.addContacts("S1", Self.news)
            let before = try await api.lines("S1")
            // Override a line, then remove it with a Reduce.
            try await api.patch(
                "/api/v1/segments/S1/lines/30000",
                #"{"description": "Personal note ✍️", "cost": 9.5, "evaluation": "positive"}"#)
            let overridden = try await api.lines("S1")
            try await api.post("/api/v1/segments/S1/reduce-contacts", #"{"filters": {"contact": {"no": "P11|P0"}}}"#)
            #expect(try await api.lineContacts("S1") == ["C1", "P21"])
            try await api.addContacts("S1", #"{"filters": {"contact": {"no": "P12"}}}"#)

            #expect(try await api.post("/api/v1/segments/S1/go-back", "{}").json["noOfCriteriaActions"]?.number == 2)
            #expect(try await api.lineContacts("S1") == ["C1", "P21"])
            let restored = try await api.post("/api/v1/segments/S1/go-back", "{}")
            #expect(restored.json["noOfLines"]?.number == 4)
            #expect(try await api.lines("S1") == overridden)
            #expect(overridden != before)
            #expect(try await api.lines("S1")[2]["description"]?.string == "Personal note ✍️")
            #expect(try await api.post("/api/v1/segments/S1/go-back", "{}").json["noOfLines"]?.number == 0)
            let nothing = try await api.post("/api/v1/segments/S1/go-back", "{}")
            #expect(nothing.status == 409)
            #expect(nothing.errorCode == "conflict")
            #expect(nothing.errorField == "noOfCriteriaActions")
        }
    }

    /// The undo journal keeps no key to its segment (0022): deleting the segment still deletes what it journalled.
    @Test func deletingASegmentDeletesItsUndoJournal() async throws {
        try await withAPI { api, services in
            try await seedSegmentWorld(api)
            for segment in ["S1", "S2"] {
                try await api.segment(segment)
                try await api.addContacts(segment, Self.news)
                try await api.post(
                    "/api/v1/segments/\(segment)/reduce-contacts", #"{"filters": {"contact": {"no": "P11|P0"}}}"#)
            }
            let journalled = {
                try await services.store.read { connection in
                    try connection.query(
                        "SELECT segment_no, COUNT(*) AS lines FROM segment_removed_line GROUP BY segment_no ORDER BY 1",
                        []
                    ).map { "\($0.text("segment_no")) \($0.int("lines"))" }
                }
            }
            #expect(try await journalled() == ["S1 2", "S2 2"])
            #expect(try await api.delete("/api/v1/segments/S1").status == 204)
            #expect(try await journalled() == ["S2 2"])
        }
    }

    @Test func manualLinesAreCriteriaActionsToo() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            try await api.segment("S1")
            let line = try await api.post(
                "/api/v1/segments/S1/lines", #"{"contactNo": "p11", "description": "Hand-picked"}"#)
            #expect(line.status == 201, "\(line.text)")
            #expect(line.json["lineNo"]?.number == 10000)
            #expect(line.json["description"]?.string == "Hand-picked")
            #expect(line.json["contactCompanyNo"]?.string == "C1")
            let changed = try await api.patch("/api/v1/segments/S1/lines/10000", #"{"contactNo": "P21"}"#)
            #expect(changed.json["contactNo"]?.string == "P21")
            #expect(changed.json["lineNo"]?.number == 10000)
            let texts = try await api.get("/api/v1/segments/S1/criteria").json["items"]?.array?.compactMap {
                $0["text"]?.string
            }
            #expect(
                texts == [
                    "Add Contacts: Contact: No. = P11", "Reduce Contacts: Contact: No. = P11",
                    "Add Contacts: Contact: No. = P21",
                ])
            try await api.post("/api/v1/segments/S1/go-back", "{}")
            try await api.post("/api/v1/segments/S1/go-back", "{}")
            #expect(try await api.lines("S1").first?["description"]?.string == "Hand-picked")

            let keep = try await api.delete("/api/v1/segments/S1/lines/10000?resetCriteria=false")
            #expect(keep.status == 204)
            #expect(try await api.get("/api/v1/segments/S1").json["noOfCriteriaActions"]?.number == 2)
            try await api.post("/api/v1/segments/S1/go-back", "{}")
            #expect(try await api.delete("/api/v1/segments/S1/lines/10000").status == 204)
            #expect(try await api.get("/api/v1/segments/S1").json["noOfCriteriaActions"]?.number == 0)
        }
    }

    @Test func saveAndReuseReproduceTheLinesAndFollowTodaysData() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            try await api.segment("S1")
            try await api.addContacts("S1", Self.news)
            try await api.post("/api/v1/segments/S1/refine-contacts", #"{"filters": {"contact": {"type": "person"}}}"#)
            let saved = try await api.post(
                "/api/v1/segments/S1/save-criteria", #"{"code": "newspeople", "description": "People on NEWS"}"#)
            #expect(saved.status == 201, "\(saved.text)")
            #expect(saved.json["code"]?.string == "NEWSPEOPLE")
            #expect(saved.json["userId"]?.string == "ADMIN")
            #expect(saved.json["noOfActions"]?.number == 2)
            let code = try #require(saved.json["code"]?.string)

            try await api.segment("S2")
            let reused = try await api.post("/api/v1/segments/S2/reuse-criteria", #"{"code": "\#(code)"}"#)
            #expect(reused.status == 200, "\(reused.text)")
            #expect(try await api.lineContacts("S2") == api.lineContacts("S1"))
            #expect(reused.json["noOfCriteriaActions"]?.number == 2)

            // Master data changed: Bob joins NEWS; reuse picks him up.
            try await api.patch("/api/v1/contacts/P12", #"{"mailingGroups": ["NEWS"]}"#)
            try await api.segment("S3")
            try await api.post("/api/v1/segments/S3/reuse-criteria", #"{"code": "\#(code)"}"#)
            #expect(try await api.lineContacts("S3") == ["P0", "P11", "P12", "P21"])

            let unconfirmed = try await api.post("/api/v1/segments/S3/reuse-criteria", #"{"code": "\#(code)"}"#)
            #expect(unconfirmed.status == 409)
            #expect(unconfirmed.errorCode == "confirmation_required")
            #expect(
                try await api.post("/api/v1/segments/S3/reuse-criteria", #"{"code": "\#(code)", "confirm": true}"#)
                    .status == 200)

            let duplicate = try await api.post("/api/v1/segments/S1/save-criteria", #"{"code": "\#(code)"}"#)
            #expect(duplicate.status == 409)
            #expect(duplicate.errorCode == "already_exists")
            #expect(try await api.get("/api/v1/saved-criteria").json["items"]?.array?.count == 1)
            #expect(try await api.get("/api/v1/saved-criteria/\(code)").json["actions"]?.array?.count == 2)
            #expect(try await api.delete("/api/v1/saved-criteria/\(code)").status == 204)
            #expect(try await api.get("/api/v1/saved-criteria/\(code)").status == 404)
        }
    }

    @Test func badInputGetsTheDocumentedErrorAndChangesNothing() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            try await api.segment("S1")
            try await api.addContacts("S1", Self.news)
            let cases: [(String, String, Int, String?, String?)] = [
                ("/api/v1/segments/NOPE/add-contacts", "{}", 404, "not_found", nil),
                (
                    "/api/v1/segments/S1/add-contacts", #"{"filters": {"mailingGroups": {"code": "GHOST"}}}"#, 422,
                    "validation_failed", "filters.mailingGroups.code"
                ),
                (
                    "/api/v1/segments/S1/add-contacts", #"{"filters": {"contact": {"postCode": "A..B..C"}}}"#, 422,
                    "validation_failed", "filters.contact.postCode"
                ),
                (
                    "/api/v1/segments/S1/add-contacts", #"{"filters": {"contact": {"shoe": "1"}}}"#, 422,
                    "validation_failed", "filters.contact.shoe"
                ),
                (
                    "/api/v1/segments/S1/add-contacts", #"{"filters": {"contact": {"city": 5}}}"#, 400,
                    "malformed_request", "filters.contact.city"
                ),
                (
                    "/api/v1/segments/S1/add-contacts", #"{"expandCompanies": "yes"}"#, 400, "malformed_request",
                    "expandCompanies"
                ),
                (
                    "/api/v1/segments/S1/reduce-contacts", #"{"expandCompanies": true}"#, 422, "validation_failed",
                    "expandCompanies"
                ),
                (
                    "/api/v1/segments/S1/reuse-criteria", #"{"code": "NOPE", "confirm": true}"#, 422,
                    "validation_failed", "code"
                ),
                ("/api/v1/segments/S1/lines", #"{"contactNo": "NOPE"}"#, 422, "validation_failed", "contactNo"),
                (
                    "/api/v1/segments/S1/lines", #"{"contactNo": "P12", "correspondenceType": "fax"}"#, 422,
                    "validation_failed", "correspondenceType"
                ),
                ("/api/v1/segments/S1/preview-contacts", #"{"action": "merge"}"#, 422, "validation_failed", "action"),
            ]
            let before = try await api.lines("S1")
            for (path, body, status, code, field) in cases {
                let answer = try await api.post(path, body)
                #expect(answer.status == status, "\(path) \(body): \(answer.text)")
                #expect(answer.errorCode == code, "\(body)")
                #expect(answer.errorField == field, "\(body)")
            }
            #expect(try await api.lines("S1") == before)
            #expect(try await api.get("/api/v1/segments/S1").json["noOfCriteriaActions"]?.number == 1)

            try await api.segment("EMPTY")
            let nothingToSave = try await api.post("/api/v1/segments/EMPTY/save-criteria", #"{"code": "X"}"#)
            #expect(nothingToSave.status == 422)
            #expect(nothingToSave.errorField == "noOfCriteriaActions")
        }
    }

    @Test func anActionThatFailsPartWayLeavesTheSegmentAsItWas() async throws {
        try await withAPI { api, services in
            try await seedSegmentWorld(api)
            try await api.segment("S1")
            try await api.addContacts("S1", #"{"filters": {"contact": {"no": "P0|C1"}}}"#)
            let before = try await api.lines("S1")
            // A trigger makes the database fail in the middle of the next insert and of the next delete.
            try await services.store.database.write("arm failure") { connection in
                switch connection.dialect {
                case .sqlite:
                    try connection.execute(
                        "CREATE TRIGGER fail_insert BEFORE INSERT ON segment_line WHEN NEW.contact_no = 'P21' "
                            + "BEGIN SELECT RAISE(ABORT, 'simulated crash'); END")
                    try connection.execute(
                        "CREATE TRIGGER fail_delete BEFORE DELETE ON segment_line WHEN OLD.contact_no = 'C1' "
                            + "BEGIN SELECT RAISE(ABORT, 'simulated crash'); END")
                case .postgres:
                    try connection.execute(
                        "CREATE FUNCTION simulated_crash() RETURNS trigger LANGUAGE plpgsql AS "
                            + "$$ BEGIN RAISE EXCEPTION 'simulated crash'; END $$")
                    try connection.execute(
                        "CREATE TRIGGER fail_insert BEFORE INSERT ON segment_line FOR EACH ROW "
                            + "WHEN (NEW.contact_no = 'P21') EXECUTE FUNCTION simulated_crash()")
                    try connection.execute(
                        "CREATE TRIGGER fail_delete BEFORE DELETE ON segment_line FOR EACH ROW "
                            + "WHEN (OLD.contact_no = 'C1') EXECUTE FUNCTION simulated_crash()")
                }
            }
            await #expect(throws: RapportError.self) {
                _ = try await services.segmentCriteria.run(
                    CriteriaAction(
                        kind: .add,
                        filters: try SegmentFilters.parse(["mailingGroups": ["code": "NEWS"]])), on: "S1")
            }
            await #expect(throws: RapportError.self) {
                _ = try await services.segmentCriteria.run(CriteriaAction(kind: .reduce), on: "S1")
            }
            #expect(try await api.lines("S1") == before)
            let header = try await api.get("/api/v1/segments/S1")
            #expect(header.json["noOfCriteriaActions"]?.number == 1)
            let journal = try await services.store.read { try $0.scalar("SELECT COUNT(*) FROM segment_removed_line") }
            #expect(journal == .integer(0))
        }
    }
}
