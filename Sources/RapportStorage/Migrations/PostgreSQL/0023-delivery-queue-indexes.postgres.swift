extension PostgresMigrations {
    /// The delivery queue by kind: one index holds the batched hard copies waiting to be claimed (a frozen letter
    /// and merge snapshot), in `delivery_next_at` order, the other every other entry waiting to be claimed (e-mails,
    /// letters logged before documents were frozen), in entry order. Each claim reads its own kind's waiting entries
    /// and nothing else. Before them, on PostgreSQL, a claim of hard copies planned from fresh statistics (taken by
    /// autoanalyze during a run) read the whole table and sorted it (the `COALESCE` test has no statistics, so the
    /// planner expected a few hundred candidates), 150-480 ms a batch; and the one-by-one claims walked the primary key
    /// through 100,000 pending hard copies to find none. A claimed entry leaves both indexes, so the indexes stay the
    /// size of the queue's unclaimed part; logging without sending adds nothing to either.
    static let deliveryQueueIndexes = Migration(
        name: "0023-delivery-queue-indexes",
        sql: #"""
            -- statement
            CREATE INDEX ile_queue_batched ON interaction_log_entry (delivery_next_at)
              WHERE delivery_status = 'pending' AND delivery_claimed_by IS NULL
                AND (COALESCE(correspondence_type, '') = 'hardCopy' AND merge_snapshot IS NOT NULL
                  AND document_sha256 IS NOT NULL);
            -- statement
            CREATE INDEX ile_queue_one_by_one ON interaction_log_entry (entry_no)
              WHERE delivery_status = 'pending' AND delivery_claimed_by IS NULL
                AND NOT (COALESCE(correspondence_type, '') = 'hardCopy' AND merge_snapshot IS NOT NULL
                  AND document_sha256 IS NOT NULL);
            """#)
}
