import Foundation

/// Runs blocking test work (waiting for a child process, reading its pipes until it ends) on a thread of its own
/// and returns its result; the calling task waits without a thread.
///
/// A synchronous wait inside a test takes one of Swift concurrency's cooperative threads, of which this
/// machine has two, shared by every test running in parallel. While a CLI run or an SMTP sink's start-up held
/// them, other tests' SMTP conversations stalled past their deadlines: "I/O on closed channel" and timeouts
/// that only happened in the whole parallel suite.
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}
