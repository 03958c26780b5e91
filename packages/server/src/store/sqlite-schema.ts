/** The SQLite schema: versioned migrations, run in one write transaction at open. */
import type Database from 'better-sqlite3'
import { ServerError } from '../errors.js'

// Migration N (1-based) brings the schema from version N-1 to N. Append only: a database that
// ran a migration never runs it again, so editing one would split deployments.
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE users (
     id TEXT PRIMARY KEY,
     username TEXT NOT NULL UNIQUE COLLATE NOCASE,
     password_hash TEXT NOT NULL,
     roles TEXT NOT NULL,
     scopes TEXT NOT NULL,
     created_at INTEGER NOT NULL
   ) STRICT;
   CREATE TABLE signing_keys (
     kid TEXT PRIMARY KEY,
     alg TEXT NOT NULL,
     public_jwk TEXT NOT NULL,
     encrypted_private_key TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('active')),
     created_at INTEGER NOT NULL
   ) STRICT;`,
  // Version 2: key generations for rotation, clients, refresh tokens and revoked access tokens.
  // SQLite cannot drop a CHECK constraint, so signing_keys is copied into a new table. The keys
  // of version 1 were all active and get generations in order of creation.
  `CREATE TABLE signing_keys_v2 (
     kid TEXT PRIMARY KEY,
     generation INTEGER NOT NULL UNIQUE,
     alg TEXT NOT NULL,
     public_jwk TEXT NOT NULL,
     encrypted_private_key TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     activates_at INTEGER NOT NULL
   ) STRICT;
   INSERT INTO signing_keys_v2
     SELECT kid, row_number() OVER (ORDER BY created_at, rowid), alg, public_jwk,
            encrypted_private_key, created_at, created_at
     FROM signing_keys;
   DROP TABLE signing_keys;
   ALTER TABLE signing_keys_v2 RENAME TO signing_keys;
   CREATE TABLE clients (
     id TEXT PRIMARY KEY,
     secret_hash TEXT NOT NULL,
     scopes TEXT NOT NULL,
     grant_types TEXT NOT NULL,
     created_at INTEGER NOT NULL
   ) STRICT;
   CREATE TABLE refresh_families (
     id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     client_id TEXT NOT NULL,
     scopes TEXT NOT NULL,
     current_hash TEXT NOT NULL UNIQUE,
     created_at INTEGER NOT NULL,
     idle_expires_at INTEGER NOT NULL,
     absolute_expires_at INTEGER NOT NULL,
     revoked_at INTEGER
   ) STRICT;
   CREATE INDEX refresh_families_idle_expiry ON refresh_families (idle_expires_at);
   CREATE INDEX refresh_families_user ON refresh_families (user_id);
   CREATE TABLE refresh_tokens (
     hash TEXT PRIMARY KEY,
     family_id TEXT NOT NULL REFERENCES refresh_families (id) ON DELETE CASCADE,
     issued_at INTEGER NOT NULL
   ) STRICT;
   CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
   CREATE TABLE revoked_access_tokens (
     jti TEXT PRIMARY KEY,
     expires_at INTEGER NOT NULL
   ) STRICT;
   CREATE INDEX revoked_access_tokens_expiry ON revoked_access_tokens (expires_at);`,
  // Version 3: the version of the revocation list, one row that every revocation rewrites.
  `CREATE TABLE revocation_version (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     version TEXT NOT NULL
   ) STRICT;
   INSERT INTO revocation_version (id, version) VALUES (1, '');`,
]

/** The schema version this code creates and understands. */
export const SQLITE_SCHEMA_VERSION = MIGRATIONS.length

/**
 * Brings the schema of `db` up to SQLITE_SCHEMA_VERSION.
 * @throws ServerError `STORE_INVALID` when the schema is newer than this version supports.
 */
export function migrateSqlite(db: Database.Database, path: string): void {
  // IMMEDIATE takes the write lock before reading the version, so two processes opening a new
  // file together cannot both run the same migration.
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL) STRICT')
    const row = db.prepare('SELECT version FROM schema_version').get() as
      { version: number } | undefined
    const current = row?.version ?? 0
    if (current > MIGRATIONS.length) {
      throw new ServerError(
        'STORE_INVALID',
        `The SQLite database ${path} has schema version ${current}, but this server supports ` +
          `versions up to ${MIGRATIONS.length}; upgrade the server.`,
      )
    }
    for (const sql of MIGRATIONS.slice(current)) db.exec(sql)
    if (row === undefined) db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(0)
    db.prepare('UPDATE schema_version SET version = ?').run(MIGRATIONS.length)
  }).immediate()
}
