import Foundation
import Logging
import RapportCore
import RapportStorage
import ServiceLifecycle
import Synchronization

/// Runs long work started from a page (a contact import) in the background of this instance and records it in
/// the database (`BackgroundJobService`), so its page shows where it is from any instance. While a job runs, its
/// latest progress and a heartbeat are written every `beatInterval`, each in a short transaction of its own (so at
/// most once per interval, however often the work reports). As a `Service` it lets running jobs finish when the
/// server stops, for up to `grace`; those still running then are marked failed (their own transaction is rolled
/// back when the process ends, so nothing is half-written).
public final class JobRunner: Service, Sendable {
    let jobs: BackgroundJobService
    /// This process, as recorded on the jobs it runs.
    public let instance: String
    let beatInterval: Duration
    /// A job whose instance has not beaten for this long is taken for dead.
    public let heartbeatLimit: TimeInterval
    let grace: Duration
    let logger: Logger
    private let running = Mutex<[String: Task<Void, Never>]>([:])
    /// The progress of each job running here, for its page on this instance even before the heartbeat wrote it
    /// (on SQLite the heartbeat waits while the job's own transaction holds the one writer).
    private let progress = Mutex<[String: LatestProgress]>([:])

    public init(
        jobs: BackgroundJobService, beatInterval: Duration = .seconds(1), heartbeatLimit: TimeInterval = 60,
        grace: Duration = .seconds(20), logger: Logger = Logger(label: "rapport.jobs")
    ) {
        self.jobs = jobs
        self.instance =
            "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)-"
            + UUID().uuidString.prefix(8)
        self.beatInterval = beatInterval
        self.heartbeatLimit = heartbeatLimit
        self.grace = grace
        self.logger = logger
    }

    /// Records a job and starts `work`, which reports its progress through the closure it is given (cheap: the
    /// text is only kept for the next heartbeat) and returns the result to show. Returns the job's id.
    public func start(
        title: String, userId: String, next: BackgroundJob.Link,
        _ work: @escaping @Sendable (_ report: @escaping @Sendable (String) -> Void) async throws -> String
    ) async throws(RapportError) -> String {
        let id = try await jobs.create(title: title, userId: userId, next: next, instance: instance)
        let jobs = self.jobs
        let interval = beatInterval
        let latest = LatestProgress()
        progress.withLock { $0[id] = latest }
        running.withLock { running in
            // Inside the lock, so the task's own removal below cannot come before this insertion.
            running[id] = Task { [weak self] in
                let beating = Task {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: interval)
                        guard !Task.isCancelled else { return }
                        try? await jobs.beat(id, progress: latest.take())
                    }
                }
                let outcome: Result<String, RapportError>
                do {
                    outcome = .success(try await work { text in latest.set(text) })
                } catch {
                    outcome = .failure(ErrorResponse.translate(error))
                }
                beating.cancel()
                // Cancelled at shutdown: `abandonRunning` has already recorded the end.
                if !Task.isCancelled {
                    do {
                        try await jobs.finish(id, outcome: outcome)
                    } catch {
                        self?.logger.error(
                            "cannot record a job's end", metadata: ["job": "\(id)", "error": "\(error)"])
                    }
                }
                _ = self?.running.withLock { $0.removeValue(forKey: id) }
                _ = self?.progress.withLock { $0.removeValue(forKey: id) }
            }
        }
        return id
    }

    /// A job of `userId`. A running job of another instance that has stopped beating is marked failed first.
    public func job(_ id: String, userId: String) async throws(RapportError) -> BackgroundJob? {
        guard var job = try await jobs.job(id, userId: userId) else { return nil }
        if job.state == .running, let latest = progress.withLock({ $0[id] })?.current { job.progress = latest }
        let cutoff = Date().addingTimeInterval(-heartbeatLimit)
        guard job.state == .running, job.instance != instance, job.heartbeatAt < cutoff else { return job }
        try await jobs.failAbandoned(heartbeatBefore: cutoff, liveInstance: instance)
        return try await jobs.job(id, userId: userId)
    }

    /// How many jobs this instance is running.
    public var runningCount: Int { running.withLock { $0.count } }

    /// Waits for the server to stop, then for the running jobs, at most `grace`; marks the rest failed.
    public func run() async throws {
        try? await gracefulShutdown()
        guard runningCount > 0 else { return }
        logger.info("waiting for running jobs", metadata: ["count": "\(runningCount)"])
        // Looked at a few times a second: a job's end is not announced, and a shutdown need not be exact.
        let deadline = ContinuousClock.now + grace
        while runningCount > 0, ContinuousClock.now < deadline, !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(100))
        }
        await abandonRunning()
    }

    /// Marks failed every job still running here, and cancels it.
    func abandonRunning() async {
        let left = running.withLock { running in
            defer { running = [:] }
            return running
        }
        progress.withLock { $0 = [:] }
        let jobs = self.jobs
        for (id, task) in left {
            task.cancel()
            // A task of its own: the write must happen even when this one is being cancelled.
            await Task {
                try? await jobs.finish(
                    id, outcome: .failure(RapportError(.unavailable, BackgroundJob.abandonedMessage)))
            }.value
        }
        if !left.isEmpty { logger.warning("jobs left unfinished at shutdown", metadata: ["count": "\(left.count)"]) }
    }
}

/// The progress a job reported since its last heartbeat.
private final class LatestProgress: Sendable {
    private let state = Mutex<(text: String?, isNews: Bool)>((nil, false))

    func set(_ value: String) { state.withLock { $0 = (value, true) } }

    /// The latest progress.
    var current: String? { state.withLock { $0.text } }

    /// The progress not written yet, once.
    func take() -> String? {
        state.withLock { state in
            defer { state.isNews = false }
            return state.isNews ? state.text : nil
        }
    }
}
