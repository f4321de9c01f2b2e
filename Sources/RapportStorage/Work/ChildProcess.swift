import Foundation
import RapportCore
import Synchronization

/// Runs a program as a child process with a time limit, without holding a thread while it runs: the exit is
/// reported by `Process.terminationHandler` and awaited through a continuation. At the limit, or when the
/// waiting task is cancelled, the child and everything it started are killed: Foundation starts the child in
/// a process group of its own, and the whole group gets SIGKILL (LibreOffice's `soffice` starts `soffice.bin`).
enum ChildProcess {
    /// How the child ended.
    enum Outcome: Sendable, Equatable {
        /// It exited by itself, with this status (or was killed by someone else: the signal's number).
        case exited(Int32)
        /// It ran past the limit and was killed.
        case timedOut
    }

    /// Shared by the waiting task, the termination handler, the timer and the cancellation handler.
    private final class State: Sendable {
        struct Value {
            var processGroup: pid_t = 0
            var isFinished = false
            var isTimedOut = false
            var isKillRequested = false
        }
        let value = Mutex(Value())

        /// Kills the child's process group unless it has ended; a child not started yet is killed as it starts.
        func kill(timedOut: Bool) {
            value.withLock { value in
                guard !value.isFinished else { return }
                if timedOut { value.isTimedOut = true }
                value.isKillRequested = true
                if value.processGroup > 0 { Self.killGroup(value.processGroup) }
            }
        }

        /// Records the started child, killing it at once when its time ran out (or its task ended) meanwhile.
        func started(_ pid: pid_t) {
            value.withLock { value in
                value.processGroup = pid
                if value.isKillRequested, !value.isFinished { Self.killGroup(pid) }
            }
        }

        /// Records the child's exit; returns whether it was killed for running too long.
        func finished() -> Bool {
            value.withLock { value in
                value.isFinished = true
                return value.isTimedOut
            }
        }

        private static func killGroup(_ group: pid_t) {
            // A negative pid sends the signal to every process of the group.
            _ = Foundation.kill(-group, SIGKILL)
        }
    }

    /// Runs `executable` with `arguments` (output discarded) and waits for it, at most `timeLimit`.
    static func run(
        _ executable: String, _ arguments: [String], timeLimit: Duration
    ) async throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let state = State()
        let timer = Task {
            try await Task.sleep(for: timeLimit)
            state.kill(timedOut: true)
        }
        defer { timer.cancel() }
        let outcome = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Outcome, any Error>) in
                process.terminationHandler = { ended in
                    let timedOut = state.finished()
                    continuation.resume(returning: timedOut ? .timedOut : .exited(ended.terminationStatus))
                }
                do {
                    try process.run()
                } catch {
                    process.terminationHandler = nil
                    continuation.resume(throwing: error)
                    return
                }
                state.started(process.processIdentifier)
            }
        } onCancel: {
            state.kill(timedOut: false)
        }
        // The Process object must outlive the child it reports on.
        withExtendedLifetime(process) {}
        return outcome
    }
}
