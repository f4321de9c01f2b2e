import Foundation
import Synchronization
import Testing

/// A database two instances (or a restarted one) can open: a file for SQLite, a schema of its own on PostgreSQL.
/// `body` gets its location; the SQLite file is removed afterwards.
func withSharedDatabase(_ body: (String) async throws -> Void) async throws {
    let fresh = freshDatabaseLocation()
    guard fresh == ":memory:" else { return try await body(fresh) }
    let path = NSTemporaryDirectory() + "rapport-shared-\(UUID().uuidString).sqlite"
    defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
    try await body(path)
}

/// Asks `read` again until `isDone` holds of its answer (at most 30 s, a few times a second); returns the last
/// answer, which the caller then checks.
func eventually<T: Sendable>(
    _ read: () async throws -> T, until isDone: (T) -> Bool
) async throws -> T {
    let deadline = ContinuousClock.now + .seconds(30)
    var value = try await read()
    while !isDone(value), ContinuousClock.now < deadline {
        try await Task.sleep(for: .milliseconds(50))
        value = try await read()
    }
    return value
}

/// Work a test lets finish when it wants: `wait` returns once `open` was called.
final class Gate: Sendable {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (stream, continuation) = AsyncStream<Void>.makeStream()
    }

    func open() { continuation.finish() }

    func wait() async {
        for await _ in stream {}
    }
}

/// A value one `withAPI` block leaves for the next.
final class Shared<Value: Sendable>: Sendable {
    private let value: Mutex<Value>

    init(_ value: Value) {
        self.value = Mutex(value)
    }

    var wrapped: Value {
        get { value.withLock { $0 } }
        set { value.withLock { $0 = newValue } }
    }
}

/// A browser signed in as MARY with `role` (her salesperson JO created first).
func signedInMary(_ api: API, role: String) async throws -> Browser {
    let salesperson = try await api.post("/api/v1/salespeople", #"{"code": "JO", "name": "Jo"}"#)
    #expect(salesperson.status == 201, "\(salesperson.text)")
    return try await signedIn(api, role: role)
}
