import Foundation
import RapportCore

/// The e-mail side of the claim: the rate limits of setup counted in the database (so every instance on one
/// database shares one budget), skipped recipients, and the progress figures of the logged segments.
extension DeliveryQueue {
    static let isEmail = "correspondence_type = 'email'"
    static let isNotEmail = "(correspondence_type IS NULL OR correspondence_type <> 'email')"
    static let due = "delivery_status = 'pending' AND delivery_claimed_by IS NULL AND delivery_next_at <= ?"
    /// The due entries `claim` delivers one by one (every kind but the batched hard copies), in the words of the
    /// index that holds them (`ile_queue_one_by_one`), so a claim reads those and never the hard copies' queue.
    static let dueOneByOne = "\(due) AND NOT \(isBatchedHardCopy)"

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }
    static func timestamp(milliseconds: Int64) -> String {
        StoredTime.text(Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }

    /// Claims due entries for `worker`: anything but e-mail up to `limit`, e-mails up to `limit` within the
    /// send slots the rate limits leave. Skipped recipients are set aside first, so they take no slot. Returns the
    /// entries it claimed.
    static func claimDue(worker: String, now: Date, limit: Int, _ connection: any SQLConnection) throws -> [Int64] {
        let stamp = StoredTime.text(now)
        let nowMs = milliseconds(now)
        try beat(worker: worker, nowMs: nowMs, connection)
        var claimed = try connection.query(
            """
            UPDATE interaction_log_entry SET delivery_claimed_by = ?, delivery_claimed_at = ?
            WHERE entry_no IN (SELECT entry_no FROM interaction_log_entry
              WHERE \(dueOneByOne) AND \(isNotEmail) ORDER BY entry_no LIMIT ?)
            RETURNING entry_no
            """, [.text(worker), .text(stamp), .text(stamp), .integer(Int64(limit))]
        ).map { $0.int("entry_no") }
        try skipUnsendable(now: now, candidates: limit + 16, connection)
        let rate = try sendingRate(connection)
        let claim = """
            UPDATE interaction_log_entry SET delivery_claimed_by = ?, delivery_claimed_at = ?, delivery_slot_ms = ?,
              delivery_committed_ms = NULL
            WHERE entry_no IN (SELECT entry_no FROM interaction_log_entry WHERE \(dueOneByOne) AND \(isEmail)
              ORDER BY entry_no LIMIT ?)
            RETURNING entry_no
            """
        if rate.isUnlimited {
            claimed += try connection.query(
                claim, [.text(worker), .text(stamp), .integer(nowMs), .text(stamp), .integer(Int64(limit))]
            ).map { $0.int("entry_no") }
            return claimed
        }
        let budget = try budget(rate, nowMs: nowMs, connection)
        for slot in rate.slots(now: nowMs, lastSlot: budget.lastSlot, taken: budget.taken, wanted: limit) {
            let one = try connection.query(
                claim, [.text(worker), .text(stamp), .integer(slot), .text(stamp), .integer(1)]
            ).map { $0.int("entry_no") }
            if one.isEmpty { break }
            claimed += one
        }
        return claimed
    }

    /// The last slot taken. The IS NOT NULL lets SQLite read it from `ile_delivery_slot`, which holds only the
    /// entries with a slot (migration 0024); without it SQLite reads every entry.
    static let lastSlot = "SELECT MAX(delivery_slot_ms) FROM interaction_log_entry WHERE delivery_slot_ms IS NOT NULL"

    /// The slots already taken: the last one, and how many (and the oldest) in each window of `rate`.
    static func budget(
        _ rate: SendingRate, nowMs: Int64, _ connection: any SQLConnection
    ) throws -> (
        lastSlot: Int64?, taken: [Int], oldest: [Int64?]
    ) {
        let last = try connection.scalar(lastSlot)?.intValue
        var taken: [Int] = []
        var oldest: [Int64?] = []
        for window in rate.windows {
            let row = try connection.query(
                """
                SELECT COUNT(*) AS n, MIN(delivery_slot_ms) AS oldest FROM interaction_log_entry
                WHERE delivery_slot_ms > ?
                """, [.integer(nowMs - window.windowMs)]
            ).first
            taken.append(Int(row?.int("n") ?? 0))
            oldest.append(row?["oldest"].intValue)
        }
        return (last, taken, oldest)
    }

    /// The rate limits of setup.
    static func sendingRate(_ connection: any SQLConnection) throws -> SendingRate {
        let row = try connection.query(
            "SELECT smtp_rate_per_minute, smtp_rate_per_hour, smtp_rate_per_day FROM setup WHERE id = 1", []
        ).first
        return SendingRate(
            perMinute: (row?["smtp_rate_per_minute"].intValue).map { Int($0) },
            perHour: (row?["smtp_rate_per_hour"].intValue).map { Int($0) },
            perDay: (row?["smtp_rate_per_day"].intValue).map { Int($0) })
    }

    /// The next due e-mails whose contact has been marked "exclude from segment" or whose address bounced
    /// hard leave the queue with the reason: no status, `delivery_skip_reason` set.
    static func skipUnsendable(now: Date, candidates: Int, _ connection: any SQLConnection) throws {
        let stamp = StoredTime.text(now)
        let excluded =
            "EXISTS (SELECT 1 FROM contact c WHERE c.no = interaction_log_entry.contact_no AND c.exclude_from_segment = 1)"
        let bounced = """
            (SELECT MIN(b.reason) FROM email_bounce b JOIN contact c ON c.email = b.address
             WHERE c.no = interaction_log_entry.contact_no)
            """
        let skipped = try connection.query(
            """
            SELECT entry_no FROM interaction_log_entry
            WHERE entry_no IN (SELECT entry_no FROM interaction_log_entry WHERE \(dueOneByOne) AND \(isEmail)
              ORDER BY entry_no LIMIT ?)
              AND (\(excluded) OR \(bounced) IS NOT NULL)
            """, [.text(stamp), .integer(Int64(candidates))]
        ).map { $0.int("entry_no") }
        guard !skipped.isEmpty else { return }
        let list = skipped.map(String.init).joined(separator: ", ")
        try LogCounters.moveDeliveries(SQLFragment("e.entry_no IN (\(list))", []), to: nil, connection)
        try connection.execute(
            """
            UPDATE interaction_log_entry SET delivery_status = NULL, delivery_skip_reason = CASE WHEN \(excluded)
                THEN 'Skipped: the contact is marked "exclude from segment".'
                ELSE 'Skipped: the address bounced hard (' || \(bounced) || ').' END
            WHERE entry_no IN (\(list))
            """, [])
        try refreshProgress(entries: skipped, now: now, connection)
    }

    /// Records that `worker` is alive; its claims are safe from recovery while it beats.
    static func beat(worker: String, nowMs: Int64, _ connection: any SQLConnection) throws {
        try connection.execute(
            """
            INSERT INTO delivery_worker (worker, heartbeat_ms) VALUES (?, ?)
            ON CONFLICT (worker) DO UPDATE SET heartbeat_ms = excluded.heartbeat_ms
            """, [.text(worker), .integer(nowMs)])
    }

    /// Records that `worker` is alive (between claims, while a long delivery runs).
    public func heartbeat(worker: String, now: Date = Date()) async throws(RapportError) {
        try await store.write("delivery heartbeat") { connection in
            try Self.beat(worker: worker, nowMs: Self.milliseconds(now), connection)
        }
    }

    /// An address the server refused for good (5xx): later e-mails to it are skipped.
    public func recordBounce(
        _ entryNo: Int64, address: String, reason: String, now: Date = Date()
    )
        async throws(RapportError)
    {
        try await store.write("record bounce") { connection in
            try connection.execute("DELETE FROM email_bounce WHERE address = ?", [.text(address)])
            try connection.execute(
                "INSERT INTO email_bounce (address, entry_no, reason, bounced_at) VALUES (?, ?, ?, ?)",
                [.text(address), .integer(entryNo), .text(reason), .text(StoredTime.text(now))])
        }
    }
}

extension DeliveryQueue {
    /// How long until the next send slot (seconds) when due e-mails wait for the rate limits; nil when none wait
    /// or nothing is limited. The worker sleeps that long rather than a whole poll interval.
    public func nextSlotWait(now: Date = Date()) async throws(RapportError) -> TimeInterval? {
        try await store.read { connection in
            let rate = try Self.sendingRate(connection)
            guard !rate.isUnlimited,
                try connection.exists(
                    "SELECT 1 FROM interaction_log_entry WHERE \(Self.dueOneByOne) AND \(Self.isEmail)",
                    [.text(StoredTime.text(now))])
            else { return nil }
            let nowMs = Self.milliseconds(now)
            let budget = try Self.budget(rate, nowMs: nowMs, connection)
            let next = rate.nextSlot(now: nowMs, lastSlot: budget.lastSlot, taken: budget.taken, oldest: budget.oldest)
            return Double(next - nowMs) / 1000
        }
    }
}
