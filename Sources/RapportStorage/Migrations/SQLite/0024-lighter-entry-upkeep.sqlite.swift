extension SQLiteMigrations {
    /// `ile_delivery_slot` and `ile_campaign` hold only the entries that have a send slot or a campaign, as in
    /// PostgreSQL's migration of the same name (which also keeps merged letters in their rows; SQLite has no
    /// TOAST). SQLite's planner uses a partial index when the query's `WHERE` implies its predicate, and
    /// `delivery_slot_ms > ?` and `campaign_no = ?` do.
    static let lighterEntryUpkeep = Migration(
        name: "0024-lighter-entry-upkeep",
        sql: #"""
            -- statement
            DROP INDEX ile_delivery_slot;
            -- statement
            CREATE INDEX ile_delivery_slot ON interaction_log_entry (delivery_slot_ms)
              WHERE delivery_slot_ms IS NOT NULL;
            -- statement
            DROP INDEX ile_campaign;
            -- statement
            CREATE INDEX ile_campaign ON interaction_log_entry (campaign_no, campaign_entry_no, date)
              WHERE campaign_no IS NOT NULL;
            """#)
}
