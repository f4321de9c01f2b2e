import Foundation
import RapportCore

/// Long work started from a page (a contact import), recorded in the database so that its page shows where it is
/// from any instance. The instance running a job writes its progress and a heartbeat in short transactions of
/// their own, which do not wait for the job's own (long) transaction; a job whose instance stopped beating is
/// marked failed by any other instance (`failAbandoned`), so none stays "running" forever.
public struct BackgroundJobService: Sendable {
    let store: Store
    let clock: @Sendable () -> Date

    public init(store: Store, clock: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.clock = clock
    }

    /// Records a job that `instance` is about to run for `userId`; returns its id.
    public func create(
        title: String, userId: String, next: BackgroundJob.Link, instance: String
    ) async throws(RapportError) -> String {
        let id = TokenService.randomHex(bytes: 16)
        let now = StoredTime.text(clock())
        try await store.independentWrite("start job") { connection in
            try connection.execute(
                """
                INSERT INTO background_job (job_id, user_id, title, state, progress, instance, started_at, heartbeat_at,
                  next_path, next_label)
                VALUES (?, ?, ?, 'running', 'Starting…', ?, ?, ?, ?, ?)
                """,
                [
                    .text(id), .text(userId), .text(title), .text(instance), .text(now), .text(now), .text(next.path),
                    .text(next.label),
                ])
        }
        return id
    }

    /// The running job's heartbeat, with its progress when it has news.
    public func beat(_ id: String, progress: String?) async throws(RapportError) {
        let now = StoredTime.text(clock())
        try await store.independentWrite("job heartbeat") { connection in
            try connection.execute(
                """
                UPDATE background_job SET heartbeat_at = ?, progress = COALESCE(?, progress)
                WHERE job_id = ? AND state = 'running'
                """, [.text(now), progress.map(SQLValue.text) ?? .null, .text(id)])
        }
    }

