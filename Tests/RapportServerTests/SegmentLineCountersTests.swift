import Foundation
import RapportCore
import Testing

@testable import RapportDemo
@testable import RapportServer
@testable import RapportStorage

/// A segment's number of lines, cost total and duration total, as the segment list shows them, follow its lines
/// through every write that adds, changes or removes lines. PostgreSQL keeps them on the header, moved by
/// statement triggers (migration 0026), and these tests are what holds those triggers to a recount; SQLite computes
/// them from the lines (`ComputedColumns.segmentTotal`), and runs the same tests. Runs on SQLite and, with
/// `RAPPORT_TEST_BACKEND=postgres`, on PostgreSQL.
@Suite("Segment line counters")
struct SegmentLineCountersTests {
    static let contacts = ["C1", "P11", "P12", "C2", "P21", "C3", "P31", "P0"]

    /// Every segment as the list shows it, and as recounted from its lines, to six decimals (PostgreSQL's stored
    /// totals are rounded to nine as they move, a recount's sum is not).
    static func listedAndRecounted(
        _ api: API, _ services: RapportServices
    ) async throws -> (
        listed: [String], recount: [String]
    ) {
        let line = { @Sendable (no: String, lines: Double, cost: Double, duration: Double) in
            "\(no) \(Int(lines)) " + String(format: "%.6f %.6f", cost, duration)
        }
        let recounted = { @Sendable () async throws -> [String] in
            try await services.store.read { connection in
                try connection.query(
                    """
                    SELECT h.no AS no, COUNT(l.line_no) AS lines, COALESCE(SUM(l.cost), 0) AS cost,
                      COALESCE(SUM(l.duration), 0) AS duration
                    FROM segment_header h LEFT JOIN segment_line l ON l.segment_no = h.no GROUP BY h.no ORDER BY h.no
                    """, []
                ).map { line($0.text("no"), Double($0.int("lines")), $0.double("cost"), $0.double("duration")) }
            }
        }
        // The application's segment refresher brings dynamic segments up to date in the background (every 2 s): one
        // can land between the list and the recount. The list is compared with a recount taken before it and one
        // after it that agree, so that nothing changed the lines while it was read.
        var attempt = 0
        while true {
            let before = try await recounted()
            let list = try await api.get("/api/v1/segments?limit=1000")
            #expect(list.status == 200, "\(list.text)")
            let listed = (list.json["items"]?.array ?? []).map { item in
                line(
                    item["no"]?.string ?? "", item["noOfLines"]?.number ?? -1, item["costTotal"]?.number ?? -1,
                    item["durationTotal"]?.number ?? -1)
            }
            let after = try await recounted()
            attempt += 1
            if before == after || attempt == 20 { return (listed, after) }
        }
    }

