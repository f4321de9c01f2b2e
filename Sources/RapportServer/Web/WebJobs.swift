import Foundation
import RapportCore
import Synchronization

/// Long work started from a page (a contact import) runs in the background while its job page
/// refreshes itself (`data-reload-after`, read by `static/rapport.js`) and shows where it is. Jobs live
/// in memory, for the user who started them.
final class WebJobs: Sendable {
    struct Job: Sendable {
        var userId: String
        var title: String
        var status: String
        var started = Date()
        var finished: Date?
        var notice: String?
        var error: RapportError?
        /// Where to go when it is done (`/contacts`), and the link's text.
        var next: (path: String, label: String)
    }

    private let jobs = Mutex<[String: Job]>([:])

    /// Starts `work`, which reports its progress through the closure it is given.
    func start(
        title: String, userId: String, next: (path: String, label: String),
        _ work: @escaping @Sendable (_ report: @escaping @Sendable (String) -> Void) async throws -> String
    ) -> String {
        let id = WebSessions.randomToken()
        jobs.withLock { $0[id] = Job(userId: userId, title: title, status: "Starting…", next: next) }
        let report: @Sendable (String) -> Void = { [weak self] status in
            self?.jobs.withLock { $0[id]?.status = status }
        }
        Task {
            var outcome: (notice: String?, error: RapportError?) = (nil, nil)
            do {
                outcome.notice = try await work(report)
            } catch {
                outcome.error = ErrorResponse.translate(error)
            }
            jobs.withLock { all in
                all[id]?.finished = Date()
                all[id]?.notice = outcome.notice
                all[id]?.error = outcome.error
                // Keep the last hundred finished jobs: a page reload still shows its result.
                let finished = all.filter { $0.value.finished != nil }.sorted { $0.value.started < $1.value.started }
                for old in finished.dropLast(100) { all[old.key] = nil }
            }
        }
        return id
    }

    func job(_ id: String, userId: String) -> Job? {
        jobs.withLock { $0[id] }.flatMap { $0.userId == userId ? $0 : nil }
    }

    /// How many jobs this process holds by state (`running`, `finished`, `failed`), for `/metrics`.
    func counts() -> [String: Int] {
        jobs.withLock { all in
            var counts = ["running": 0, "finished": 0, "failed": 0]
            for job in all.values {
                let state = job.finished == nil ? "running" : job.error == nil ? "finished" : "failed"
                counts[state, default: 0] += 1
            }
            return counts
        }
    }
}
