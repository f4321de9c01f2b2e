extension SQLiteMigrations {
    /// The delivery queue by kind, as PostgreSQL's migration of the same name makes it (both databases keep the same
    /// schema: `MigrationCatalogueTests`). SQLite's planner keeps reading the claims through `ile_delivery` (EXPLAIN
    /// QUERY PLAN on the 1M bench database) and never took PostgreSQL's whole-table plan; here the two partial indexes
    /// hold only the queue's unclaimed part, so their upkeep is an insert per entry logged with Send and a delete per
    /// claim.
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
