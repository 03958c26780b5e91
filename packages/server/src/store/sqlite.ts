/** The SQLite store (better-sqlite3, WAL mode), with its schema migrations. */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { ServerError } from '../errors.js'
import type { SigningKeyRecord, SigningKeyStatus, Store, UserRecord } from './store.js'

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
]

/** The schema version this code creates and understands. */
export const SQLITE_SCHEMA_VERSION = MIGRATIONS.length

/**
 * Opens (creating if needed) a SQLite database file and brings its schema up to date.
 * @throws ServerError `STORE_INVALID` when the file is not a SQLite database or its schema is
 *   newer than this version supports.
 */
export function openSqliteStore(path: string): Promise<Store> {
  return toPromise(() => openNow(path))
}

function openNow(path: string): Store {
  let db: Database.Database
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
    db = new Database(path)
    db.pragma('journal_mode = WAL')
    db.pragma('foreign_keys = ON')
  } catch (error) {
    throw new ServerError('STORE_INVALID', `The SQLite database ${path} cannot be opened.`, {
      cause: error,
    })
  }
  try {
    migrate(db, path)
  } catch (error) {
    db.close()
    throw error
  }
  return new SqliteStore(db)
}

function migrate(db: Database.Database, path: string): void {
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

interface UserRow {
  id: string
  username: string
  password_hash: string
  roles: string
  scopes: string
  created_at: number
}

interface SigningKeyRow {
  kid: string
  alg: string
  public_jwk: string
  encrypted_private_key: string
  status: string
  created_at: number
}

class SqliteStore implements Store {
  readonly #db: Database.Database
  readonly #insertUser: Database.Statement
  readonly #userByName: Database.Statement<[string], UserRow>
  readonly #userById: Database.Statement<[string], UserRow>
  readonly #activeKeyCount: Database.Statement<[], { count: number }>
  readonly #insertKey: Database.Statement
  readonly #keysByStatus: Database.Statement<[string], SigningKeyRow>

  constructor(db: Database.Database) {
    this.#db = db
    this.#insertUser = db.prepare(
      `INSERT INTO users (id, username, password_hash, roles, scopes, created_at)
       VALUES (@id, @username, @password_hash, @roles, @scopes, @created_at)`,
    )
    this.#userByName = db.prepare('SELECT * FROM users WHERE username = ?')
    this.#userById = db.prepare('SELECT * FROM users WHERE id = ?')
    this.#activeKeyCount = db.prepare(
      "SELECT count(*) AS count FROM signing_keys WHERE status = 'active'",
    )
    this.#insertKey = db.prepare(
      `INSERT INTO signing_keys (kid, alg, public_jwk, encrypted_private_key, status, created_at)
       VALUES (@kid, @alg, @public_jwk, @encrypted_private_key, @status, @created_at)`,
    )
    this.#keysByStatus = db.prepare(
      'SELECT * FROM signing_keys WHERE status = ? ORDER BY created_at, rowid',
    )
  }

  insertUser(user: UserRecord): Promise<void> {
    return toPromise(() => {
      this.#insertUserNow(user)
    })
  }

  #insertUserNow(user: UserRecord): void {
    try {
      this.#insertUser.run({
        id: user.id,
        username: user.username,
        password_hash: user.passwordHash,
        roles: JSON.stringify(user.roles),
        scopes: JSON.stringify(user.scopes),
        created_at: user.createdAt,
      })
    } catch (error) {
      if (isUniqueViolation(error, 'users.username')) {
        throw new ServerError('USERNAME_TAKEN', `The username "${user.username}" is taken.`, {
          cause: error,
        })
      }
      throw error
    }
  }

  findUserByUsername(username: string): Promise<UserRecord | undefined> {
    return toPromise(() => {
      const row = this.#userByName.get(username)
      return row === undefined ? undefined : toUser(row)
    })
  }

  findUserById(id: string): Promise<UserRecord | undefined> {
    return toPromise(() => {
      const row = this.#userById.get(id)
      return row === undefined ? undefined : toUser(row)
    })
  }

  insertFirstSigningKey(key: SigningKeyRecord): Promise<boolean> {
    const insert = this.#db.transaction(() => {
      if ((this.#activeKeyCount.get()?.count ?? 0) > 0) return false
      this.#insertKey.run({
        kid: key.kid,
        alg: key.alg,
        public_jwk: JSON.stringify(key.publicJwk),
        encrypted_private_key: key.encryptedPrivateKey,
        status: key.status,
        created_at: key.createdAt,
      })
      return true
    })
    return toPromise(() => insert.immediate())
  }

  listSigningKeys(status: SigningKeyStatus): Promise<SigningKeyRecord[]> {
    return toPromise(() => this.#keysByStatus.all(status).map(toSigningKey))
  }

  close(): Promise<void> {
    return toPromise(() => {
      this.#db.close()
    })
  }
}

// better-sqlite3 is synchronous; this turns its exceptions into rejections, as the asynchronous
// Store interface promises.
function toPromise<T>(run: () => T): Promise<T> {
  return new Promise((resolve) => {
    resolve(run())
  })
}

function isUniqueViolation(error: unknown, column: string): boolean {
  return (
    error instanceof Database.SqliteError &&
    error.code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    error.message.includes(column)
  )
}

function toUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    username: row.username,
    passwordHash: row.password_hash,
    roles: parseStringArray(row.roles, `roles of user ${row.id}`),
    scopes: parseStringArray(row.scopes, `scopes of user ${row.id}`),
    createdAt: row.created_at,
  }
}

function toSigningKey(row: SigningKeyRow): SigningKeyRecord {
  const publicJwk = parseJson(row.public_jwk, `public JWK of signing key ${row.kid}`)
  if (typeof publicJwk !== 'object' || publicJwk === null || Array.isArray(publicJwk)) {
    throw corruptRow(`public JWK of signing key ${row.kid}`)
  }
  if (row.status !== 'active') throw corruptRow(`status of signing key ${row.kid}`)
  return {
    kid: row.kid,
    alg: row.alg,
    publicJwk: publicJwk as Record<string, unknown>,
    encryptedPrivateKey: row.encrypted_private_key,
    status: row.status,
    createdAt: row.created_at,
  }
}

function parseStringArray(text: string, description: string): string[] {
  const value = parseJson(text, description)
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw corruptRow(description)
  }
  return value
}

function parseJson(text: string, description: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw corruptRow(description, error)
  }
}

function corruptRow(description: string, cause?: unknown): ServerError {
  return new ServerError('STORE_INVALID', `The database contains corrupt data: ${description}.`, {
    cause,
  })
}
