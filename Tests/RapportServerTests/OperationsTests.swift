import Foundation
import HTTPTypes
import HummingbirdTesting
import RapportApp
import RapportCore
import RapportStorage
import Testing

@testable import RapportServer

/// One sample of a Prometheus text exposition: the value of `name` with exactly `labels`, or nil.
func metric(_ text: String, _ name: String, _ labels: [String: String] = [:]) -> Double? {
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
        let parts = line.split(separator: " ")
        guard parts.count == 2 else { continue }
        let series = parts[0]
        let seriesName = series.prefix { $0 != "{" }
        guard seriesName == name else { continue }
        var found: [String: String] = [:]
        if let open = series.firstIndex(of: "{") {
            for pair in series[series.index(after: open)..<series.index(before: series.endIndex)].split(separator: ",")
            {
                let halves = pair.split(separator: "=", maxSplits: 1)
                guard halves.count == 2 else { continue }
                found[String(halves[0])] = String(halves[1].dropFirst().dropLast())
            }
        }
        if found == labels { return Double(parts[1]) }
    }
    return nil
}

@Suite("Operations: health, metrics, request ids")
struct OperationsTests {
    static var requestId: HTTPField.Name {
        get throws { try #require(HTTPField.Name("X-Request-Id")) }
    }

    @Test func liveAndReadyAnswerOkOnAMigratedDatabase() async throws {
        try await withAPI { api, _ in
            let live = try await api.acting(as: nil).get("/health/live")
            #expect(live.status == 200)
            #expect(live.text == #"{"status":"ok"}"#)
            let ready = try await api.acting(as: nil).get("/health/ready")
            #expect(ready.status == 200)
            #expect(ready.text == #"{"status":"ok","database":"ok"}"#)
        }
    }

    @Test func readyIs503WhenTheDatabaseNoLongerAnswers() async throws {
        try await withAPI { api, services in
            try await services.store.close()
            let live = try await api.acting(as: nil).get("/health/live")
            #expect(live.status == 200)
            let ready = try await api.acting(as: nil).get("/health/ready")
            #expect(ready.status == 503)
            #expect(ready.json["status"]?.string == "unavailable")
            #expect(ready.json["database"]?.string == "unreachable")
            let metrics = try await api.acting(as: nil).get("/metrics")
            #expect(metrics.status == 200)
            #expect(metric(metrics.text, "rapport_db_up") == 0)
        }
    }

    @Test func metricsCountRequestsByRouteTemplateAndShowTheDatabaseAndJobs() async throws {
        // The job "running on another instance" never beats: a heartbeat limit longer than any run keeps the
        // housekeeping sweep from marking it abandoned on a loaded machine (one run took 232 s).
        try await withAPI(configuration: ServicesConfiguration(jobHeartbeatLimit: 24 * 3600)) { api, services in
            // Jobs are counted from their rows: one running on another instance, one finished here.
            let link = BackgroundJob.Link(path: "/contacts", label: "Contacts")
            let elsewhere = try await services.backgroundJobs.create(
                title: "Import", userId: "admin", next: link, instance: "another-instance")
            let finished = try await services.backgroundJobs.create(
                title: "Import", userId: "admin", next: link, instance: "this-instance")
            try await services.backgroundJobs.finish(finished, outcome: .success("Imported 3 contacts."))
            #expect(try await services.backgroundJobs.job(elsewhere, userId: "admin")?.state == .running)
            expectSuccess(try await api.post("/api/v1/salespeople", #"{"code": "JO", "name": "Jo"}"#))
            for _ in 0..<2 { expectSuccess(try await api.get("/api/v1/salespeople")) }
            #expect(try await api.get("/api/v1/salespeople/JO").status == 200)
            #expect(try await api.get("/api/v1/salespeople/NOPE").status == 404)
            #expect(try await api.get("/nowhere/at/all").status == 404)
            let scraped = try await api.acting(as: nil).get("/metrics")
            #expect(scraped.status == 200)
            #expect(scraped.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            let text = scraped.text
            let requests = "rapport_http_requests_total"
            #expect(metric(text, requests, ["method": "POST", "route": "/api/v1/salespeople", "status": "201"]) == 1)
            #expect(metric(text, requests, ["method": "GET", "route": "/api/v1/salespeople", "status": "200"]) == 2)
            #expect(
                metric(text, requests, ["method": "GET", "route": "/api/v1/salespeople/{code}", "status": "200"]) == 1)
            #expect(
                metric(text, requests, ["method": "GET", "route": "/api/v1/salespeople/{code}", "status": "404"]) == 1)
            #expect(metric(text, requests, ["method": "GET", "route": "NotFound", "status": "404"]) == 1, "\(text)")
            // No raw path becomes a series of its own.
            #expect(!text.contains("NOPE") && !text.contains("/nowhere"))
            let duration = "rapport_http_request_duration_seconds"
            #expect(metric(text, duration + "_count", ["method": "GET", "route": "/api/v1/salespeople"]) == 2)
            #expect(
                metric(text, duration + "_bucket", ["method": "GET", "route": "/api/v1/salespeople", "le": "+Inf"]) == 2
            )
            #expect(metric(text, "rapport_db_up") == 1)
            #expect(metric(text, "rapport_db_transactions_in_flight", ["kind": "write"]) == 0)
            #expect((metric(text, "rapport_db_transactions_total", ["kind": "write"]) ?? 0) >= 1)
            #expect((metric(text, "rapport_db_transactions_total", ["kind": "read"]) ?? 0) >= 3)
            #expect(metric(text, "rapport_delivery_queue_depth") == 0)
            #expect(metric(text, "rapport_delivery_entries", ["status": "sent"]) == 0)
            #expect(metric(text, "rapport_jobs", ["state": "running"]) == 1)
            #expect(metric(text, "rapport_jobs", ["state": "succeeded"]) == 1)
            #expect(metric(text, "rapport_jobs", ["state": "failed"]) == 0)
            // The scrape itself is counted by the next one.
            let again = try await api.acting(as: nil).get("/metrics").text
            #expect(metric(again, requests, ["method": "GET", "route": "/metrics", "status": "200"]) == 1)
        }
    }

