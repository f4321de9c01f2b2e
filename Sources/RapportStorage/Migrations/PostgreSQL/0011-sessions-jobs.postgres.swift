extension PostgresMigrations {
    /// Web sessions (the cookie's token stored only as its SHA-256, with the session's CSRF secret and its
    /// one-shot notice) and background jobs (an import: who runs it, how far it got, when its instance last
    /// said it was alive, and how it ended): kept in the database, so any instance serves any request and a
    /// restart signs nobody out.
    static let sessionsJobs = Migration(
        name: "0011-sessions-jobs",
        sql: #"""
            -- statement
            CREATE TABLE web_session (
              token_hash TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (length(token_hash) = 64),
              user_id TEXT COLLATE "C" NOT NULL CHECK (user_id <> '' AND length(user_id) <= 50),
              csrf_token TEXT COLLATE "C" NOT NULL CHECK (length(csrf_token) >= 32),
              created_at TEXT COLLATE "C" NOT NULL,
              expires_at TEXT COLLATE "C" NOT NULL CHECK (expires_at > created_at),
              flash TEXT COLLATE "C");
            -- statement
            CREATE INDEX web_session_expires ON web_session (expires_at);
            -- statement
            CREATE TABLE background_job (
              job_id TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (length(job_id) >= 32),
              user_id TEXT COLLATE "C" NOT NULL CHECK (user_id <> '' AND length(user_id) <= 50),
              title TEXT COLLATE "C" NOT NULL CHECK (title <> ''),
              state TEXT COLLATE "C" NOT NULL CHECK (state IN ('running', 'succeeded', 'failed')),
              progress TEXT COLLATE "C" NOT NULL,
              instance TEXT COLLATE "C" NOT NULL CHECK (instance <> ''),
              started_at TEXT COLLATE "C" NOT NULL,
              heartbeat_at TEXT COLLATE "C" NOT NULL,
              finished_at TEXT COLLATE "C",
              result TEXT COLLATE "C",
              error_message TEXT COLLATE "C",
              next_path TEXT COLLATE "C" NOT NULL CHECK (substr(next_path, 1, 1) = '/'),
              next_label TEXT COLLATE "C" NOT NULL,
              CHECK ((state = 'running') = (finished_at IS NULL)),
              CHECK ((state = 'failed') = (error_message IS NOT NULL)));
            -- statement
            CREATE INDEX background_job_running ON background_job (state, heartbeat_at);
            -- statement
            CREATE INDEX background_job_finished ON background_job (finished_at);
            -- statement
            CREATE TABLE background_job_problem (
              job_id TEXT COLLATE "C" NOT NULL REFERENCES background_job (job_id) ON DELETE CASCADE,
              problem_no BIGINT NOT NULL CHECK (problem_no > 0),
              row_no BIGINT,
              line_no BIGINT,
              contact_no TEXT COLLATE "C",
              field TEXT COLLATE "C",
              message TEXT COLLATE "C" NOT NULL,
              PRIMARY KEY (job_id, problem_no));
            """#)
}
