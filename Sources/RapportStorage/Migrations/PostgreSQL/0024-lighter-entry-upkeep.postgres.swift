extension PostgresMigrations {
    /// Less work per logged entry and per delivered letter.
    /// - A merged letter (about 3 KB on the bench) stays in its `entry_document` row, uncompressed: with the default
    ///   target of 2 KB every letter was offered to pglz, which cannot shrink a ZIP, and then moved to the TOAST
    ///   table and its index. Storing 500 letters took 48 ms that way and 20 ms this way (`COPY`, the 1M bench
    ///   cluster). Letters over 8 KB are still moved out as before.
    /// - `ile_delivery_slot` and `ile_campaign` hold only the entries that have a send slot or a campaign. Every
    ///   entry logged or delivered added a NULL to each (two of the nine index entries an entry costs), and
    ///   nothing looks an entry up by a NULL slot or campaign: the pacing reads `delivery_slot_ms > ?` and its
    ///   maximum, the campaign's reads `campaign_no = ?`, each of which implies the predicate.
    static let lighterEntryUpkeep = Migration(
        name: "0024-lighter-entry-upkeep",
        sql: #"""
            -- statement
            ALTER TABLE entry_document SET (toast_tuple_target = 8160);
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
