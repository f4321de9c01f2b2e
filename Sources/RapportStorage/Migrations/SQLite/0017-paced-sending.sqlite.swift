extension SQLiteMigrations {
    /// Paced, scheduled e-mail: the SMTP rate limits of setup (NULL = unlimited), a logged run's scheduled
    /// start, the send slot an e-mail took (milliseconds since 1970, counted against the limits by every
    /// instance), the moment its message was committed to the SMTP server (the final dot: it counts as sent
    /// after a crash), why an entry was skipped, and the addresses that bounced hard.
    static let pacedSending = Migration(
        name: "0017-paced-sending",
        sql: #"""
            -- statement
            ALTER TABLE setup ADD COLUMN smtp_rate_per_minute BIGINT;
            -- statement
            ALTER TABLE setup ADD COLUMN smtp_rate_per_hour BIGINT;
            -- statement
            ALTER TABLE setup ADD COLUMN smtp_rate_per_day BIGINT;
            -- statement
            ALTER TABLE logged_segment ADD COLUMN send_at TEXT;
            -- statement
            ALTER TABLE logged_segment ADD COLUMN delivery_next TEXT;
            -- statement
            ALTER TABLE logged_segment ADD COLUMN delivery_estimated_finish TEXT;
            -- statement
            ALTER TABLE interaction_log_entry ADD COLUMN delivery_slot_ms BIGINT;
            -- statement
            ALTER TABLE interaction_log_entry ADD COLUMN delivery_committed_ms BIGINT;
            -- statement
            ALTER TABLE interaction_log_entry ADD COLUMN delivery_skip_reason TEXT;
            -- statement
            CREATE INDEX ile_delivery_slot ON interaction_log_entry (delivery_slot_ms);
            -- statement
            CREATE TABLE email_bounce (
              address TEXT NOT NULL PRIMARY KEY,
              entry_no BIGINT NOT NULL,
              reason TEXT NOT NULL,
              bounced_at TEXT NOT NULL);
            -- statement
            -- Each delivery worker's last sign of life: the claims of a worker that stopped beating are recovered.
            CREATE TABLE delivery_worker (
              worker TEXT NOT NULL PRIMARY KEY,
              heartbeat_ms BIGINT NOT NULL);
            """#)
}
