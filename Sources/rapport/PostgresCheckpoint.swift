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

    private static func checkpoint(_ url: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", "CHECKPOINT", url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        return process.waitForExit() == 0
    }
}
