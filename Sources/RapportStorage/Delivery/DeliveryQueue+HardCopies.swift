import Foundation
import RapportCore

/// Hard copies in batches: the entries whose letter is frozen (a source document in `document_blob` and a
/// merge snapshot) are claimed many at a time with everything their merge needs, merged outside any
/// transaction, and their letters stored in one transaction per batch. The other entries (e-mails, entries
/// logged before documents were frozen, hard copies with no document) go through `claim` one by one.
extension DeliveryQueue {
    /// The entries the hard-copy batches deliver, over `interaction_log_entry` unaliased; `claim` leaves them out.
    static let isBatchedHardCopy =
        "(COALESCE(correspondence_type, '') = 'hardCopy' AND merge_snapshot IS NOT NULL AND document_sha256 IS NOT NULL)"

    /// Claims up to `limit` due hard copies for `worker`: one statement marks them claimed and returns their
    /// snapshots, a second reads each distinct source document once.
    public func claimHardCopies(
        worker: String, limit: Int, now: Date = Date()
    ) async throws(RapportError) -> HardCopyBatch {
        let stamp = StoredTime.text(now)
        return try await store.write("claim hard copies") { connection in
            // In `delivery_next_at` order, which the delivery index gives without sorting the whole queue.
            let rows = try connection.query(
                """
                UPDATE interaction_log_entry SET delivery_claimed_by = ?, delivery_claimed_at = ?
                WHERE delivery_claimed_by IS NULL AND entry_no IN (SELECT entry_no FROM interaction_log_entry
                  WHERE delivery_status = 'pending' AND delivery_claimed_by IS NULL AND delivery_next_at <= ?
                    AND \(Self.isBatchedHardCopy)
                  ORDER BY delivery_next_at LIMIT ?)
                RETURNING entry_no, document_sha256, merge_snapshot, delivery_attempts
                """, [.text(worker), .text(stamp), .text(stamp), .integer(Int64(limit))])
            var letters = rows.map { row in
                HardCopyBatch.Letter(
                    entryNo: row.int("entry_no"), documentSHA256: row.text("document_sha256"),
                    attempts: Int(row.int("delivery_attempts")), given: nil, snapshot: row.text("merge_snapshot"))
            }
            letters.sort { $0.entryNo < $1.entryNo }
            let hashes = Array(Set(letters.map(\.documentSHA256))).sorted()
            var documents: [String: [UInt8]] = [:]
            if !hashes.isEmpty {
                let marks = Array(repeating: "?", count: hashes.count).joined(separator: ", ")
                for row in try connection.query(
                    "SELECT sha256, docx FROM document_blob WHERE sha256 IN (\(marks))", hashes.map { .text($0) })
                {
                    if case .blob(let bytes) = row["docx"] { documents[row.text("sha256")] = bytes }
                }
            }
            return HardCopyBatch(letters: letters, documents: documents)
        }
    }

    /// Writes a merged batch in one transaction: the letters stored on their entries and marked sent, the
    /// failures recorded as `markFailed` does, and the letters not merged in time handed back to the queue.
    /// Returns how many entries it wrote.
    ///
    /// It does not wait for the other writes (`independentWrite`): it writes only entries `worker` has claimed,
    /// which no other use case writes while they are (a rollback counts them delivered, the claims skip them),
    /// their letters, and its logged segments' delivery counters, which it moves by the difference, under the
    /// row's lock. So on PostgreSQL it runs beside the claim of the next batch instead of after it: with both
    /// waiting on the write lock, a round of 500 letters on the 1M bench took the sum of the two (a median of
    /// 99 ms) while the merge took 64.
    @discardableResult
    public func complete(
        _ batch: HardCopyBatch, outcomes: [HardCopyBatch.Outcome], worker: String, now: Date = Date()
    ) async throws(RapportError) -> Int {
        guard !outcomes.isEmpty else { return 0 }
        let attempts = Dictionary(
            batch.letters.map { ($0.entryNo, $0.attempts) }, uniquingKeysWith: { first, _ in first })
        return try await store.independentWrite("store hard copies") { connection in
            var merged: [(Int64, [UInt8])] = []
            var unstarted: [Int64] = []
            for outcome in outcomes {
                switch outcome.result {
                case .merged(let letter): merged.append((outcome.entryNo, letter))
                case .notStarted: unstarted.append(outcome.entryNo)
                case .failed(let reason):
                    let tries = attempts[outcome.entryNo] ?? 0
                    try LogCounters.moveDeliveries(
                        SQLFragment("e.entry_no = ?", [.integer(outcome.entryNo)]), to: .error, connection)
                    try connection.execute(
                        """
                        UPDATE interaction_log_entry SET delivery_status = 'error', delivery_error = ?,
                          delivery_claimed_by = NULL, delivery_attempts = ?, delivery_next_at = ? WHERE entry_no = ?
                        """,
                        [
                            .text(reason), .integer(Int64(tries + 1)), .text(StoredTime.text(now)),
                            .integer(outcome.entryNo),
                        ])
                }
            }
            if !merged.isEmpty {
                let list = Self.list(merged.map(\.0))
                // A resent entry keeps only the letter of its last delivery.
                try connection.execute("DELETE FROM entry_document WHERE entry_no IN (\(list.marks))", list.binds)
                let insert = try connection.prepare("INSERT INTO entry_document (entry_no, docx) VALUES (?, ?)")
                for (entryNo, letter) in merged { try insert.execute([.integer(entryNo), .blob(letter)]) }
                try LogCounters.moveDeliveries(
                    SQLFragment("e.entry_no IN (\(list.marks))", list.binds), to: .sent, connection)
                try connection.execute(
                    """
                    UPDATE interaction_log_entry SET delivery_status = 'sent', delivery_error = '',
                      delivery_claimed_by = NULL, has_document = 1 WHERE entry_no IN (\(list.marks))
                    """, list.binds)
            }
            if !unstarted.isEmpty {
                let list = Self.list(unstarted)
                try connection.execute(
                    """
                    UPDATE interaction_log_entry SET delivery_claimed_by = NULL, delivery_claimed_at = NULL
                    WHERE delivery_claimed_by = ? AND delivery_status = 'pending' AND entry_no IN (\(list.marks))
                    """, [.text(worker)] + list.binds)
            }
            // No `refreshProgress`: the progress it keeps is that of a run's pending e-mails (hard copies go at
            // once), which a batch of hard copies leaves as it was; and finding a run's pending e-mails reads every
            // entry of the run, which per batch made a 100,000-letter run quadratic.
            return outcomes.count
        }
    }

    static func list(_ entryNos: [Int64]) -> (marks: String, binds: [SQLValue]) {
        (Array(repeating: "?", count: entryNos.count).joined(separator: ", "), entryNos.map { .integer($0) })
    }
}
