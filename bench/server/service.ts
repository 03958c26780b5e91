/**
 * The service for the server benchmark: its configuration, a store per run (SQLite in a
 * temporary directory, or a PostgreSQL database of its own), the seeded accounts, and the
 * child process that runs it.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { addClient, addUser, loadConfig, openStore, type ScryptCost } from '@jot/server'
import pg from 'pg'

export const ISSUER = 'https://auth.bench.test'
export const AUDIENCE = 'https://api.bench.test'

/** The local PostgreSQL server: trust authentication for user postgres, loopback only. */
export const POSTGRES_SERVER = 'postgres://postgres@127.0.0.1:5432'

/** The store of one run: its database URL, and the function that removes it afterwards. */
export interface BenchStore {
  readonly kind: 'sqlite' | 'postgres'
  readonly databaseUrl: string
  readonly remove: () => Promise<void>
}

/** Creates a SQLite file in a new temporary directory. */
export function createSqliteStore(): BenchStore {
  const dir = mkdtempSync(join(tmpdir(), 'jot-bench-'))
  return {
    kind: 'sqlite',
    databaseUrl: `sqlite:${join(dir, 'jot.db')}`,
    remove: () => {
      rmSync(dir, { recursive: true, force: true })
      return Promise.resolve()
    },
  }
}

/** Runs one statement on the server's maintenance database through a connection of its own. */
export async function runPostgresAdmin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${POSTGRES_SERVER}/postgres` })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** Creates the database jot_bench_<pid> on the local PostgreSQL server. */
export async function createPostgresStore(): Promise<BenchStore> {
  const name = `jot_bench_${process.pid}`
  await runPostgresAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await runPostgresAdmin(`CREATE DATABASE ${name}`)
  return {
    kind: 'postgres',
    databaseUrl: `${POSTGRES_SERVER}/${name}`,
    remove: () => runPostgresAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  }
}

/** Returns the service's environment: the store, a fresh master key, and rate limits off. */
export function serviceEnvironment(store: BenchStore): Record<string, string> {
  return {
    JOT_DATABASE_URL: store.databaseUrl,
    JOT_MASTER_KEY: randomBytes(32).toString('base64url'),
    JOT_ISSUER: ISSUER,
    JOT_AUDIENCE: AUDIENCE,
    JOT_ACCESS_TOKEN_TTL_SEC: '900',
    // Every request comes from 127.0.0.1, which the per-address limit would throttle at once.
    JOT_RATE_LIMIT_PER_ADDRESS: '0',
    JOT_RATE_LIMIT_PER_USER: '0',
  }
}

/** A cheap scrypt cost for the account whose logins only seed refresh tokens. */
const SEED_PASSWORD_COST: ScryptCost = { log2N: 10, r: 8, p: 1 }

/** The accounts a run uses. */
export interface Accounts {
  /** Hashed at a cheap cost: its logins make the refresh tokens the refresh runs start from. */
  readonly seedUser: { readonly username: string; readonly password: string }
  /** Hashed at the service's default cost, as real users are: the password-grant run. */
  readonly user: { readonly username: string; readonly password: string }
  readonly client: { readonly clientId: string; readonly clientSecret: string }
}

/** Adds the benchmark's users and client through the service's own functions. */
export async function seedAccounts(environment: Record<string, string>): Promise<Accounts> {
  const store = await openStore(loadConfig(environment))
  try {
    const seedUser = { username: 'seed-user', password: 'seed-password-1' }
    const user = { username: 'bench-user', password: 'bench-password-1' }
    const scopes = ['orders:read']
    await addUser(store, { ...seedUser, scopes }, { passwordCost: SEED_PASSWORD_COST })
    await addUser(store, { ...user, scopes })
    const client = await addClient(store, {
      clientId: 'bench-service',
      scopes,
      grantTypes: ['client_credentials'],
    })
    return { seedUser, user, client }
  } finally {
    await store.close()
  }
}

/** A running service child process. */
export interface RunningService {
  readonly url: string
  /** Replaces the body of GET /bench/anonymous. */
  readonly setAnonymousBody: (body: unknown) => Promise<void>
  readonly stop: () => Promise<void>
}

function nextMessage(child: ChildProcess, type: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: Record<string, unknown>) => {
      if (message['type'] !== type) return
      child.off('exit', onExit)
      child.off('message', onMessage)
      resolve(message)
    }
    const onExit = (code: number | null) => {
      child.off('message', onMessage)
      reject(new Error(`The service exited with code ${code} before sending "${type}".`))
    }
    child.on('message', onMessage)
    child.once('exit', onExit)
  })
}

/** Starts bench/server/serve.ts as a child process and waits until it listens. */
export async function startService(environment: Record<string, string>): Promise<RunningService> {
  const child = fork(new URL('./serve.ts', import.meta.url), {
    execArgv: ['--conditions=@jot/source', '--import', 'tsx'],
    env: { ...process.env, ...environment },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const { port } = await nextMessage(child, 'listening')
  return {
    url: `http://127.0.0.1:${String(port)}`,
    setAnonymousBody: async (body) => {
      const set = nextMessage(child, 'anonymous-body-set')
      child.send({ type: 'anonymous-body', body })
      await set
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) {
          resolve()
          return
        }
        child.once('exit', () => {
          resolve()
        })
        child.disconnect()
      }),
  }
}
