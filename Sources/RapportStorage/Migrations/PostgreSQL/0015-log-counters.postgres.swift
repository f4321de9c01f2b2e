extension PostgresMigrations {
    /// Stored counters of the interaction log, so lists, statistics and charts never count entries per
    /// request: per logged segment, its entries (open and canceled) and their delivery states; per day, the
    /// interactions, cost and duration of the entries that are not canceled, by template, interaction group,
    /// campaign and correspondence type. `LogCounters` keeps both in the transaction that writes the entries.
    /// A missing day, code or type is kept as '' (so it can be part of the key); cost and duration are whole
    /// hundred-thousandths (the API's scale), so adding and taking away is exact.
    static let logCounters = Migration(
        name: "0015-log-counters",
        sql: #"""
            -- statement
            ALTER TABLE logged_segment ADD COLUMN entries_open BIGINT NOT NULL DEFAULT 0;
            -- statement
            ALTER TABLE logged_segment ADD COLUMN entries_canceled BIGINT NOT NULL DEFAULT 0;
            -- statement
            ALTER TABLE logged_segment ADD COLUMN deliveries_pending BIGINT NOT NULL DEFAULT 0;
            -- statement
            ALTER TABLE logged_segment ADD COLUMN deliveries_sent BIGINT NOT NULL DEFAULT 0;
            -- statement
            ALTER TABLE logged_segment ADD COLUMN deliveries_error BIGINT NOT NULL DEFAULT 0;
            -- statement
            UPDATE logged_segment SET entries_open = s.n_open, entries_canceled = s.n_canceled,
              deliveries_pending = s.n_pending, deliveries_sent = s.n_sent, deliveries_error = s.n_error
            FROM (SELECT logged_segment_entry_no AS no,
                    SUM(CASE WHEN canceled = 0 THEN 1 ELSE 0 END) AS n_open,
                    SUM(CASE WHEN canceled = 1 THEN 1 ELSE 0 END) AS n_canceled,
                    SUM(CASE WHEN delivery_status = 'pending' THEN 1 ELSE 0 END) AS n_pending,
                    SUM(CASE WHEN delivery_status = 'sent' THEN 1 ELSE 0 END) AS n_sent,
                    SUM(CASE WHEN delivery_status = 'error' THEN 1 ELSE 0 END) AS n_error
                  FROM interaction_log_entry WHERE logged_segment_entry_no IS NOT NULL
                  GROUP BY logged_segment_entry_no) s
            WHERE logged_segment.entry_no = s.no;
            -- statement
            CREATE TABLE interaction_day_total (
              day TEXT COLLATE "C" NOT NULL,
              interaction_template_code TEXT COLLATE "C" NOT NULL,
              interaction_group_code TEXT COLLATE "C" NOT NULL,
              campaign_no TEXT COLLATE "C" NOT NULL,
              correspondence_type TEXT COLLATE "C" NOT NULL,
              interactions BIGINT NOT NULL,
              cost_units BIGINT NOT NULL,
              duration_units BIGINT NOT NULL,
              PRIMARY KEY (day, interaction_template_code, interaction_group_code, campaign_no, correspondence_type));
            -- statement
            INSERT INTO interaction_day_total (day, interaction_template_code, interaction_group_code, campaign_no,
              correspondence_type, interactions, cost_units, duration_units)
            SELECT COALESCE(date, ''), COALESCE(interaction_template_code, ''), COALESCE(interaction_group_code, ''),
              COALESCE(campaign_no, ''), COALESCE(correspondence_type, ''), COUNT(*),
              SUM(CAST(ROUND(cost * 100000) AS BIGINT)), SUM(CAST(ROUND(duration * 100000) AS BIGINT))
            FROM interaction_log_entry WHERE canceled = 0 GROUP BY 1, 2, 3, 4, 5;
            -- statement
            CREATE INDEX interaction_day_total_template ON interaction_day_total (interaction_template_code, day);
            -- statement
            CREATE INDEX interaction_day_total_group ON interaction_day_total (interaction_group_code, day);
            -- statement
            CREATE INDEX interaction_day_total_campaign ON interaction_day_total (campaign_no, day);
            """#)
}
