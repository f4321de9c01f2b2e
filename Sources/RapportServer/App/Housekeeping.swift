import Foundation
import Logging
import RapportStorage
import ServiceLifecycle

/// The periodic sweep of what the database keeps for the web UI: ended sessions are deleted, the running jobs of
/// instances that stopped beating are marked failed, and jobs that ended a week ago are forgotten. Every instance
/// sweeps; the statements are idempotent, so two sweeping at once do no harm.
public struct Housekeeping: Service {
    let sessions: WebSessionService
    let jobs: BackgroundJobService
    let runner: JobRunner
    let interval: Duration
    let keepFinishedJobs: TimeInterval
    let logger: Logger

    public init(
        sessions: WebSessionService, jobs: BackgroundJobService, runner: JobRunner, interval: Duration = .seconds(30),
        keepFinishedJobs: TimeInterval = 7 * 86_400, logger: Logger = Logger(label: "rapport.housekeeping")
    ) {
        self.sessions = sessions
        self.jobs = jobs
        self.runner = runner
        self.interval = interval
        self.keepFinishedJobs = keepFinishedJobs
        self.logger = logger
    }

    /// What one sweep removed or marked.
    public struct Sweep: Sendable, Equatable {
        public var expiredSessions: Int
        public var abandonedJobs: Int
        public var forgottenJobs: Int
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await sweepOnce()
                // A graceful shutdown cancels the wait, and the loop ends.
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// One sweep; a failure is logged and the next sweep tries again.
    @discardableResult
    public func sweepOnce(now: Date = Date()) async -> Sweep? {
        do {
            let sweep = Sweep(
                expiredSessions: try await sessions.sweep(),
                abandonedJobs: try await jobs.failAbandoned(
                    heartbeatBefore: now.addingTimeInterval(-runner.heartbeatLimit), liveInstance: runner.instance),
                forgottenJobs: try await jobs.deleteFinished(before: now.addingTimeInterval(-keepFinishedJobs)))
            if sweep.abandonedJobs > 0 {
                logger.warning(
                    "jobs of a stopped instance marked failed", metadata: ["count": "\(sweep.abandonedJobs)"])
            }
            return sweep
        } catch {
            // Stopping cancels a sweep under way: nothing went wrong.
            guard !Task.isCancelled else { return nil }
            logger.error("housekeeping failed", metadata: ["error": "\(error)"])
            return nil
        }
    }
}