    @Test func deliveryQueueDepthAndOutcomesFollowTheEntries() async throws {
        let sink = try await SMTPSinkProcess.start()
        defer { sink.stop() }
        try await withAPI { api, services in
            try await DeliveryTests().logWithSend(api, sink: sink)
            let queued = try await api.get("/metrics").text
            #expect(metric(queued, "rapport_delivery_queue_depth") == 3)
            #expect(metric(queued, "rapport_delivery_entries", ["status": "pending"]) == 3)
            #expect(await services.delivery.deliverPending() == 3)
            let delivered = try await api.get("/metrics").text
            #expect(metric(delivered, "rapport_delivery_queue_depth") == 0)
            #expect(metric(delivered, "rapport_delivery_entries", ["status": "sent"]) == 2)
            #expect(metric(delivered, "rapport_delivery_entries", ["status": "error"]) == 1)
        }
    }

    @Test func metricsAskForTheTokenWhenOneIsSet() async throws {
        let server = ServerConfiguration(adminToken: adminToken, runsDelivery: false, metricsToken: "scrape-me")
        try await withAPI(server: server) { api, _ in
            let refused = try await api.acting(as: nil).get("/metrics")
            #expect(refused.status == 401)
            #expect(refused.errorCode == "unauthenticated")
            #expect(try await api.acting(as: "wrong").get("/metrics").status == 401)
            let scraped = try await api.acting(as: "scrape-me").get("/metrics")
            #expect(scraped.status == 200)
            #expect(metric(scraped.text, "rapport_db_up") == 1)
            // Health stays open: a load balancer has no token.
            #expect(try await api.acting(as: nil).get("/health/ready").status == 200)
        }
    }

    @Test func appsInOneProcessCountTheirOwnRequests() async throws {
        for _ in 0..<2 {
            try await withAPI { api, _ in
                expectSuccess(try await api.get("/api/v1/me"))
                let text = try await api.get("/metrics").text
                #expect(
                    metric(
                        text, "rapport_http_requests_total", ["method": "GET", "route": "/api/v1/me", "status": "200"])
                        == 1)
            }
        }
    }

    @Test func aSaneRequestIdIsEchoedAndLoggedWithTheUser() async throws {
        let log = LogRecorder()
        let header = try Self.requestId
        try await withAPI(logger: log.logger) { api, _ in
            let answer = try await api.client.execute(
                uri: "/api/v1/me", method: .get,
                headers: [.authorization: "Bearer \(adminToken)", header: "edge-4f2a:17"])
            #expect(answer.status == .ok)
            #expect(answer.headers[header] == "edge-4f2a:17")
            let line = log.messages("request").first { $0["requestId"] == "edge-4f2a:17" }
            #expect(line?["userId"] == "ADMIN")
            #expect(line?["path"] == "/api/v1/me")
            #expect(line?["status"] == "200")
        }
    }

    @Test func aMissingOrUnsafeRequestIdIsReplacedByANewOne() async throws {
        let header = try Self.requestId
        try await withAPI { api, _ in
            var seen: Set<String> = []
            for incoming in [nil, "", "has space", "quote\"", String(repeating: "a", count: 129), "naïve"] {
                var headers: HTTPFields = [:]
                if let incoming { headers[header] = incoming }
                let answer = try await api.client.execute(uri: "/health/live", method: .get, headers: headers)
                let id = try #require(answer.headers[header])
                #expect(id != incoming)
                #expect(UUID(uuidString: id) != nil, "\(id)")
                seen.insert(id)
            }
            #expect(seen.count == 6)
            #expect(RequestID.accept(String(repeating: "a", count: 128)) == String(repeating: "a", count: 128))
        }
    }

    @Test func theHealthEndpointsAreInTheOpenAPIDocument() async throws {
        try await withAPI { api, _ in
            let document = try await api.acting(as: nil).get("/openapi.yaml").text
            let operations = OpenAPITests.documentedOperations(document)
            for operation in ["GET /health/live", "GET /health/ready", "GET /metrics", "HEAD /health/ready"] {
                #expect(operations.contains(operation), "\(operation)")
            }
            #expect(document.contains("getHealthReady"))
        }
    }
}
