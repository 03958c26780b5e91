import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'
import type { TestContext } from 'node:test'
import Database from 'better-sqlite3'
import { hashRefreshToken } from '../../src/refresh-tokens.js'
import type { AddUserInput } from '../../src/users.js'
import { createClusterEnv, seedDatabase } from '../fixtures/cluster.js'
import { queryDatabase } from '../fixtures/postgres.js'
import { startService } from '../fixtures/process.js'
import { AUDIENCE, ISSUER, logInFully, refresh } from '../fixtures/server.js'
import type { TokenBody } from '../fixtures/server.js'
import { makeTempDir, TEST_MASTER_KEY_TEXT } from '../fixtures/temp.js'

const USERS: AddUserInput[] = Array.from({ length: 6 }, (_, index) => ({
  username: `user${index}`,
  password: `password ${index} for the crash test`,
  scopes: ['profile'],
}))
const WORKERS = 12
const KILL_AFTER = 150

/** One login's refresh tokens as the client saw them, oldest first. */
interface Family {
  readonly tokens: string[]
  /** Tokens sent in a refresh request, whether or not a response came. */
  readonly sent: Set<string>
  /** Tokens whose refresh returned a new pair. */
  readonly rotated: Set<string>
}

/** Runs one SQL query against the test's database, whichever backend it is. */
type QueryRows = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>

function sqliteEnv(t: TestContext) {
  const path = join(makeTempDir(t), 'jot.db')
  const env = {
    JOT_DATABASE_URL: `sqlite:${path}`,
    JOT_MASTER_KEY: TEST_MASTER_KEY_TEXT,
    JOT_ISSUER: ISSUER,
    JOT_AUDIENCE: AUDIENCE,
    JOT_RATE_LIMIT_PER_ADDRESS: '0',
    JOT_RATE_LIMIT_PER_USER: '0',
  }
  const query: QueryRows = (sql, params) => {
    const db = new Database(path, { readonly: true })
    try {
      const statement = db.prepare(sql.replace(/\$\d+/g, '?'))
      return Promise.resolve(statement.all(...params) as Record<string, unknown>[])
    } finally {
      db.close()
    }
  }
  return { env, query }
}

async function postgresEnv(t: TestContext) {
  const env = await createClusterEnv(t)
  const url = env['JOT_DATABASE_URL']!
  const query: QueryRows = (sql, params) => queryDatabase(url, sql, params)
  return { env, query }
}

// Logs in and refreshes from several workers until KILL_AFTER requests have completed, then
// kills the service with SIGKILL while the other workers' requests are in flight.
async function runBurst(url: string, kill: () => void) {
  const families: Family[] = []
  const accessTokens: string[] = []
  let completed = 0
  let killed = false

  async function step(worker: number): Promise<void> {
    const family = families.find((candidate) => !candidate.sent.has(candidate.tokens.at(-1)!))
    if (family === undefined || worker % 3 === 0) {
      const user = USERS[worker % USERS.length]!
      const body = await logInFully(url, user)
      families.push({ tokens: [body.refresh_token!], sent: new Set(), rotated: new Set() })
      accessTokens.push(body.access_token)
      return
    }
    const token = family.tokens.at(-1)!
    family.sent.add(token)
    const response = await refresh(url, token)
    assert.equal(response.status, 200)
    const body = (await response.json()) as TokenBody
    family.rotated.add(token)
    family.tokens.push(body.refresh_token!)
    accessTokens.push(body.access_token)
  }

  async function work(worker: number): Promise<void> {
    while (!killed) {
      try {
        await step(worker)
      } catch (error) {
        // Requests in flight when the process dies fail; any other failure is a finding.
        if (killed) return
        throw error
      }
      completed += 1
      if (completed === KILL_AFTER) {
        killed = true
        kill()
      }
    }
  }

  await Promise.all(Array.from({ length: WORKERS }, (_, worker) => work(worker)))
  return { families, accessTokens }
}

async function assertNothingLost(url: string, query: QueryRows, families: Family[]) {
  // Every family has its current token, and every token the client saw is stored.
  const orphans = await query(
    `SELECT f.id FROM refresh_families f
     WHERE NOT EXISTS (SELECT 1 FROM refresh_tokens t
                       WHERE t.hash = f.current_hash AND t.family_id = f.id)`,
    [],
  )
  assert.deepEqual(orphans, [])
  for (const family of families) {
    const hashes = family.tokens.map(hashRefreshToken)
    const rows = await query(
      `SELECT t.hash, f.current_hash FROM refresh_tokens t
       JOIN refresh_families f ON f.id = t.family_id
       WHERE t.family_id = (SELECT family_id FROM refresh_tokens WHERE hash = $1)`,
      [hashes[0]],
    )
    const stored = new Set(rows.map((row) => row['hash']))
    for (const hash of hashes) assert.equal(stored.has(hash), true)
    const tip = family.tokens.at(-1)!
    // One more token than the client saw is possible only when the tip's refresh was in flight.
    const extra = rows.length - hashes.length
    assert.equal(extra === 0 || (extra === 1 && family.sent.has(tip)), true)

    // The tip works exactly when the database still has it as current, and only once.
    const isCurrent = rows[0]?.['current_hash'] === hashRefreshToken(tip)
    if (!family.sent.has(tip)) assert.equal(isCurrent, true)
    assert.equal((await refresh(url, tip)).status, isCurrent ? 200 : 400)
    assert.equal((await refresh(url, tip)).status, 400)
    for (const token of family.rotated) assert.equal((await refresh(url, token)).status, 400)
  }
}

for (const backend of ['sqlite', 'postgres'] as const) {
  test(`${backend} survives SIGKILL during burst`, async (t) => {
    const { env, query } = backend === 'sqlite' ? sqliteEnv(t) : await postgresEnv(t)
    await seedDatabase(env.JOT_DATABASE_URL, USERS)
    const first = await startService(t, env)
    const kidsBefore = await jwksKids(first.url)

    const { families, accessTokens } = await runBurst(first.url, () => {
      first.child.kill('SIGKILL')
    })
    assert.deepEqual(await first.exited, [null, 'SIGKILL'])
    const second = await startService(t, env)

    assert.equal(families.length > USERS.length, true)
    assert.deepEqual(await jwksKids(second.url), kidsBefore)
    const me = await fetch(`${second.url}/me`, {
      headers: { authorization: `Bearer ${accessTokens.at(-1)!}` },
    })
    assert.equal(me.status, 200)
    for (const user of USERS)
      assert.equal(typeof (await logInFully(second.url, user)).access_token, 'string')
    await assertNothingLost(second.url, query, families)
  })
}

async function jwksKids(url: string): Promise<string[]> {
  const body = (await (await fetch(`${url}/.well-known/jwks.json`)).json()) as {
    keys: { kid: string }[]
  }
  return body.keys.map((key) => key.kid)
}