    /// Records how a job ended: its result, or the error (with its problems, such as an import's bad rows).
    /// A job already marked failed (abandoned) stays as it is.
    public func finish(_ id: String, outcome: Result<String, RapportError>) async throws(RapportError) {
        let now = StoredTime.text(clock())
        try await store.independentWrite("finish job") { connection in
            switch outcome {
            case .success(let result):
                try connection.execute(
                    """
                    UPDATE background_job SET state = 'succeeded', finished_at = ?, heartbeat_at = ?, result = ?
                    WHERE job_id = ? AND state = 'running'
                    """, [.text(now), .text(now), .text(result), .text(id)])
            case .failure(let error):
                let changed = try connection.execute(
                    """
                    UPDATE background_job SET state = 'failed', finished_at = ?, heartbeat_at = ?, error_message = ?
                    WHERE job_id = ? AND state = 'running'
                    """, [.text(now), .text(now), .text(error.message), .text(id)])
                guard changed == 1 else { return }
                for (index, problem) in error.details.enumerated() {
                    try connection.execute(
                        """
                        INSERT INTO background_job_problem (job_id, problem_no, row_no, line_no, contact_no, field,
                          message)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                        [
                            .text(id), .integer(Int64(index + 1)), problem.row.map { .integer(Int64($0)) } ?? .null,
                            problem.lineNo.map { .integer(Int64($0)) } ?? .null,
                            problem.contactNo.map(SQLValue.text) ?? .null, problem.field.map(SQLValue.text) ?? .null,
                            .text(problem.message),
                        ])
                }
            }
        }
    }

    /// Marks failed the running jobs whose instance has not beaten since `cutoff` (it died, or lost the database),
    /// leaving alone those of `liveInstance` (the caller's own, which it knows are alive); returns how many.
    @discardableResult
    public func failAbandoned(
        heartbeatBefore cutoff: Date, liveInstance: String? = nil
    ) async throws(RapportError) -> Int {
        let now = StoredTime.text(clock())
        return try await store.independentWrite("fail abandoned jobs") { connection in
            try connection.execute(
                """
                UPDATE background_job SET state = 'failed', finished_at = ?, error_message = ?
                WHERE state = 'running' AND heartbeat_at < ? AND instance <> ?
                """,
                [
                    .text(now), .text(BackgroundJob.abandonedMessage), .text(StoredTime.text(cutoff)),
                    .text(liveInstance ?? ""),
                ])
        }
    }

    /// Deletes the jobs that ended before `cutoff` (their reports have been read or forgotten); returns how many.
    @discardableResult
    public func deleteFinished(before cutoff: Date) async throws(RapportError) -> Int {
        try await store.independentWrite("delete old jobs") { connection in
            try connection.execute(
                "DELETE FROM background_job WHERE finished_at IS NOT NULL AND finished_at < ?",
                [.text(StoredTime.text(cutoff))])
        }
    }

    /// How many jobs are in each state, over every instance (the rows are shared), for `/metrics`: every
    /// state is present, zero when no job is in it.
    public func stateCounts() async throws(RapportError) -> [BackgroundJob.State: Int] {
        try await store.read { connection in
            var counts: [BackgroundJob.State: Int] = [.running: 0, .succeeded: 0, .failed: 0]
            for row in try connection.query("SELECT state, COUNT(*) AS n FROM background_job GROUP BY state", []) {
                if let state = BackgroundJob.State(rawValue: row.text("state")) { counts[state] = Int(row.int("n")) }
            }
            return counts
        }
    }

    /// A job of `userId` (another user's job is not found).
    public func job(_ id: String, userId: String) async throws(RapportError) -> BackgroundJob? {
        try await store.read { connection in
            guard
                let row = try connection.query(
                    "SELECT * FROM background_job WHERE job_id = ? AND user_id = ?", [.text(id), .text(userId)]
                ).first
            else { return nil }
            let problems = try connection.query(
                "SELECT * FROM background_job_problem WHERE job_id = ? ORDER BY problem_no", [.text(id)]
            ).map { row in
                Problem(
                    row: row["row_no"].intValue.map(Int.init), lineNo: row["line_no"].intValue.map(Int.init),
                    contactNo: row["contact_no"].textValue, field: row["field"].textValue,
                    message: row.text("message"))
            }
            return BackgroundJob(
                id: row.text("job_id"), userId: row.text("user_id"), title: row.text("title"),
                state: BackgroundJob.State(rawValue: row.text("state")) ?? .failed, progress: row.text("progress"),
                instance: row.text("instance"), startedAt: StoredTime.date(row.text("started_at")),
                heartbeatAt: StoredTime.date(row.text("heartbeat_at")),
                finishedAt: row["finished_at"].textValue.map(StoredTime.date), result: row["result"].textValue,
                errorMessage: row["error_message"].textValue, problems: problems,
                next: BackgroundJob.Link(path: row.text("next_path"), label: row.text("next_label")))
        }
    }
}

/// A long job as recorded: who started it, where it is, and how it ended.
public struct BackgroundJob: Sendable, Equatable {
    /// Where a job is.
    public enum State: String, Sendable, CaseIterable {
        case running, succeeded, failed
    }

    /// Where to go when the job is done (`/contacts`), and the link's text.
    public struct Link: Sendable, Equatable {
        public var path: String
        public var label: String

        public init(path: String, label: String) {
            self.path = path
            self.label = label
        }
    }

    /// What a job whose instance stopped shows.
    public static let abandonedMessage =
        "The server running this job stopped before it finished; nothing it was writing was kept. Start it again."

    public var id: String
    public var userId: String
    public var title: String
    public var state: State
    /// The last progress its instance wrote ("Checking 2000 rows…").
    public var progress: String
    /// The instance that runs (or ran) it.
    public var instance: String
    public var startedAt: Date
    public var heartbeatAt: Date
    public var finishedAt: Date?
    /// What it did, once it succeeded ("12 contacts created, 0 updated.").
    public var result: String?
    public var errorMessage: String?
    /// The problems of a failed job, such as an import's bad rows.
    public var problems: [Problem]
    public var next: Link
}
