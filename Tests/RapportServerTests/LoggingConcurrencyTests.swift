import RapportCore
import Testing

@testable import RapportServer

@Suite("Logging under concurrency")
struct LoggingConcurrencyTests {
    @Test func twoSimultaneousLogsHaveExactlyOneWinner() async throws {
        try await withAPI { api, _ in
            try await seedLoggableSegment(api)
            async let first = api.post("/api/v1/segments/S1/log", "{}")
            async let second = api.post("/api/v1/segments/S1/log", "{}")
            let statuses = try await [first.status, second.status].sorted()
            #expect(statuses == [201, 409])
            let loser = try await [first, second].first { $0.status == 409 }
            #expect(loser?.errorCode == "already_logged")
            #expect(try await api.get("/api/v1/logged-segments").json["items"]?.array?.count == 1)
            #expect(try await api.get("/api/v1/interaction-log-entries").json["items"]?.array?.count == 3)
        }
    }

    @Test func anEditRacingALogIsEitherLoggedOrRefused() async throws {
        try await withAPI { api, _ in
            try await seedLoggableSegment(api)
            async let added = api.post("/api/v1/segments/S1/lines", #"{"contactNo": "P12"}"#)
            async let logged = api.post("/api/v1/segments/S1/log", "{}")
            let (line, log) = try await (added, logged)
            #expect(log.status == 201)
            let entries = try await api.get("/api/v1/interaction-log-entries").json["items"]?.array ?? []
            if line.status == 201 {
                #expect(entries.count == 4)
            } else {
                #expect(line.status == 404)
                #expect(entries.count == 3)
            }
        }
    }
}
