/** The SQLite store (better-sqlite3, WAL mode) for one machine. */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { ServerError } from '../errors.js'
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
import { newRevocationVersion } from './revocation-version.js'
import { migrateSqlite } from './sqlite-schema.js'
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

export { SQLITE_SCHEMA_VERSION } from './sqlite-schema.js'

/** Default milliseconds a statement waits for another connection's write lock. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000

/**
 * Opens (creating if needed) a SQLite database file and brings its schema up to date.
 * Statements that still find the database locked after `busyTimeoutMs` fail with
 * `STORE_UNAVAILABLE`, for which the service returns 503.
 * @throws ServerError `STORE_INVALID` when the file is not a SQLite database or its schema is
 *   newer than this version supports.
 */
export function openSqliteStore(
  path: string,
  busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS,
): Promise<Store> {
  return toPromise(() => openNow(path, busyTimeoutMs))
}

function openNow(path: string, busyTimeoutMs: number): Store {
  let db: Database.Database
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
    db = new Database(path, { timeout: busyTimeoutMs })
    db.pragma('journal_mode = WAL')
    db.pragma('foreign_keys = ON')
  } catch (error) {
    throw new ServerError('STORE_INVALID', `The SQLite database ${path} cannot be opened.`, {
      cause: error,
    })
  }
  try {
    migrateSqlite(db, path)
  } catch (error) {
    db.close()
    throw error
  }
  return new SqliteStore(db)
}

type FamilyLookupRow = FamilyRow & { token_issued_at: number }

const FIND_FAMILY_BY_TOKEN = `
  SELECT f.*, t.issued_at AS token_issued_at
  FROM refresh_tokens t JOIN refresh_families f ON f.id = t.family_id
  WHERE t.hash = ?`

class SqliteStore implements Store {
  readonly #db: Database.Database
  readonly #statements: ReturnType<typeof prepareStatements>

  constructor(db: Database.Database) {
    this.#db = db
    this.#statements = prepareStatements(db)
  }

  insertUser(user: UserRecord): Promise<void> {
    return toPromise(() => {
      try {
        this.#statements.insertUser.run(userToRow(user))
      } catch (error) {
        if (!isUniqueViolation(error, 'users.username')) throw error
        throw new ServerError('USERNAME_TAKEN', `The username "${user.username}" is taken.`, {
          cause: error,
        })
      }
    })
  }

