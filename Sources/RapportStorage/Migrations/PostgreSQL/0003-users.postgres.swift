extension PostgresMigrations {
    /// Users and their API tokens, and the first administrator.
    static let users = Migration(
        name: "0003-users",
        sql: #"""
            -- statement
            CREATE TABLE app_user (
              user_id TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (user_id <> '' AND length(user_id) <= 50),
              role TEXT COLLATE "C" NOT NULL CHECK (role IN ('admin', 'marketer', 'viewer')),
              salesperson_code TEXT COLLATE "C" REFERENCES salesperson (code),
              password_hash TEXT COLLATE "C" NOT NULL DEFAULT '',
              active BIGINT NOT NULL DEFAULT 0 CHECK (active IN (0, 1)));
            -- statement
            INSERT INTO app_user (user_id, role, active) VALUES ('ADMIN', 'admin', 1);
            -- statement
            CREATE TABLE api_token (
              token_id TEXT COLLATE "C" NOT NULL PRIMARY KEY,
              user_id TEXT COLLATE "C" NOT NULL REFERENCES app_user (user_id) ON DELETE CASCADE,
              token_hash TEXT COLLATE "C" NOT NULL UNIQUE,
              created_at TEXT COLLATE "C" NOT NULL, last_used_at TEXT COLLATE "C");
            -- statement
            CREATE INDEX api_token_user ON api_token (user_id);
            """#)
}