    @Test func theSegmentShowsItsLinesCostAndDurationAsTheyChange() async throws {
        try await withAPI { api, _ in
            try await seedSegmentWorld(api)
            try await api.segment("S1", #""interactionTemplateCode": "LETTER""#)
            let totals = { () async throws -> [Double?] in
                let header = try await api.get("/api/v1/segments/S1")
                #expect(header.status == 200, "\(header.text)")
                return ["noOfLines", "costTotal", "durationTotal"].map { header.json[$0]?.number }
            }
            #expect(try await totals() == [0, 0, 0])
            // Each action's answer gives the number of lines the same way the header shows it.
            let lines = { (result: APIResult) in
                expectSuccess(result)
                return result.json["noOfLines"]?.number
            }
            #expect(lines(try await api.addContacts("S1", #"{"filters": {"contact": {"no": "C1|P11|P21"}}}"#)) == 3)
            #expect(try await totals() == [3, 4.5, 15])
            expectSuccess(try await api.patch("/api/v1/segments/S1/lines/20000", #"{"cost": 0.2, "duration": 1}"#))
            #expect(try await totals() == [3, 3.2, 11])
            let reduced = try await api.post(
                "/api/v1/segments/S1/reduce-contacts", #"{"filters": {"contact": {"no": "C1"}}}"#)
            #expect(lines(reduced) == 2)
            #expect(try await totals() == [2, 1.7, 6])
            let list = try await api.get("/api/v1/segments?limit=10")
            #expect(list.json["items"]?.array?.first?["noOfLines"]?.number == 2, "\(list.text)")
            #expect(lines(try await api.post("/api/v1/segments/S1/go-back", "{}")) == 3)
            #expect(try await totals() == [3, 3.2, 11])
            #expect(lines(try await api.post("/api/v1/segments/S1/go-back", "{}")) == 0)
            #expect(try await totals() == [0, 0, 0])
        }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func everyHeaderEqualsARecountAfterARandomMixOfWrites(seed: UInt64) async throws {
        try await withAPI { api, services in
            try await seedLoggableSegment(api)
            var random = DemoRandom(seed: seed)
            var segments = ["S1"]
            var made = 1
            var steps: [String] = []
            for step in 0..<80 {
                let pick = Int.random(in: 0..<14, using: &random)
                let segment = segments.randomElement(using: &random) ?? "S1"
                let chosen = Self.contacts.filter { _ in Int.random(in: 0..<3, using: &random) == 0 }
                let filter =
                    #"{"filters": {"contact": {"no": "\#(chosen.isEmpty ? "P0" : chosen.joined(separator: "|"))"}}}"#
                let cost = Double(Int.random(in: 0..<400, using: &random)) / 100
                let lines = try await Self.numbers(services, segment)
                var status = 0
                switch pick {
                case 0:
                    made += 1
                    let template = Bool.random(using: &random) ? "LETTER" : "EMAIL"
                    segments.append("S\(made)")
                    try await api.segment(
                        "S\(made)", #""description": "Run \#(made)", "interactionTemplateCode": "\#(template)""#)
                    status = 201
                case 1, 2:
                    let existing = Bool.random(using: &random)
                    status =
                        try await api.addContacts(
                            segment, String(filter.dropLast()) + #", "allowExistingContacts": \#(existing)}"#
                        ).status
                case 3:
                    status = try await api.post("/api/v1/segments/\(segment)/reduce-contacts", filter).status
                case 4:
                    status = try await api.post("/api/v1/segments/\(segment)/refine-contacts", filter).status
                case 5:
                    status = try await api.post("/api/v1/segments/\(segment)/go-back", "{}").status
                case 6:
                    let contact = Self.contacts.randomElement(using: &random) ?? "P0"
                    status =
                        try await api.post(
                            "/api/v1/segments/\(segment)/lines", #"{"contactNo": "\#(contact)", "cost": \#(cost)}"#
                        ).status
                case 7:
                    guard let line = lines.randomElement(using: &random) else { continue }
                    status =
                        try await api.patch(
                            "/api/v1/segments/\(segment)/lines/\(line)",
                            #"{"cost": \#(cost), "duration": \#(cost * 3)}"#
                        ).status
                case 8:
                    guard let line = lines.randomElement(using: &random) else { continue }
                    status = try await api.delete("/api/v1/segments/\(segment)/lines/\(line)").status
                case 9:
                    // A new unit cost and duration, pushed to the lines that have the header's template.
                    status =
                        try await api.patch(
                            "/api/v1/segments/\(segment)", #"{"unitCost": \#(cost), "unitDuration": \#(cost + 1)}"#
                        ).status
                case 10:
                    status = try await api.post("/api/v1/segments/\(segment)/log", "{}").status
                    if status == 201 { segments.removeAll { $0 == segment } }
                case 11:
                    let logged = try await services.store.read { connection in
                        try connection.query("SELECT entry_no, segment_no FROM logged_segment WHERE canceled = 0", [])
                            .map { ($0.int("entry_no"), $0.text("segment_no")) }
                    }
                    guard let (entryNo, no) = logged.randomElement(using: &random), !segments.contains(no) else {
                        continue
                    }
                    status = try await api.post("/api/v1/logged-segments/\(entryNo)/rollback", "{}").status
                    if status == 200 { segments.append(no) }
                case 12:
                    // A living segment replays its criteria: lines in and out by the refresh's own statements.
                    expectSuccess(try await api.patch("/api/v1/segments/\(segment)", #"{"kind": "dynamic"}"#))
                    status = try await api.post("/api/v1/segments/\(segment)/refresh", "{}").status
                default:
                    guard segments.count > 1 else { continue }
                    status = try await api.delete("/api/v1/segments/\(segment)").status
                    if status == 204 { segments.removeAll { $0 == segment } }
                }
                steps.append("\(step): \(pick) \(segment) → \(status)")
                #expect(status < 500, "step \(step) (\(pick)) answered \(status)")
                let counters = try await Self.listedAndRecounted(api, services)
                #expect(counters.listed == counters.recount, "seed \(seed), after \(steps.joined(separator: ", "))")
                if counters.listed != counters.recount { return }
            }
            // Each kind of write ran, and succeeded, at least once.
            let succeeded = Set(
                steps.filter { $0.hasSuffix("→ 200") || $0.hasSuffix("→ 201") || $0.hasSuffix("→ 204") }
                    .map { $0.split(separator: " ")[1] })
            #expect(succeeded.count >= 11, "\(steps)")
        }
    }

    /// The line numbers of `segment`.
    static func numbers(_ services: RapportServices, _ segment: String) async throws -> [Int64] {
        try await services.store.read { connection in
            try connection.query("SELECT line_no FROM segment_line WHERE segment_no = ?", [.text(segment)])
                .map { $0.int("line_no") }
        }
    }
}
