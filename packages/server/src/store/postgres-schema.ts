/** The PostgreSQL schema: versioned migrations, run under an advisory lock at open. */
import type pg from 'pg'
import { ServerError } from '../errors.js'

// Migration N (1-based) brings the schema from version N-1 to N. Append only: a database that
// ran a migration never runs it again, so editing one would split deployments. Times are
// BIGINT seconds since the Unix epoch, as in the SQLite store.
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE users (
     id TEXT PRIMARY KEY,
     username TEXT NOT NULL,
     -- The username in ASCII lower case, computed by the service: lower() would also fold
     -- non-ASCII letters, such as the Kelvin sign to k, which SQLite's NOCASE does not.
     username_key TEXT NOT NULL UNIQUE,
     password_hash TEXT NOT NULL,
     roles TEXT NOT NULL,
     scopes TEXT NOT NULL,
     created_at BIGINT NOT NULL
   );
   CREATE TABLE clients (
     id TEXT PRIMARY KEY,
     secret_hash TEXT NOT NULL,
     scopes TEXT NOT NULL,
     grant_types TEXT NOT NULL,
     created_at BIGINT NOT NULL
   );
   CREATE TABLE signing_keys (
     kid TEXT PRIMARY KEY,
     generation INTEGER NOT NULL UNIQUE,
     alg TEXT NOT NULL,
     public_jwk TEXT NOT NULL,
     encrypted_private_key TEXT NOT NULL,
     created_at BIGINT NOT NULL,
     activates_at BIGINT NOT NULL
   );
   CREATE TABLE refresh_families (
     id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     client_id TEXT NOT NULL,
     scopes TEXT NOT NULL,
     current_hash TEXT NOT NULL UNIQUE,
     created_at BIGINT NOT NULL,
     idle_expires_at BIGINT NOT NULL,
     absolute_expires_at BIGINT NOT NULL,
     revoked_at BIGINT
   );
   CREATE INDEX refresh_families_idle_expiry ON refresh_families (idle_expires_at);
   CREATE INDEX refresh_families_user ON refresh_families (user_id);
   CREATE TABLE refresh_tokens (
     hash TEXT PRIMARY KEY,
     family_id TEXT NOT NULL REFERENCES refresh_families (id) ON DELETE CASCADE,
     issued_at BIGINT NOT NULL
   );
   CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
   CREATE TABLE revoked_access_tokens (
     jti TEXT PRIMARY KEY,
     expires_at BIGINT NOT NULL
   );
   CREATE INDEX revoked_access_tokens_expiry ON revoked_access_tokens (expires_at);`,
  // Version 2: the version of the revocation list, one row that every revocation rewrites.
  `CREATE TABLE revocation_version (
     id BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (id),
     version TEXT NOT NULL
   );
   INSERT INTO revocation_version (version) VALUES ('');`,
]

/** The schema version this code creates and understands. */
export const POSTGRES_SCHEMA_VERSION = MIGRATIONS.length

// Any constant works, as long as no other code on the database uses it for another lock.
const MIGRATION_LOCK = 0x6a6f74

/**
 * Brings the schema up to POSTGRES_SCHEMA_VERSION in one transaction. The advisory lock makes
 * instances that start together run each migration once.
 * @throws ServerError `STORE_INVALID` when the schema is newer than this version supports.
 */
export async function migratePostgres(client: pg.PoolClient, databaseName: string): Promise<void> {
  await client.query('BEGIN')
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)')
    const result = await client.query<{ version: number }>('SELECT version FROM schema_version')
    const row = result.rows[0]
    const current = row?.version ?? 0
    if (current > MIGRATIONS.length) {
      throw new ServerError(
        'STORE_INVALID',
        `The PostgreSQL database ${databaseName} has schema version ${current}, but this server ` +
          `supports versions up to ${MIGRATIONS.length}; upgrade the server.`,
      )
    }
    for (const sql of MIGRATIONS.slice(current)) await client.query(sql)
    if (row === undefined) await client.query('INSERT INTO schema_version (version) VALUES (0)')
    await client.query('UPDATE schema_version SET version = $1', [MIGRATIONS.length])
    await client.query('COMMIT')
  } catch (error) {
    // A failed ROLLBACK (the connection is gone) adds nothing to the error that caused it.
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}
