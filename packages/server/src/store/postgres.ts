/** The PostgreSQL store (a pg Pool) for several instances sharing one database. */
import pg from 'pg'
import type { QueryResultRow } from 'pg'
import { ServerError } from '../errors.js'
import { migratePostgres } from './postgres-schema.js'
import { newRevocationVersion } from './revocation-version.js'
import {
  classifyFailedRotation,
  clientToRow,
  familyToRow,
  signingKeyToRow,
  toClient,
  toFamily,
  toSigningKey,
  toUser,
  userToRow,
} from './rows.js'
import type { ClientRow, FamilyRow, SigningKeyRow, UserRow } from './rows.js'
import type {
  ClientRecord,
  PurgeResult,
  RefreshFamilyRecord,
  RefreshRotation,
  RefreshTokenLookup,
  RotateRefreshTokenInput,
  SigningKeyRecord,
  Store,
  UserRecord,
} from './store.js'
import { isPostgresUnavailable, storeUnavailable } from './unavailable.js'

export { POSTGRES_SCHEMA_VERSION } from './postgres-schema.js'

/** Options of openPostgresStore. */
export interface PostgresStoreOptions {
  /** Maximum connections, 1 to 100. Default 10. */
  readonly poolSize?: number
  /** Receives errors of idle connections, which no caller is waiting for. Default: ignored. */
  readonly onBackgroundError?: (error: Error) => void
}

// A request waits at most this long for a connection, and a query at most this long for its
// result, so that an unreachable database turns into a 503 instead of a hanging request.
const CONNECT_TIMEOUT_MS = 5_000
const QUERY_TIMEOUT_MS = 10_000

// BIGINT columns hold Unix seconds, which are exact in a JavaScript number; pg returns them as
// strings by default. The parser is set on this store's pool only, not globally.
const TYPES = new pg.TypeOverrides()
TYPES.setTypeParser(pg.types.builtins.INT8, (text: string) => Number(text))

/**
 * Opens a pool on a PostgreSQL database and brings its schema up to date.
 * @throws ServerError `STORE_UNAVAILABLE` when the database cannot be reached, `STORE_INVALID`
 *   when its schema is newer than this version supports.
 */
export async function openPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    types: TYPES,
  })
  // Without a listener, an idle connection that breaks would crash the process.
  pool.on('error', options.onBackgroundError ?? ignore)
  try {
    const client = await pool.connect()
    try {
      await migratePostgres(client, databaseName(url))
    } finally {
      client.release()
    }
  } catch (error) {
    await pool.end()
    throw toOpenError(error, databaseName(url))
  }
  return new PostgresStore(pool)
}

function toOpenError(error: unknown, name: string): unknown {
  if (error instanceof ServerError) return error
  if (isPostgresUnavailable(error)) return storeUnavailable('PostgreSQL', error)
  // PostgreSQL refused this database or these credentials (a missing database, a failed
  // password): the configuration is wrong, and retrying will not help. Its message names the
  // database or the user, never the password.
  const reason = error instanceof Error ? error.message : String(error)
  return new ServerError(
    'STORE_INVALID',
    `The PostgreSQL database ${name} cannot be opened: ${reason}.`,
    { cause: error },
  )
}

type FamilyLookupRow = FamilyRow & { token_issued_at: number }

class PostgresStore implements Store {
  readonly #pool: pg.Pool

  constructor(pool: pg.Pool) {
    this.#pool = pool
  }

