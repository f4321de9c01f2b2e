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
    /// Work that runs once a job's or a request's outcome is recorded (`afterwards`), by name; cancelled at
    /// shutdown instead of waited for.
    private let followUps = Mutex<[UUID: Task<Void, Never>]>([:])

    /// What a job returns: the result to show, and work to run once that result is recorded (settling what the
    /// job wrote). The follow-up cannot change the job's outcome: whatever becomes of it is only logged.
    public struct Completion: Sendable {
        public var result: String
        public var afterwards: (name: String, work: @Sendable () async throws -> Void)?

        public init(_ result: String, afterwards: (name: String, work: @Sendable () async throws -> Void)? = nil) {
            self.result = result
            self.afterwards = afterwards
        }
    }

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
        try await start(title: title, userId: userId, next: next) { report -> Completion in
            Completion(try await work(report))
        }
    }

    /// As `start`, for work with a follow-up that runs once the job's result is recorded (`Completion`).
    public func start(
        title: String, userId: String, next: BackgroundJob.Link,
        _ work: @escaping @Sendable (_ report: @escaping @Sendable (String) -> Void) async throws -> Completion
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
                var afterwards: (name: String, work: @Sendable () async throws -> Void)?
                do {
                    let completion = try await work { text in latest.set(text) }
                    outcome = .success(completion.result)
                    afterwards = completion.afterwards
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
                // Handed over while still listed as running, so a shutdown waiting for the jobs finds it either
                // running or among the follow-ups it cancels, and only once the end is recorded (or the job was
                // abandoned: then nothing follows).
                if let afterwards, !Task.isCancelled {
                    self?.afterwards(afterwards.name, job: id, afterwards.work)
                }
                _ = self?.running.withLock { $0.removeValue(forKey: id) }
                _ = self?.progress.withLock { $0.removeValue(forKey: id) }
            }
        }
        return id
    }

    /// Runs `work` in the background once an outcome is recorded (a job's end, an answer given): its failure or
    /// cancellation is only logged. A stopping server cancels it rather than wait.
    public func afterwards(_ name: String, job: String? = nil, _ work: @escaping @Sendable () async throws -> Void) {
        let key = UUID()
        var named: Logger.Metadata = ["work": "\(name)"]
        if let job { named["job"] = "\(job)" }
        let logger = self.logger
        let start = named
        followUps.withLock { followUps in
            // Inside the lock, so the task's own removal below cannot come before this insertion.
            followUps[key] = Task { [weak self] in
                var metadata = start
                logger.info("started after the outcome was recorded", metadata: metadata)
                let started = ContinuousClock.now
                do {
                    try await work()
                    let duration = ContinuousClock.now - started
                    let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
                    metadata["seconds"] = "\(String(format: "%.1f", seconds))"
                    logger.info("finished after the outcome was recorded", metadata: metadata)
                } catch {
                    metadata["error"] = "\(error)"
                    // Cancelled at shutdown, or failed: the outcome stands; whatever it left is done later.
                    logger.warning("did not finish; the recorded outcome stands", metadata: metadata)
                }
                _ = self?.followUps.withLock { $0.removeValue(forKey: key) }
            }
        }
    }

    /// Waits for the jobs running here, then for their follow-ups (`afterwards`), for instance before looking at
    /// what they did. A job hands its follow-up over before it leaves the running ones.
    public func followUpsFinished() async {
        // Each task removes itself as the last thing it does, so one awaited is gone when the next is looked for.
        while let task = running.withLock({ $0.values.first }) { await task.value }
        while let task = followUps.withLock({ $0.values.first }) { await task.value }
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
        await cancelFollowUps()
        guard runningCount > 0 else { return }
        logger.info("waiting for running jobs", metadata: ["count": "\(runningCount)"])
        // Looked at a few times a second: a job's end is not announced, and a shutdown need not be exact.
        let deadline = ContinuousClock.now + grace
        while runningCount > 0, ContinuousClock.now < deadline, !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(100))
        }
        await abandonRunning()
        // Jobs that finished in the grace period may have handed over follow-ups.
        await cancelFollowUps()
    }

    /// Cancels the follow-ups (a VACUUM can take minutes; the first reads do its work instead) and waits for them
    /// to stop, which cancelling makes quick.
    func cancelFollowUps() async {
        let left = followUps.withLock { Array($0.values) }
        guard !left.isEmpty else { return }
        logger.info("cancelling work that followed recorded outcomes", metadata: ["count": "\(left.count)"])
        for task in left { task.cancel() }
        for task in left { await task.value }
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
