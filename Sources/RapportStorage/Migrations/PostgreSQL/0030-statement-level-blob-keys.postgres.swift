extension PostgresMigrations {
    /// The two foreign keys from an interaction log entry to what it pins (`document_sha256` → `document_blob`,
    /// `email_body_sha256` → `email_body_blob`, both no action) become statement triggers that keep the same rule,
    /// as migration 0028 did for the entry's contact.
    ///
    /// PostgreSQL queues a key's check for every row an `INSERT` writes, also when the row's key is NULL, and the
    /// two keys were deferred to the commit: a 100,000-line Log paid 110-150 ms at its commit for 200,000 checks of
    /// NULLs, about a twentieth of the Log. Here the entries a statement adds are checked once, against the few
    /// distinct hashes they pin, when the statement ends. So a writer stores a blob in the statement that writes the
    /// entries pinning it (`LogSources.writeEntries`), where the deferred keys let it come later in the transaction.
    ///
    /// As in 0028, the removing side waits instead of the checks locking each blob they find: deleting a blob (or
    /// changing its hash) locks the entries' table against writes before it looks for entries that pin it. An entry
    /// whose pin changes is checked row by row, as the key was. SQLite keeps its keys, whose checks cost it little.
    static let statementLevelBlobKeys = Migration(
        name: "0030-statement-level-blob-keys",
        sql: #"""
            -- statement
            ALTER TABLE interaction_log_entry DROP CONSTRAINT interaction_log_entry_document_sha256_fkey;
            -- statement
            ALTER TABLE interaction_log_entry DROP CONSTRAINT interaction_log_entry_email_body_sha256_fkey;
            -- statement
            -- Raised as a foreign key violation (SQLSTATE 23503), as the keys' own checks were.
            CREATE FUNCTION entry_blob_missing(kind text, missing text) RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
              RAISE foreign_key_violation USING
                MESSAGE = format('%s %s is not stored: an interaction log entry cannot pin it', kind, missing);
            END $$;
            -- statement
            CREATE FUNCTION entry_blobs_exist() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE kind text; missing text;
            BEGIN
              WITH pinned AS (
                SELECT DISTINCT n.document_sha256, n.email_body_sha256 FROM added_entries n
                WHERE n.document_sha256 IS NOT NULL OR n.email_body_sha256 IS NOT NULL)
              SELECT m.kind, m.sha256 INTO kind, missing FROM (
                SELECT 'document' AS kind, p.document_sha256 AS sha256 FROM pinned p
                WHERE p.document_sha256 IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM document_blob b WHERE b.sha256 = p.document_sha256)
                UNION ALL
                SELECT 'e-mail body', p.email_body_sha256 FROM pinned p
                WHERE p.email_body_sha256 IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM email_body_blob b WHERE b.sha256 = p.email_body_sha256)) m
              LIMIT 1;
              IF FOUND THEN PERFORM entry_blob_missing(kind, missing); END IF;
              RETURN NULL;
            END $$;
            -- statement
            CREATE TRIGGER entry_blobs_exist AFTER INSERT ON interaction_log_entry
              REFERENCING NEW TABLE AS added_entries FOR EACH STATEMENT EXECUTE FUNCTION entry_blobs_exist();
            -- statement
            CREATE FUNCTION entry_blob_exists() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.document_sha256 IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM document_blob WHERE sha256 = NEW.document_sha256) THEN
                PERFORM entry_blob_missing('document', NEW.document_sha256);
              END IF;
              IF NEW.email_body_sha256 IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM email_body_blob WHERE sha256 = NEW.email_body_sha256) THEN
                PERFORM entry_blob_missing('e-mail body', NEW.email_body_sha256);
              END IF;
              RETURN NULL;
            END $$;
            -- statement
            CREATE TRIGGER entry_blob_exists AFTER UPDATE OF document_sha256, email_body_sha256 ON interaction_log_entry
              FOR EACH ROW WHEN (NEW.document_sha256 IS DISTINCT FROM OLD.document_sha256
                OR NEW.email_body_sha256 IS DISTINCT FROM OLD.email_body_sha256)
              EXECUTE FUNCTION entry_blob_exists();
            -- statement
            CREATE FUNCTION blob_in_use(kind text, used text) RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
              RAISE foreign_key_violation USING
                MESSAGE = format('%s %s is pinned by interaction log entries and cannot be removed', kind, used);
            END $$;
            -- statement
            -- TG_ARGV: the entries' column that pins this table's blobs, and what a message calls them.
            CREATE FUNCTION pinned_blobs_kept() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE used text;
            BEGIN
              LOCK TABLE interaction_log_entry IN SHARE ROW EXCLUSIVE MODE;
              EXECUTE format('SELECT r.sha256 FROM removed_blobs r WHERE EXISTS '
                || '(SELECT 1 FROM interaction_log_entry e WHERE e.%I = r.sha256) LIMIT 1', TG_ARGV[0]) INTO used;
              IF used IS NOT NULL THEN PERFORM blob_in_use(TG_ARGV[1], used); END IF;
              RETURN NULL;
            END $$;
            -- statement
            CREATE TRIGGER document_blobs_kept AFTER DELETE ON document_blob REFERENCING OLD TABLE AS removed_blobs
              FOR EACH STATEMENT EXECUTE FUNCTION pinned_blobs_kept('document_sha256', 'document');
            -- statement
            CREATE TRIGGER email_body_blobs_kept AFTER DELETE ON email_body_blob REFERENCING OLD TABLE AS removed_blobs
              FOR EACH STATEMENT EXECUTE FUNCTION pinned_blobs_kept('email_body_sha256', 'e-mail body');
            -- statement
            -- A blob's hash changed: the entries pinning the old one must not be left behind, unless the statement gave
            -- the old hash to another blob.
            CREATE FUNCTION pinned_blob_key_kept() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE pinned boolean; stored boolean;
            BEGIN
              LOCK TABLE interaction_log_entry IN SHARE ROW EXCLUSIVE MODE;
              EXECUTE format('SELECT EXISTS (SELECT 1 FROM interaction_log_entry WHERE %I = $1)', TG_ARGV[0])
                INTO pinned USING OLD.sha256;
              EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE sha256 = $1)', TG_TABLE_NAME)
                INTO stored USING OLD.sha256;
              IF pinned AND NOT stored THEN PERFORM blob_in_use(TG_ARGV[1], OLD.sha256); END IF;
              RETURN NULL;
            END $$;
            -- statement
            CREATE TRIGGER document_blob_key_kept AFTER UPDATE OF sha256 ON document_blob FOR EACH ROW
              WHEN (NEW.sha256 IS DISTINCT FROM OLD.sha256)
              EXECUTE FUNCTION pinned_blob_key_kept('document_sha256', 'document');
            -- statement
            CREATE TRIGGER email_body_blob_key_kept AFTER UPDATE OF sha256 ON email_body_blob FOR EACH ROW
              WHEN (NEW.sha256 IS DISTINCT FROM OLD.sha256)
              EXECUTE FUNCTION pinned_blob_key_kept('email_body_sha256', 'e-mail body');
            """#)
}