  async #query<Row extends QueryResultRow>(sql: string, params: unknown[]) {
    try {
      return await this.#pool.query<Row>(sql, params)
    } catch (error) {
      if (isPostgresUnavailable(error)) throw storeUnavailable('PostgreSQL', error)
      throw error
    }
  }

  async insertUser(user: UserRecord): Promise<void> {
    const row = userToRow(user)
    try {
      await this.#query(
        `INSERT INTO users (id, username, username_key, password_hash, roles, scopes, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          row.id,
          row.username,
          usernameKey(row.username),
          row.password_hash,
          row.roles,
          row.scopes,
          row.created_at,
        ],
      )
    } catch (error) {
      if (!isUniqueViolation(error, 'users_username_key_key')) throw error
      throw new ServerError('USERNAME_TAKEN', `The username "${user.username}" is taken.`, {
        cause: error,
      })
    }
  }

  async findUserByUsername(username: string): Promise<UserRecord | undefined> {
    // PostgreSQL text cannot contain NUL and rejects the query; no stored username has one.
    if (username.includes('\0')) return undefined
    const result = await this.#query<UserRow>('SELECT * FROM users WHERE username_key = $1', [
      usernameKey(username),
    ])
    return mapFirst(result.rows, toUser)
  }

  async findUserById(id: string): Promise<UserRecord | undefined> {
    const result = await this.#query<UserRow>('SELECT * FROM users WHERE id = $1', [id])
    return mapFirst(result.rows, toUser)
  }

  async insertClient(client: ClientRecord): Promise<void> {
    const row = clientToRow(client)
    try {
      await this.#query(
        `INSERT INTO clients (id, secret_hash, scopes, grant_types, created_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [row.id, row.secret_hash, row.scopes, row.grant_types, row.created_at],
      )
    } catch (error) {
      if (!isUniqueViolation(error, 'clients_pkey')) throw error
      throw new ServerError('CLIENT_ID_TAKEN', `The client id "${client.id}" is taken.`, {
        cause: error,
      })
    }
  }

  async findClient(id: string): Promise<ClientRecord | undefined> {
    const result = await this.#query<ClientRow>('SELECT * FROM clients WHERE id = $1', [id])
    return mapFirst(result.rows, toClient)
  }

  async insertSigningKey(key: SigningKeyRecord): Promise<boolean> {
    const row: SigningKeyRow = signingKeyToRow(key)
    const result = await this.#query(
      `INSERT INTO signing_keys
         (kid, generation, alg, public_jwk, encrypted_private_key, created_at, activates_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (generation) DO NOTHING`,
      [
        row.kid,
        row.generation,
        row.alg,
        row.public_jwk,
        row.encrypted_private_key,
        row.created_at,
        row.activates_at,
      ],
    )
    return result.rowCount === 1
  }

  async listSigningKeys(): Promise<SigningKeyRecord[]> {
    const result = await this.#query<SigningKeyRow>(
      'SELECT * FROM signing_keys ORDER BY generation',
      [],
    )
    return result.rows.map(toSigningKey)
  }

  async insertRefreshFamily(family: RefreshFamilyRecord, tokenHash: string): Promise<void> {
    const row = familyToRow(family, tokenHash)
    // One statement, so the family and its first token are written together or not at all.
    await this.#query(
      `WITH family AS (
         INSERT INTO refresh_families (id, user_id, client_id, scopes, current_hash, created_at,
           idle_expires_at, absolute_expires_at, revoked_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         RETURNING id, current_hash, created_at)
       INSERT INTO refresh_tokens (hash, family_id, issued_at)
       SELECT current_hash, id, created_at FROM family`,
      [
        row.id,
        row.user_id,
        row.client_id,
        row.scopes,
        row.current_hash,
        row.created_at,
        row.idle_expires_at,
        row.absolute_expires_at,
        row.revoked_at,
      ],
    )
  }

  async findRefreshToken(hash: string): Promise<RefreshTokenLookup | undefined> {
    const row = await this.#findFamilyByToken(hash)
    if (row === undefined) return undefined
    return {
      family: toFamily(row),
      isCurrent: row.current_hash === hash,
      issuedAt: row.token_issued_at,
    }
  }

  async rotateRefreshToken(input: RotateRefreshTokenInput): Promise<RefreshRotation> {
    // Under READ COMMITTED, a concurrent UPDATE of the same row waits for the first to commit
    // and then re-checks its WHERE clause against the new row, where current_hash no longer
    // matches. So of any number of concurrent rotations of one token, exactly one updates.
    const result = await this.#query<FamilyRow>(
      `WITH rotated AS (
         UPDATE refresh_families
         SET current_hash = $2, idle_expires_at = LEAST($4::bigint + $5::bigint, absolute_expires_at)
         WHERE current_hash = $1 AND client_id = $3 AND revoked_at IS NULL
           AND idle_expires_at > $4::bigint AND absolute_expires_at > $4::bigint
         RETURNING *),
       added AS (
         INSERT INTO refresh_tokens (hash, family_id, issued_at)
         SELECT $2, id, $4::bigint FROM rotated)
       SELECT * FROM rotated`,
      [input.presentedHash, input.newHash, input.clientId, input.now, input.idleTtlSec],
    )
    const rotated = result.rows[0]
    if (rotated !== undefined) return { outcome: 'rotated', family: toFamily(rotated) }

    const family = await this.#findFamilyByToken(input.presentedHash)
    const outcome = classifyFailedRotation(family, input.presentedHash, input.clientId)
    if (outcome === 'reused' && family !== undefined) {
      await this.revokeRefreshFamily(family.id, input.now)
    }
    return { outcome }
  }

  async revokeRefreshFamily(familyId: string, now: number): Promise<void> {
    await this.#query(
      'UPDATE refresh_families SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL',
      [now, familyId],
    )
  }

  async revokeAccessToken(jti: string, expiresAt: number): Promise<void> {
    // One statement is one transaction, so other sessions see the entry and the new version
    // together.
    await this.#query(
      `WITH revoked AS (
         INSERT INTO revoked_access_tokens (jti, expires_at) VALUES ($1, $2)
         ON CONFLICT (jti) DO UPDATE
         SET expires_at = GREATEST(revoked_access_tokens.expires_at, excluded.expires_at)
       )
       UPDATE revocation_version SET version = $3`,
      [jti, expiresAt, newRevocationVersion()],
    )
  }

  async isAccessTokenRevoked(jti: string, now: number): Promise<boolean> {
    const result = await this.#query(
      'SELECT 1 FROM revoked_access_tokens WHERE jti = $1 AND expires_at > $2',
      [jti, now],
    )
    return result.rows.length > 0
  }

  async readRevocationVersion(): Promise<string> {
    const result = await this.#query<{ version: string }>(
      'SELECT version FROM revocation_version',
      [],
    )
    return result.rows[0]?.version ?? ''
  }

  async purgeExpired(now: number, keyRetentionSec: number): Promise<PurgeResult> {
    // The statements are independent, so a purge cut short leaves the rest for the next run.
    const families = await this.#query(
      'DELETE FROM refresh_families WHERE idle_expires_at <= $1 OR absolute_expires_at <= $1',
      [now],
    )
    const revocations = await this.#query(
      'DELETE FROM revoked_access_tokens WHERE expires_at <= $1',
      [now],
    )
    // A key is deleted once its successor has signed for the retention time; the newest key
    // has no successor, so it is never deleted.
    const keys = await this.#query(
      `DELETE FROM signing_keys WHERE generation IN (
         SELECT k.generation FROM signing_keys k
         JOIN signing_keys s ON s.generation = k.generation + 1
         WHERE s.activates_at + $1::bigint <= $2::bigint)`,
      [keyRetentionSec, now],
    )
    return {
      refreshFamilies: families.rowCount ?? 0,
      revokedAccessTokens: revocations.rowCount ?? 0,
      signingKeys: keys.rowCount ?? 0,
    }
  }

  async close(): Promise<void> {
    await this.#pool.end()
  }

  async #findFamilyByToken(hash: string): Promise<FamilyLookupRow | undefined> {
    const result = await this.#query<FamilyLookupRow>(
      `SELECT f.*, t.issued_at AS token_issued_at
       FROM refresh_tokens t JOIN refresh_families f ON f.id = t.family_id
       WHERE t.hash = $1`,
      [hash],
    )
    return result.rows[0]
  }
}

// Usernames are ASCII (see addUser), so this matches SQLite's NOCASE collation.
function usernameKey(username: string): string {
  return username.replace(/[A-Z]/g, (letter) => letter.toLowerCase())
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1))
}

function mapFirst<Row, Value>(rows: Row[], map: (row: Row) => Value): Value | undefined {
  const row = rows[0]
  return row === undefined ? undefined : map(row)
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  return (
    error instanceof pg.DatabaseError && error.code === '23505' && error.constraint === constraint
  )
}

function ignore(): void {
  // Errors of idle connections surface again on the next query, which reports them.
}