  findUserByUsername(username: string): Promise<UserRecord | undefined> {
    return toPromise(() => mapRow(this.#statements.userByName.get(username), toUser))
  }

  findUserById(id: string): Promise<UserRecord | undefined> {
    return toPromise(() => mapRow(this.#statements.userById.get(id), toUser))
  }

  insertClient(client: ClientRecord): Promise<void> {
    return toPromise(() => {
      try {
        this.#statements.insertClient.run(clientToRow(client))
      } catch (error) {
        if (!isUniqueViolation(error, 'clients.id')) throw error
        throw new ServerError('CLIENT_ID_TAKEN', `The client id "${client.id}" is taken.`, {
          cause: error,
        })
      }
    })
  }

  findClient(id: string): Promise<ClientRecord | undefined> {
    return toPromise(() => mapRow(this.#statements.clientById.get(id), toClient))
  }

  insertSigningKey(key: SigningKeyRecord): Promise<boolean> {
    return toPromise(() => this.#statements.insertKey.run(signingKeyToRow(key)).changes === 1)
  }

  listSigningKeys(): Promise<SigningKeyRecord[]> {
    return toPromise(() => this.#statements.keys.all().map(toSigningKey))
  }

  insertRefreshFamily(family: RefreshFamilyRecord, tokenHash: string): Promise<void> {
    const insert = this.#db.transaction(() => {
      this.#statements.insertFamily.run(familyToRow(family, tokenHash))
      this.#statements.insertToken.run(tokenHash, family.id, family.createdAt)
    })
    return toPromise(() => {
      insert.immediate()
    })
  }

  findRefreshToken(hash: string): Promise<RefreshTokenLookup | undefined> {
    return toPromise(() => {
      const row = this.#statements.familyByToken.get(hash)
      if (row === undefined) return undefined
      return {
        family: toFamily(row),
        isCurrent: row.current_hash === hash,
        issuedAt: row.token_issued_at,
      }
    })
  }

  rotateRefreshToken(input: RotateRefreshTokenInput): Promise<RefreshRotation> {
    // One IMMEDIATE transaction holds SQLite's write lock from the update to the classification,
    // so no other connection or process interleaves.
    const rotate = this.#db.transaction((): RefreshRotation => {
      const rotated = this.#statements.rotate.get({
        presented: input.presentedHash,
        replacement: input.newHash,
        client: input.clientId,
        now: input.now,
        idle: input.idleTtlSec,
      })
      if (rotated !== undefined) {
        this.#statements.insertToken.run(input.newHash, rotated.id, input.now)
        return { outcome: 'rotated', family: toFamily(rotated) }
      }
      const family = this.#statements.familyByToken.get(input.presentedHash)
      const outcome = classifyFailedRotation(family, input.presentedHash, input.clientId)
      if (outcome === 'reused' && family !== undefined) {
        this.#statements.revokeFamily.run(input.now, family.id)
      }
      return { outcome }
    })
    return toPromise(() => rotate.immediate())
  }

  revokeRefreshFamily(familyId: string, now: number): Promise<void> {
    return toPromise(() => {
      this.#statements.revokeFamily.run(now, familyId)
    })
  }

  revokeAccessToken(jti: string, expiresAt: number): Promise<void> {
    const revoke = this.#db.transaction(() => {
      this.#statements.revokeAccessToken.run(jti, expiresAt)
      this.#statements.setRevocationVersion.run(newRevocationVersion())
    })
    return toPromise(() => {
      revoke.immediate()
    })
  }

  isAccessTokenRevoked(jti: string, now: number): Promise<boolean> {
    return toPromise(() => this.#statements.accessTokenRevoked.get(jti, now) !== undefined)
  }

  readRevocationVersion(): Promise<string> {
    return toPromise(() => this.#statements.revocationVersion.get() ?? '')
  }

  purgeExpired(now: number, keyRetentionSec: number): Promise<PurgeResult> {
    const purge = this.#db.transaction((): PurgeResult => ({
      refreshFamilies: this.#statements.purgeFamilies.run(now, now).changes,
      revokedAccessTokens: this.#statements.purgeRevocations.run(now).changes,
      signingKeys: this.#statements.purgeKeys.run(keyRetentionSec, now).changes,
    }))
    return toPromise(() => purge.immediate())
  }

  close(): Promise<void> {
    return toPromise(() => {
      this.#db.close()
    })
  }
}

