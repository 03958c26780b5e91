/**
 * `npm run bench:server`: drives the token service over loopback with autocannon, on SQLite and
 * on PostgreSQL. GET /me against the same route without authentication, the refresh and
 * client-credentials grants, and the password grant on its own. `--big` first fills each store
 * with a million users and refresh families and measures login and refresh there.
 */
import { parseArgs } from 'node:util'
import { BIG_PASSWORD, fillStore } from './big.js'
import {
  fetchMe,
  logIn,
  runClientCredentials,
  runGet,
  runPasswordGrant,
  runRefreshGrant,
  type LoadResult,
  type RunSettings,
} from './scenarios.js'
import {
  createPostgresStore,
  createSqliteStore,
  seedAccounts,
  serviceEnvironment,
  startService,
  type Accounts,
  type BenchStore,
  type RunningService,
} from './service.js'

const STORE_KINDS = ['sqlite', 'postgres'] as const
type StoreKind = (typeof STORE_KINDS)[number]

const USAGE =
  'Usage: npm run bench:server -- [--quick] [--big] [--json] [--seconds N] [--stores sqlite,postgres]'

interface ServerBenchOptions {
  readonly quick: boolean
  readonly big: boolean
  readonly json: boolean
  readonly seconds: number
  readonly stores: readonly StoreKind[]
}

/** Connections for the cheap routes, and for the password grant, whose scrypt takes 128 MiB. */
const CONNECTIONS = 10
const PASSWORD_CONNECTIONS = 2
const PASSWORD_REQUESTS = 20
const QUICK_PASSWORD_REQUESTS = 4
const BIG_ROWS = 1_000_000
const QUICK_BIG_ROWS = 20_000

function parseOptions(args: readonly string[]): ServerBenchOptions {
  const { values } = parseArgs({
    args: [...args],
    options: {
      quick: { type: 'boolean', default: false },
      big: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      seconds: { type: 'string' },
      stores: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  })
  const defaultSeconds = values.quick ? 1 : 5
  const seconds = values.seconds === undefined ? defaultSeconds : Number(values.seconds)
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 600) {
    throw new Error(`Invalid --seconds "${values.seconds}"; use a whole number from 1 to 600.`)
  }
  return {
    quick: values.quick,
    big: values.big,
    json: values.json,
    seconds,
    stores: values.stores === undefined ? STORE_KINDS : parseStores(values.stores),
  }
}

function parseStores(list: string): StoreKind[] {
  return list.split(',').map((name) => {
    const found = STORE_KINDS.find((kind) => kind === name.trim().toLowerCase())
    if (found === undefined) {
      throw new Error(`Unknown store "${name}" in --stores; use ${STORE_KINDS.join(', ')}.`)
    }
    return found
  })
}

/** Results of one store. */
interface StoreResult {
  readonly store: StoreKind
  /** Seconds the --big fill took, or undefined without --big. */
  readonly fillSeconds: number | undefined
  readonly rows: number
  readonly results: readonly LoadResult[]
}

/**
 * Runs /me and the unauthenticated route alternately, twice each for half the time, so a
 * drift in machine load hits both alike. Reports the mean of each pair.
 */
async function compareMe(settings: RunSettings, accessToken: string): Promise<LoadResult[]> {
  const half = { ...settings, seconds: Math.max(1, Math.round(settings.seconds / 2)) }
  const auth = { authorization: `Bearer ${accessToken}` }
  const runs: LoadResult[] = []
  for (let round = 0; round < 2; round++) {
    runs.push(await runGet('GET /bench/anonymous', half, '/bench/anonymous'))
    runs.push(await runGet('GET /me', half, '/me', auth))
  }
  return [
    mergeRuns(runs.filter((_, i) => i % 2 === 0)),
    mergeRuns(runs.filter((_, i) => i % 2 === 1)),
  ]
}

function mergeRuns(runs: readonly LoadResult[]): LoadResult {
  const mean = (pick: (run: LoadResult) => number) =>
    runs.reduce((sum, run) => sum + pick(run), 0) / runs.length
  return {
    scenario: runs[0]!.scenario,
    connections: runs[0]!.connections,
    seconds: runs.reduce((sum, run) => sum + run.seconds, 0),
    requests: runs.reduce((sum, run) => sum + run.requests, 0),
    requestsPerSec: mean((run) => run.requestsPerSec),
    p50Ms: mean((run) => run.p50Ms),
    p99Ms: mean((run) => run.p99Ms),
    non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
  }
}

