import Foundation

/// A `CHECKPOINT` before each timed PostgreSQL run, Rapport's and psql's alike. A checkpoint set off by earlier
/// work (a 1M import fills `max_wal_size`) otherwise lands in whichever runs happen to follow it: it writes
/// hundreds of megabytes beside them, and every page they touch first after it goes to the WAL whole. In one full
/// run it made the hard-copy delivery 2,393 letters/s where a run of the delivery alone made 6,766/s. After a
/// `CHECKPOINT` each run starts from the same state: nothing left to write, and the same full-page writes to pay.
/// Not timed.
struct PostgresCheckpoint: Sendable {
    let url: String
    /// False when a first `CHECKPOINT` failed (no `psql`, or a user neither superuser nor `pg_checkpoint`): the
    /// runs go ahead without.
    let isAllowed: Bool

    /// Checks once that a `CHECKPOINT` can be run as `url`'s user, and says so when not.
    init(url: String) {
        self.url = url
        isAllowed = Self.checkpoint(url)
        if !isAllowed {
            say(
                "CHECKPOINT failed (it needs psql, and a user that is superuser or has pg_checkpoint): the "
                    + "PostgreSQL runs are timed without one before each, and a checkpoint may land in some of them.")
        }
    }

    /// Checkpoints before a timed run (a no-op when not allowed).
    func beforeRun() {
        if isAllowed { _ = Self.checkpoint(url) }
    }

    /// After a bulk write (a million entries logged, or forgotten): VACUUM ANALYZE of `tables` (schema-qualified, or
    /// every table when empty), then a checkpoint, so that autovacuum and the checkpointer do not do it in the
    /// background during the runs that follow. Not timed.
    func settle(_ tables: [String] = []) {
        _ = Self.run("VACUUM ANALYZE " + tables.joined(separator: ", "), url)
        beforeRun()
    }

    /// `settle` of the tables a Log writes (and the bench's forgetting deletes from) in `schema`.
    func settleLogTables(in schema: String) {
        settle(["interaction_log_entry", "logged_segment", "segment_line"].map { "\(schema).\($0)" })
    }

    /// `settle` of the tables the segment rows read and write in `schema`, once their segments are set up: psql's
    /// baseline set-up ends with an `ANALYZE` of its own (`setup_segments.sql`). Without it, on a schema the import
    /// has just made, the first Add and Reduce were planned before autovacuum had counted any segment line: Reduce
    /// took 0.42-0.54 s against 0.32-0.39 s once counted.
    func settleSegmentTables(in schema: String) {
        settle(
            ["segment_header", "segment_line", "segment_removed_line", "segment_criteria_action"].map {
                "\(schema).\($0)"
            })
    }

    private static func checkpoint(_ url: String) -> Bool {
        run("CHECKPOINT", url)
    }

    private static func run(_ statement: String, _ url: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", statement, url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        return process.waitForExit() == 0
    }
}