function prepareStatements(db: Database.Database) {
  return {
    insertUser: db.prepare<[UserRow]>(
      `INSERT INTO users (id, username, password_hash, roles, scopes, created_at)
       VALUES (@id, @username, @password_hash, @roles, @scopes, @created_at)`,
    ),
    userByName: db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ?'),
    userById: db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?'),
    insertClient: db.prepare<[ClientRow]>(
      `INSERT INTO clients (id, secret_hash, scopes, grant_types, created_at)
       VALUES (@id, @secret_hash, @scopes, @grant_types, @created_at)`,
    ),
    clientById: db.prepare<[string], ClientRow>('SELECT * FROM clients WHERE id = ?'),
    insertKey: db.prepare<[SigningKeyRow]>(
      `INSERT INTO signing_keys
         (kid, generation, alg, public_jwk, encrypted_private_key, created_at, activates_at)
       VALUES (@kid, @generation, @alg, @public_jwk, @encrypted_private_key, @created_at,
               @activates_at)
       ON CONFLICT (generation) DO NOTHING`,
    ),
    keys: db.prepare<[], SigningKeyRow>('SELECT * FROM signing_keys ORDER BY generation'),
    insertFamily: db.prepare<[FamilyRow]>(
      `INSERT INTO refresh_families (id, user_id, client_id, scopes, current_hash, created_at,
         idle_expires_at, absolute_expires_at, revoked_at)
       VALUES (@id, @user_id, @client_id, @scopes, @current_hash, @created_at, @idle_expires_at,
         @absolute_expires_at, @revoked_at)`,
    ),
    insertToken: db.prepare<[string, string, number]>(
      'INSERT INTO refresh_tokens (hash, family_id, issued_at) VALUES (?, ?, ?)',
    ),
    familyByToken: db.prepare<[string], FamilyLookupRow>(FIND_FAMILY_BY_TOKEN),
    rotate: db.prepare<
      [{ presented: string; replacement: string; client: string; now: number; idle: number }],
      FamilyRow
    >(
      `UPDATE refresh_families
       SET current_hash = @replacement, idle_expires_at = min(@now + @idle, absolute_expires_at)
       WHERE current_hash = @presented AND client_id = @client AND revoked_at IS NULL
         AND idle_expires_at > @now AND absolute_expires_at > @now
       RETURNING *`,
    ),
    revokeFamily: db.prepare<[number, string]>(
      'UPDATE refresh_families SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
    ),
    revokeAccessToken: db.prepare<[string, number]>(
      `INSERT INTO revoked_access_tokens (jti, expires_at) VALUES (?, ?)
       ON CONFLICT (jti) DO UPDATE SET expires_at = max(expires_at, excluded.expires_at)`,
    ),
    accessTokenRevoked: db.prepare<[string, number]>(
      'SELECT 1 FROM revoked_access_tokens WHERE jti = ? AND expires_at > ?',
    ),
    setRevocationVersion: db.prepare<[string]>(
      'UPDATE revocation_version SET version = ? WHERE id = 1',
    ),
    revocationVersion: db
      .prepare<[], string>('SELECT version FROM revocation_version WHERE id = 1')
      .pluck(),
    purgeFamilies: db.prepare<[number, number]>(
      'DELETE FROM refresh_families WHERE idle_expires_at <= ? OR absolute_expires_at <= ?',
    ),
    purgeRevocations: db.prepare<[number]>(
      'DELETE FROM revoked_access_tokens WHERE expires_at <= ?',
    ),
    // A key is deleted once its successor has signed for the retention time; the newest key
    // has no successor, so it is never deleted.
    purgeKeys: db.prepare<[number, number]>(
      `DELETE FROM signing_keys WHERE generation IN (
         SELECT k.generation FROM signing_keys k
         JOIN signing_keys s ON s.generation = k.generation + 1
         WHERE s.activates_at + ? <= ?)`,
    ),
  }
}

// better-sqlite3 is synchronous; this turns its exceptions into rejections, as the asynchronous
// Store interface promises.
function toPromise<T>(run: () => T): Promise<T> {
  return new Promise((resolve) => {
    try {
      resolve(run())
    } catch (error) {
      throw isBusy(error) ? busyError(error) : error
    }
  })
}

// Another connection (a second instance or an admin command on the same file) holds the write
// lock past the busy timeout. Like an unreachable PostgreSQL, that is an outage worth a retry,
// not a bug in the request.
function isBusy(error: unknown): boolean {
  return error instanceof Database.SqliteError && /^SQLITE_(BUSY|LOCKED)/.test(error.code)
}

function busyError(cause: unknown): ServerError {
  return new ServerError(
    'STORE_UNAVAILABLE',
    'The SQLite database is locked by another connection; the request can be retried later.',
    { cause },
  )
}

function mapRow<Row, Value>(row: Row | undefined, map: (row: Row) => Value): Value | undefined {
  return row === undefined ? undefined : map(row)
}

function isUniqueViolation(error: unknown, column: string): boolean {
  return (
    error instanceof Database.SqliteError &&
    (error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') &&
    error.message.includes(column)
  )
}
