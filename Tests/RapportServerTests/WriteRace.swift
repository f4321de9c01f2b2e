import Foundation
import RapportCore

@testable import RapportStorage

/// Two transactions at once, outside the write lock Rapport's own writes share, for the tests of a rule the database
/// keeps between two tables (`EntryContactReferenceTests`, `LineDocumentReferenceTests`, `EntryBlobReferenceTests`):
/// `first` runs and holds its transaction open while `second` runs in another; returns how `second` ended (nil: it
/// committed) once `first` has committed. A `first` that fails throws.
///
/// It waits for `first` to be inside without blocking a thread. It used to wait on a semaphore on a global dispatch
/// queue, whose threads on Linux are the cooperative pool's: on a two-core machine two such waits could take both
/// threads before either first write had started (its task needs one of them to get to the database), and the whole
/// test process stopped (CI ran out of time 151 s into the Swift tests, with no output after). `first` holds its
/// transaction open for a moment after its statement, so that `second` starts while it is open (on SQLite, `second`
/// then waits for it); that blocks the database's own thread (GRDB's writer queue, PostgreSQL's pool), not a
/// cooperative one. Whichever way the two meet, the rule must hold: the tests check the outcome, not the timing.
func raceWrites(_ store: Store, first: String, second: String) async throws -> RapportError? {
    let (inside, entered) = AsyncStream<Void>.makeStream()
    let holdingFirst: @Sendable (any SQLConnection) throws -> Void = { connection in
        defer { entered.finish() }  // Also when it fails: the test then fails on `firstDone`, not waiting forever.
        _ = try connection.execute(first, [])
        entered.finish()
        Thread.sleep(forTimeInterval: 0.3)
    }
    async let firstDone: Void = store.independentWrite("test first", holdingFirst)
    for await _ in inside {}
    var outcome: RapportError?
    do {
        try await store.independentWrite("test second") { connection in _ = try connection.execute(second, []) }
    } catch {
        outcome = error
    }
    try await firstDone
    return outcome
}

/// Runs `sql` in a write of its own (inside the write lock) and answers the error it was refused with, if any.
func writeRefusal(_ store: Store, _ sql: String) async -> RapportError? {
    do {
        _ = try await store.write("test") { connection in try connection.execute(sql, []) }
        return nil
    } catch {
        return error
    }
}
