import Dispatch
import Foundation
import Synchronization

/// Runs blocking work (bcrypt, merging letters, writing files) on threads of its own, so it never occupies
/// one of the few threads Swift concurrency shares between every request.
///
/// The work goes to one of a few serial dispatch queues, the least busy one. Serial queues matter: libdispatch
/// gives them overcommitting threads of their own, whereas on Linux a concurrent queue would share the very
/// threads the cooperative pool runs on. As many lanes as processors: the work is CPU-bound, so more would only
/// take turns.
public enum BlockingWork {
    static let lanes: [DispatchQueue] = (0..<max(2, ProcessInfo.processInfo.activeProcessorCount)).map { index in
        let queue = DispatchQueue(label: "rapport.blocking-work.\(index)")
        queue.setSpecific(key: laneKey, value: index)
        return queue
    }
    static let laneKey = DispatchSpecificKey<Int>()
    /// Jobs queued or running on each lane.
    static let pending = Mutex<[Int]>(Array(repeating: 0, count: lanes.count))

    /// Whether the caller runs on one of the blocking-work queues (and not on a cooperative thread).
    public static var isRunningBlockingWork: Bool {
        DispatchQueue.getSpecific(key: laneKey) != nil
    }

    /// Runs `work` on a blocking-work thread and returns its result; the calling task waits without a thread.
    public static func run<T: Sendable, E: Error>(
        _ work: @escaping @Sendable () throws(E) -> T
    ) async throws(E) -> T {
        let lane = pending.withLock { counts in
            let index = counts.indices.min { counts[$0] < counts[$1] } ?? 0
            counts[index] += 1
            return index
        }
        let result: Result<T, E> = await withCheckedContinuation { continuation in
            lanes[lane].async {
                let result = Result { () throws(E) -> T in try work() }
                pending.withLock { $0[lane] -= 1 }
                continuation.resume(returning: result)
            }
        }
        return try result.get()
    }
}