/** Logs the seed user in enough times for every refresh connection to find a token. */
async function refreshSeeds(url: string, accounts: Accounts): Promise<string[]> {
  const seeds: string[] = []
  for (let i = 0; i < CONNECTIONS * 4; i++) {
    seeds.push((await logIn(url, accounts.seedUser)).refresh_token)
  }
  return seeds
}

async function runScenarios(
  service: RunningService,
  accounts: Accounts,
  options: ServerBenchOptions,
  bigRows: number,
): Promise<LoadResult[]> {
  const settings: RunSettings = {
    url: service.url,
    seconds: options.seconds,
    connections: CONNECTIONS,
  }
  const { access_token: accessToken } = await logIn(service.url, accounts.seedUser)
  await service.setAnonymousBody(await fetchMe(service.url, accessToken))

  const results = await compareMe(settings, accessToken)
  results.push(await runRefreshGrant(settings, await refreshSeeds(service.url, accounts)))
  if (bigRows === 0) results.push(await runClientCredentials(settings, accounts.client))
  const passwordSettings = { ...settings, connections: PASSWORD_CONNECTIONS }
  const passwordRequests = options.quick ? QUICK_PASSWORD_REQUESTS : PASSWORD_REQUESTS
  if (bigRows === 0) {
    results.push(
      await runPasswordGrant(
        'POST /token password',
        passwordSettings,
        passwordRequests,
        () => accounts.user,
      ),
    )
    return results
  }
  results.push(
    await runPasswordGrant(
      `POST /token password, random one of ${bigRows} users`,
      passwordSettings,
      passwordRequests,
      () => ({
        username: `user${Math.floor(Math.random() * bigRows)}`,
        password: BIG_PASSWORD,
      }),
    ),
  )
  return results
}

async function openBenchStore(kind: StoreKind): Promise<BenchStore> {
  return kind === 'sqlite' ? createSqliteStore() : createPostgresStore()
}

async function benchStore(kind: StoreKind, options: ServerBenchOptions): Promise<StoreResult> {
  const store = await openBenchStore(kind)
  try {
    const environment = serviceEnvironment(store)
    const accounts = await seedAccounts(environment)
    const bigRows = options.quick ? QUICK_BIG_ROWS : BIG_ROWS
    const rows = options.big ? bigRows : 0
    let fillSeconds: number | undefined
    if (rows > 0) {
      process.stderr.write(`server: ${kind}, inserting ${rows} users and refresh families\n`)
      fillSeconds = await fillStore(store, rows)
    }
    const service = await startService(environment)
    try {
      return {
        store: kind,
        fillSeconds,
        rows,
        results: await runScenarios(service, accounts, options, rows),
      }
    } finally {
      await service.stop()
    }
  } finally {
    await store.remove()
  }
}

function formatNumber(value: number, digits = 0): string {
  return value.toLocaleString('en-US', {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  })
}

function formatStore(result: StoreResult): string {
  const title =
    result.fillSeconds === undefined
      ? result.store
      : `${result.store}, ${formatNumber(result.rows)} users and refresh families (inserted in ${formatNumber(result.fillSeconds, 1)} s)`
  const lines = [
    `### ${title}`,
    '',
    '| run | connections | req/s | p50 ms | p99 ms | non-2xx | errors |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...result.results.map(
      (r) =>
        `| ${r.scenario} | ${r.connections} | ${formatNumber(r.requestsPerSec)} | ${formatNumber(r.p50Ms, 1)} | ` +
        `${formatNumber(r.p99Ms, 1)} | ${r.non2xx} | ${r.errors} |`,
    ),
  ]
  const anonymous = result.results.find((r) => r.scenario === 'GET /bench/anonymous')
  const me = result.results.find((r) => r.scenario === 'GET /me')
  if (anonymous !== undefined && me !== undefined) {
    lines.push(
      '',
      `GET /me reaches ${formatNumber((me.requestsPerSec / anonymous.requestsPerSec) * 100)} % of the unauthenticated route.`,
    )
  }
  return lines.join('\n')
}

async function main(): Promise<void> {
  let options: ServerBenchOptions
  try {
    options = parseOptions(process.argv.slice(2))
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`)
    process.exitCode = 2
    return
  }
  const results: StoreResult[] = []
  for (const kind of options.stores) {
    results.push(await benchStore(kind, options))
  }
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ node: process.version, results }, null, 2)}\n`)
    return
  }
  process.stdout.write(
    `Node.js ${process.version}, autocannon 9.0.0, ${options.seconds} s per run, loopback\n\n` +
      `${results.map(formatStore).join('\n\n')}\n`,
  )
}

await main()
