/**
 * `--big`: fills a store with a million users and a million refresh-token families through the
 * store's own tables, in batched inserts inside one transaction, before the service starts.
 * Every user shares one password hash made at the service's default scrypt cost.
 */
import { createHash, randomUUID } from 'node:crypto'
import { hashPassword } from '@jot/server'
import Database from 'better-sqlite3'
import pg from 'pg'
import type { BenchStore } from './service.js'

/** The password of every bulk user; usernames are user0 to user999999. */
export const BIG_PASSWORD = 'big-user-password-1'

const BATCH_ROWS = 10_000
const DAY_SEC = 86_400

/** The rows of one batch, as parallel columns. */
interface Batch {
  readonly userIds: string[]
  readonly usernames: string[]
  readonly familyIds: string[]
  readonly hashes: string[]
}

function makeBatch(start: number, count: number): Batch {
  const batch: Batch = { userIds: [], usernames: [], familyIds: [], hashes: [] }
  for (let i = start; i < start + count; i++) {
    batch.userIds.push(randomUUID())
    batch.usernames.push(`user${i}`)
    batch.familyIds.push(randomUUID())
    // The store keeps SHA-256 (base64url) of a refresh token; the tokens of these families
    // are never used, so any unique value of that form serves.
    batch.hashes.push(createHash('sha256').update(`family-${i}`).digest('base64url'))
  }
  return batch
}

/** Inserts `count` users, each with one refresh family and its current token. */
export async function fillStore(store: BenchStore, count: number): Promise<number> {
  const start = performance.now()
  const passwordHash = await hashPassword(BIG_PASSWORD)
  const now = Math.floor(Date.now() / 1000)
  if (store.kind === 'sqlite')
    fillSqlite(store.databaseUrl.slice('sqlite:'.length), count, passwordHash, now)
  else await fillPostgres(store.databaseUrl, count, passwordHash, now)
  return (performance.now() - start) / 1000
}

function fillSqlite(path: string, count: number, passwordHash: string, now: number): void {
  const db = new Database(path)
  try {
    const insertUser = db.prepare(
      `INSERT INTO users (id, username, password_hash, roles, scopes, created_at)
       VALUES (?, ?, ?, '[]', '["orders:read"]', ?)`,
    )
    const insertFamily = db.prepare(
      `INSERT INTO refresh_families (id, user_id, client_id, scopes, current_hash, created_at,
         idle_expires_at, absolute_expires_at, revoked_at)
       VALUES (?, ?, 'jot', '["orders:read"]', ?, ?, ?, ?, NULL)`,
    )
    const insertToken = db.prepare(
      'INSERT INTO refresh_tokens (hash, family_id, issued_at) VALUES (?, ?, ?)',
    )
    const insertAll = db.transaction(() => {
      for (let offset = 0; offset < count; offset += BATCH_ROWS) {
        const batch = makeBatch(offset, Math.min(BATCH_ROWS, count - offset))
        batch.userIds.forEach((userId, index) => {
          insertUser.run(userId, batch.usernames[index], passwordHash, now)
          insertFamily.run(
            batch.familyIds[index],
            userId,
            batch.hashes[index],
            now,
            now + 30 * DAY_SEC,
            now + 90 * DAY_SEC,
          )
          insertToken.run(batch.hashes[index], batch.familyIds[index], now)
        })
      }
    })
    insertAll()
  } finally {
    db.close()
  }
}

async function fillPostgres(
  url: string,
  count: number,
  passwordHash: string,
  now: number,
): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query('BEGIN')
    for (let offset = 0; offset < count; offset += BATCH_ROWS) {
      const batch = makeBatch(offset, Math.min(BATCH_ROWS, count - offset))
      // unnest turns the parallel arrays into rows, so one statement inserts the whole batch.
      await client.query(
        `INSERT INTO users (id, username, username_key, password_hash, roles, scopes, created_at)
         SELECT id, name, name, $3, '[]', '["orders:read"]', $4
         FROM unnest($1::text[], $2::text[]) AS batch (id, name)`,
        [batch.userIds, batch.usernames, passwordHash, now],
      )
      await client.query(
        `INSERT INTO refresh_families (id, user_id, client_id, scopes, current_hash, created_at,
           idle_expires_at, absolute_expires_at, revoked_at)
         SELECT id, user_id, 'jot', '["orders:read"]', hash, $4, $5, $6, NULL
         FROM unnest($1::text[], $2::text[], $3::text[]) AS batch (id, user_id, hash)`,
        [batch.familyIds, batch.userIds, batch.hashes, now, now + 30 * DAY_SEC, now + 90 * DAY_SEC],
      )
      await client.query(
        `INSERT INTO refresh_tokens (hash, family_id, issued_at)
         SELECT hash, id, $3 FROM unnest($1::text[], $2::text[]) AS batch (hash, id)`,
        [batch.hashes, batch.familyIds, now],
      )
    }
    await client.query('COMMIT')
    // Fresh statistics, so the planner picks the indexes at once rather than after autovacuum.
    await client.query('ANALYZE')
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  } finally {
    await client.end()
  }
}
