import CoreMetrics
import Prometheus
import RapportStorage
import Synchronization

/// The metrics of one application, in a Prometheus registry of its own: tests start many applications in
/// one process, and each must count only its own requests. The metrics are made through swift-metrics with
/// this registry's factory passed explicitly, never through the global `MetricsSystem`, which a process can
/// bootstrap only once (`ProcessMetrics` does that, for the libraries).
///
/// Request counts and latencies are recorded as requests finish; the rest (database use, the delivery
/// queue, jobs) is read when `/metrics` is scraped.
final class ServerMetrics: Sendable {
    static let requests = "rapport_http_requests_total"
    static let requestDuration = "rapport_http_request_duration_seconds"
    static let transactionsInFlight = "rapport_db_transactions_in_flight"
    static let transactions = "rapport_db_transactions_total"
    static let transactionsRolledBack = "rapport_db_transactions_rolled_back_total"
    static let databaseUp = "rapport_db_up"
    static let deliveryEntries = "rapport_delivery_entries"
    static let deliveryQueueDepth = "rapport_delivery_queue_depth"
    static let jobs = "rapport_jobs"

    let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    private let store: Store
    private let deliveryQueue: DeliveryQueue
    private let backgroundJobs: BackgroundJobService
    /// The database counters as last reported, so the Prometheus counters grow by the difference.
    private let reported = Mutex(DatabaseUsage.Snapshot())

    init(store: Store, deliveryQueue: DeliveryQueue, jobs: BackgroundJobService) {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[Self.requestDuration] = [
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
            .seconds(30),
        ]
        self.registry = registry
        self.factory = factory
        self.store = store
        self.deliveryQueue = deliveryQueue
        self.backgroundJobs = jobs
        ProcessMetrics.bootstrapOnce()
    }

    /// Counts one finished request under its route template (`/api/v1/contacts/{no}`), never the raw path,
    /// so the number of series stays bounded; a path no route matched counts as Hummingbird names it,
    /// `NotFound` (or `unmatched` when a middleware answered before routing).
    func recordRequest(method: String, route: String?, status: Int, duration: Duration) {
        let route = route ?? "unmatched"
        CoreMetrics.Counter(
            label: Self.requests, dimensions: [("method", method), ("route", route), ("status", String(status))],
            factory: factory
        ).increment()
        let (seconds, attoseconds) = duration.components
        CoreMetrics.Timer(
            label: Self.requestDuration, dimensions: [("method", method), ("route", route)], factory: factory
        )
        .recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    /// Reads what is not counted as it happens, then writes every metric in Prometheus' text format.
    func scrape() async -> String {
        updateDatabaseUsage()
        var up: Int
        if let counts = try? await deliveryQueue.statusCounts() {
            up = 1
            for (status, count) in counts {
                gauge(Self.deliveryEntries, [("status", status)]).record(count)
            }
            gauge(Self.deliveryQueueDepth).record(counts["pending"] ?? 0)
        } else {
            up = 0
        }
        // Jobs are counted from their rows, so every instance reports every instance's jobs (a job runs on one).
        if let counts = try? await backgroundJobs.stateCounts() {
            for (state, count) in counts { gauge(Self.jobs, [("state", state.rawValue)]).record(count) }
        } else {
            up = 0
        }
        gauge(Self.databaseUp).record(up)
        return registry.emitToString() + ProcessMetrics.registry.emitToString()
    }

    private func updateDatabaseUsage() {
        let now = store.usage.snapshot
        gauge(Self.transactionsInFlight, [("kind", "read")]).record(now.readsInFlight)
        gauge(Self.transactionsInFlight, [("kind", "write")]).record(now.writesInFlight)
        reported.withLock { last in
            counter(Self.transactions, [("kind", "read")]).increment(by: max(0, now.reads - last.reads))
            counter(Self.transactions, [("kind", "write")]).increment(by: max(0, now.writes - last.writes))
            counter(Self.transactionsRolledBack).increment(by: max(0, now.failures - last.failures))
            last = now
        }
    }

    private func gauge(_ label: String, _ dimensions: [(String, String)] = []) -> CoreMetrics.Gauge {
        CoreMetrics.Gauge(label: label, dimensions: dimensions, factory: factory)
    }

    private func counter(_ label: String, _ dimensions: [(String, String)] = []) -> CoreMetrics.Counter {
        CoreMetrics.Counter(label: label, dimensions: dimensions, factory: factory)
    }
}

/// The process-wide side of metrics: the global `MetricsSystem` may be bootstrapped only once per process,
/// so the first application bootstraps it with a factory over this registry (what libraries record through
/// the global system lands here) and every later one finds it done. `/metrics` shows it after the
/// application's own registry.
enum ProcessMetrics {
    static let registry = PrometheusCollectorRegistry()

    private static let bootstrapped: Bool = {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return true
    }()

    static func bootstrapOnce() {
        _ = bootstrapped
    }
}
