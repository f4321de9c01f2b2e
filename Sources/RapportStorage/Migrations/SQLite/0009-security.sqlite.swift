extension SQLiteMigrations {
    /// The audit trail, numbered by its own counter, and the failed sign-ins of each user ID (the lockout
    /// lives in the database, so it holds across instances and restarts).
    static let security = Migration(
        name: "0009-security",
        sql: #"""
            -- statement
            INSERT INTO entry_sequence (name, last_value) VALUES ('audit_entry', 0);
            -- statement
            CREATE TABLE audit_entry (
              entry_no BIGINT NOT NULL PRIMARY KEY,
              at TEXT NOT NULL,
              user_id TEXT NOT NULL CHECK (user_id <> '' AND length(user_id) <= 50),
              action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'cancel', 'issue', 'revoke')),
              resource TEXT NOT NULL CHECK (resource <> ''),
              resource_fold TEXT NOT NULL,
              record_key TEXT NOT NULL,
              record_key_fold TEXT NOT NULL,
              changes TEXT NOT NULL,
              changes_fold TEXT NOT NULL);
            -- statement
            CREATE INDEX audit_entry_resource ON audit_entry (resource, record_key);
            -- statement
            CREATE INDEX audit_entry_user ON audit_entry (user_id);
            -- statement
            CREATE TABLE sign_in_failure (
              user_id TEXT NOT NULL PRIMARY KEY CHECK (user_id <> '' AND length(user_id) <= 50),
              failures BIGINT NOT NULL CHECK (failures > 0),
              first_failed_at TEXT NOT NULL,
              locked_until TEXT);
            """#)
}
