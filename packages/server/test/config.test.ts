import assert from 'node:assert/strict'
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { test } from 'node:test'
import { loadConfig, parseDatabaseUrl } from '../src/config.js'
import type { Environment } from '../src/config.js'
import { makeTempDir, TEST_MASTER_KEY_TEXT } from './fixtures/temp.js'

test('loadConfig defaults with master key', () => {
  const { masterKey, ...config } = loadConfig({ JOT_MASTER_KEY: TEST_MASTER_KEY_TEXT })

  assert.deepEqual(config, {
    port: 3000,
    host: '127.0.0.1',
    database: { kind: 'sqlite', path: resolve('data/jot.db') },
    databasePoolSize: 10,
    databaseBusyTimeoutMs: 5000,
    dataDir: resolve('data'),
    redis: undefined,
    masterKeySource: { kind: 'env' },
    issuer: 'http://localhost:3000',
    audience: 'http://localhost:3000',
    accessTokenTtlSec: 900,
    accessTokenCacheEntries: 10_000,
    revocationPropagationMs: 1000,
    refreshIdleTtlSec: 1_209_600,
    refreshAbsoluteTtlSec: 7_776_000,
    keyRotationIntervalSec: 2_592_000,
    keyPrepublishSec: 3600,
    maintenanceIntervalSec: 60,
    rateLimitWindowSec: 300,
    rateLimitPerAddress: 300,
    rateLimitPerUser: 10,
    trustProxy: [],
  })
  assert.deepEqual(masterKey.bytes(), new Uint8Array(32).fill(1))
})

test('loadConfig reads every variable', (t) => {
  const dir = makeTempDir(t)
  const { masterKey, ...config } = loadConfig({
    PORT: '8080',
    HOST: '::1',
    JOT_DATABASE_URL: `sqlite:${dir}/state/jot.sqlite`,
    JOT_MASTER_KEY: TEST_MASTER_KEY_TEXT,
    JOT_ISSUER: 'https://auth.example.com',
    JOT_AUDIENCE: 'orders-api',
    JOT_ACCESS_TOKEN_TTL_SEC: '60',
    JOT_ACCESS_TOKEN_CACHE_ENTRIES: '0',
    JOT_REVOCATION_PROPAGATION_MS: '250',
    JOT_DATABASE_POOL_SIZE: '4',
    JOT_DATABASE_BUSY_TIMEOUT_MS: '250',
    JOT_REDIS_URL: 'redis://127.0.0.1:6379/2',
    JOT_REDIS_PREFIX: 'orders:jot:',
    JOT_REFRESH_IDLE_TTL_SEC: '3600',
    JOT_REFRESH_ABSOLUTE_TTL_SEC: '86400',
    JOT_KEY_ROTATION_INTERVAL_SEC: '604800',
    JOT_KEY_PREPUBLISH_SEC: '7200',
    JOT_MAINTENANCE_INTERVAL_SEC: '30',
    JOT_RATE_LIMIT_WINDOW_SEC: '60',
    JOT_RATE_LIMIT_PER_ADDRESS: '0',
    JOT_RATE_LIMIT_PER_USER: '3',
    JOT_TRUST_PROXY: '10.0.0.0/8, ::1',
  })

  assert.deepEqual(masterKey.bytes(), new Uint8Array(32).fill(1))
  assert.deepEqual(config, {
    port: 8080,
    host: '::1',
    database: { kind: 'sqlite', path: join(dir, 'state/jot.sqlite') },
    databasePoolSize: 4,
    databaseBusyTimeoutMs: 250,
    dataDir: join(dir, 'state'),
    redis: { url: 'redis://127.0.0.1:6379/2', keyPrefix: 'orders:jot:' },
    masterKeySource: { kind: 'env' },
    issuer: 'https://auth.example.com',
    audience: 'orders-api',
    accessTokenTtlSec: 60,
    accessTokenCacheEntries: 0,
    revocationPropagationMs: 250,
    refreshIdleTtlSec: 3600,
    refreshAbsoluteTtlSec: 86_400,
    keyRotationIntervalSec: 604_800,
    keyPrepublishSec: 7200,
    maintenanceIntervalSec: 30,
    rateLimitWindowSec: 60,
    rateLimitPerAddress: 0,
    rateLimitPerUser: 3,
    trustProxy: ['10.0.0.0/8', '::1'],
  })
})

test('loadConfig reads PostgreSQL URL', () => {
  const url = 'postgres://jot:s3cret@db.internal:5433/jot'
  const config = loadConfig({ JOT_DATABASE_URL: url, JOT_MASTER_KEY: TEST_MASTER_KEY_TEXT })

  assert.deepEqual(config.database, { kind: 'postgres', url })
  assert.equal(config.dataDir, resolve('data'))
})

test('loadConfig idle lifetime raises absolute default', () => {
  const config = loadConfig({
    JOT_MASTER_KEY: TEST_MASTER_KEY_TEXT,
    JOT_REFRESH_IDLE_TTL_SEC: '31536000',
  })

  assert.equal(config.refreshAbsoluteTtlSec, 31_536_000)
})

test('loadConfig issuer default follows PORT', () => {
  const config = loadConfig({ PORT: '4000', JOT_MASTER_KEY: TEST_MASTER_KEY_TEXT })

  assert.equal(config.issuer, 'http://localhost:4000')
  assert.equal(config.audience, 'http://localhost:4000')
})

test('loadConfig generates master key without writing', (t) => {
  const dir = makeTempDir(t)
  const env = { JOT_DATABASE_URL: `sqlite:${dir}/data/jot.db` }
  const path = join(dir, 'data', 'master.key')

  const first = loadConfig(env)
  const second = loadConfig(env)

  assert.deepEqual(first.masterKeySource, { kind: 'file', path, created: true })
  assert.deepEqual(second.masterKeySource, { kind: 'file', path, created: true })
  assert.deepEqual(readdirSync(dir), [])
})

test('loadConfig reads saved master key file', (t) => {
  const dir = makeTempDir(t)
  const path = join(dir, 'master.key')
  writeFileSync(path, `${TEST_MASTER_KEY_TEXT}\n`)

  const config = loadConfig({ JOT_DATABASE_URL: `sqlite:${dir}/jot.db` })

  assert.deepEqual(config.masterKeySource, { kind: 'file', path, created: false })
  assert.deepEqual(config.masterKey.bytes(), new Uint8Array(32).fill(1))
})

test('loadConfig rejects PORT 0 without issuer', () => {
  assert.throws(() => loadConfig({ PORT: '0', JOT_MASTER_KEY: TEST_MASTER_KEY_TEXT }), {
    name: 'ServerError',
    code: 'CONFIG_INVALID',
    message:
      'JOT_ISSUER must be set when PORT is 0: the default issuer http://localhost:<PORT> ' +
      'needs the real port, which is chosen only when the service listens.',
  })
})

test('loadConfig takes PORT 0 with issuer', () => {
  const config = loadConfig({
    PORT: '0',
    JOT_ISSUER: 'https://auth.example.com',
    JOT_MASTER_KEY: TEST_MASTER_KEY_TEXT,
  })

  assert.equal(config.port, 0)
  assert.equal(config.issuer, 'https://auth.example.com')
  assert.equal(config.audience, 'https://auth.example.com')
})

test('loadConfig ignores key file when variable set', (t) => {
  const dir = makeTempDir(t)
  writeFileSync(join(dir, 'master.key'), 'not a key\n')

  const config = loadConfig({
    JOT_DATABASE_URL: `sqlite:${dir}/jot.db`,
    JOT_MASTER_KEY: TEST_MASTER_KEY_TEXT,
  })

  assert.deepEqual(config.masterKeySource, { kind: 'env' })
})

test('loadConfig rejects invalid master key file', (t) => {
  const dir = makeTempDir(t)
  mkdirSync(join(dir, 'data'))
  const path = join(dir, 'data', 'master.key')
  writeFileSync(path, 'c2hvcnQ\n')

  assert.throws(() => loadConfig({ JOT_DATABASE_URL: `sqlite:${dir}/data/jot.db` }), {
    name: 'ServerError',
    code: 'CONFIG_INVALID',
    message:
      `The master key file ${path} must be 32 bytes encoded as base64url without padding ` +
      "(43 characters); generate one with: node -e \"console.log(require('node:crypto').randomBytes(32).toString('base64url'))\"",
  })
})

const KEY_HINT =
  "generate one with: node -e \"console.log(require('node:crypto').randomBytes(32).toString('base64url'))\""
const BAD_MASTER_KEY_MESSAGE = `JOT_MASTER_KEY must be 32 bytes encoded as base64url without padding (43 characters); ${KEY_HINT}`
const zeroKey = Buffer.alloc(32).toString('base64url')

const invalidCases: { name: string; env: Environment; code: string; message: string }[] = [
  {
    name: 'PORT not a number',
    env: { PORT: 'http' },
    code: 'CONFIG_INVALID',
    message: 'PORT must be a whole number from 0 to 65535, not "http".',
  },
  {
    name: 'PORT negative',
    env: { PORT: '-1' },
    code: 'CONFIG_INVALID',
    message: 'PORT must be a whole number from 0 to 65535, not "-1".',
  },
  {
    name: 'PORT fractional',
    env: { PORT: '80.5' },
    code: 'CONFIG_INVALID',
    message: 'PORT must be a whole number from 0 to 65535, not "80.5".',
  },
  {
    name: 'PORT too large',
    env: { PORT: '65536' },
    code: 'CONFIG_INVALID',
    message: 'PORT must be a whole number from 0 to 65535, not "65536".',
  },
  {
    name: 'PORT empty',
    env: { PORT: '' },
    code: 'CONFIG_INVALID',
    message: 'PORT is set but empty; unset it to use the default.',
  },
  {
    name: 'HOST with space',
    env: { HOST: 'my host' },
    code: 'CONFIG_INVALID',
    message: 'HOST must be an IP address or a host name, not "my host".',
  },
  {
    name: 'database URL postgres without master key',
    env: { JOT_DATABASE_URL: 'postgres://db.internal/jot', JOT_MASTER_KEY: undefined },
    code: 'CONFIG_INVALID',
    message:
      'JOT_MASTER_KEY must be set when JOT_DATABASE_URL names PostgreSQL, the same on every instance.',
  },
  {
    name: 'database URL postgres without database',
    env: { JOT_DATABASE_URL: 'postgresql://jot:s3cret@db.internal' },
    code: 'CONFIG_INVALID',
    message:
      'JOT_DATABASE_URL must name a host and a database, as in postgres://USER@HOST/DATABASE.',
  },
  {
    name: 'database URL postgres without host',
    env: { JOT_DATABASE_URL: 'postgres:///jot' },
    code: 'CONFIG_INVALID',
    message:
      'JOT_DATABASE_URL must name a host and a database, as in postgres://USER@HOST/DATABASE.',
  },
  {
    name: 'database URL other scheme',
    env: { JOT_DATABASE_URL: 'mysql://db.internal/jot' },
    code: 'CONFIG_INVALID',
    message:
      'JOT_DATABASE_URL must have the form sqlite:PATH or postgres://USER@HOST/DATABASE, for ' +
      'example sqlite:./data/jot.db.',
  },
  {
    name: 'database URL without path',
    env: { JOT_DATABASE_URL: 'sqlite:' },
    code: 'CONFIG_INVALID',
    message:
      'JOT_DATABASE_URL must name a database file after "sqlite:", for example sqlite:./data/jot.db.',
  },
  {
    name: 'database URL in memory',
    env: { JOT_DATABASE_URL: 'sqlite::memory:' },
    code: 'CONFIG_INVALID',
    message:
      'JOT_DATABASE_URL must name a database file after "sqlite:", for example sqlite:./data/jot.db.',
  },
  {
    name: 'master key too short',
    env: { JOT_MASTER_KEY: 'c2hvcnQ' },
    code: 'CONFIG_INVALID',
    message: BAD_MASTER_KEY_MESSAGE,
  },
  {
    name: 'master key padded',
    env: { JOT_MASTER_KEY: `${zeroKey}=` },
    code: 'CONFIG_INVALID',
    message: BAD_MASTER_KEY_MESSAGE,
  },
  {
    name: 'master key non-canonical',
    env: { JOT_MASTER_KEY: `${zeroKey.slice(0, -1)}B` },
    code: 'CONFIG_INVALID',
    message: BAD_MASTER_KEY_MESSAGE,
  },
  {
    name: 'master key standard base64',
    env: { JOT_MASTER_KEY: Buffer.alloc(32, 0xff).toString('base64') },
    code: 'CONFIG_INVALID',
    message: BAD_MASTER_KEY_MESSAGE,
  },
  {
    name: 'master key empty',
    env: { JOT_MASTER_KEY: '' },
    code: 'CONFIG_INVALID',
    message: 'JOT_MASTER_KEY is set but empty; unset it to use the default.',
  },
  {
    name: 'issuer not a URL',
    env: { JOT_ISSUER: 'auth server' },
    code: 'CONFIG_INVALID',
    message:
      'JOT_ISSUER must be an http or https URL without query, fragment or credentials, not "auth server".',
  },
  {
    name: 'issuer with query',
    env: { JOT_ISSUER: 'https://auth.example.com/?tenant=1' },
    code: 'CONFIG_INVALID',
    message:
      'JOT_ISSUER must be an http or https URL without query, fragment or credentials, not "https://auth.example.com/?tenant=1".',
  },
  {
    name: 'issuer other scheme',
    env: { JOT_ISSUER: 'ftp://auth.example.com' },
    code: 'CONFIG_INVALID',
    message:
      'JOT_ISSUER must be an http or https URL without query, fragment or credentials, not "ftp://auth.example.com".',
  },
  {
    name: 'audience with control character',
    env: { JOT_AUDIENCE: 'orders\napi' },
    code: 'CONFIG_INVALID',
    message: 'JOT_AUDIENCE must be at most 2048 characters without control characters.',
  },
  {
    name: 'TTL zero',
    env: { JOT_ACCESS_TOKEN_TTL_SEC: '0' },
    code: 'CONFIG_INVALID',
    message: 'JOT_ACCESS_TOKEN_TTL_SEC must be a whole number from 1 to 86400, not "0".',
  },
  {
    name: 'TTL over one day',
    env: { JOT_ACCESS_TOKEN_TTL_SEC: '86401' },
    code: 'CONFIG_INVALID',
    message: 'JOT_ACCESS_TOKEN_TTL_SEC must be a whole number from 1 to 86400, not "86401".',
  },
  {
    name: 'token cache over a million',
    env: { JOT_ACCESS_TOKEN_CACHE_ENTRIES: '1000001' },
    code: 'CONFIG_INVALID',
    message:
      'JOT_ACCESS_TOKEN_CACHE_ENTRIES must be a whole number from 0 to 1000000, not "1000001".',
  },
  {
    name: 'revocation propagation over a minute',
    env: { JOT_REVOCATION_PROPAGATION_MS: '60001' },
    code: 'CONFIG_INVALID',
    message: 'JOT_REVOCATION_PROPAGATION_MS must be a whole number from 0 to 60000, not "60001".',
  },
  {
    name: 'revocation propagation with unit',
    env: { JOT_REVOCATION_PROPAGATION_MS: '1s' },
    code: 'CONFIG_INVALID',
    message: 'JOT_REVOCATION_PROPAGATION_MS must be a whole number from 0 to 60000, not "1s".',
  },
  {
    name: 'TTL with unit',
    env: { JOT_ACCESS_TOKEN_TTL_SEC: '15m' },
    code: 'CONFIG_INVALID',
    message: 'JOT_ACCESS_TOKEN_TTL_SEC must be a whole number from 1 to 86400, not "15m".',
  },
  {
    name: 'pool size zero',
    env: { JOT_DATABASE_POOL_SIZE: '0' },
    code: 'CONFIG_INVALID',
    message: 'JOT_DATABASE_POOL_SIZE must be a whole number from 1 to 100, not "0".',
  },
  {
    name: 'busy timeout above a minute',
    env: { JOT_DATABASE_BUSY_TIMEOUT_MS: '60001' },
    code: 'CONFIG_INVALID',
    message: 'JOT_DATABASE_BUSY_TIMEOUT_MS must be a whole number from 0 to 60000, not "60001".',
  },
  {
    name: 'redis URL other scheme',
    env: { JOT_REDIS_URL: 'http://127.0.0.1:6379' },
    code: 'CONFIG_INVALID',
    message:
      'JOT_REDIS_URL must have the form redis://[:PASSWORD@]HOST[:PORT][/DB] or rediss://...',
  },
  {
    name: 'redis prefix with space',
    env: { JOT_REDIS_PREFIX: 'jot prod' },
    code: 'CONFIG_INVALID',
    message: 'JOT_REDIS_PREFIX must be 1 to 64 characters from letters, digits and : . _ -.',
  },
  {
    name: 'refresh idle lifetime too short',
    env: { JOT_REFRESH_IDLE_TTL_SEC: '59' },
    code: 'CONFIG_INVALID',
    message: 'JOT_REFRESH_IDLE_TTL_SEC must be a whole number from 60 to 31536000, not "59".',
  },
  {
    name: 'refresh absolute below idle',
    env: { JOT_REFRESH_IDLE_TTL_SEC: '7200', JOT_REFRESH_ABSOLUTE_TTL_SEC: '3600' },
    code: 'CONFIG_INVALID',
    message:
      'JOT_REFRESH_ABSOLUTE_TTL_SEC must be a whole number from 7200 to 31536000, not "3600".',
  },
  {
    name: 'rotation interval below an hour',
    env: { JOT_KEY_ROTATION_INTERVAL_SEC: '600' },
    code: 'CONFIG_INVALID',
    message:
      'JOT_KEY_ROTATION_INTERVAL_SEC must be 0 (no scheduled rotation) or from 3600 to 31536000, not "600".',
  },
  {
    name: 'prepublish below cache and maintenance',
    env: { JOT_KEY_PREPUBLISH_SEC: '300', JOT_MAINTENANCE_INTERVAL_SEC: '60' },
    code: 'CONFIG_INVALID',
    message: 'JOT_KEY_PREPUBLISH_SEC must be a whole number from 360 to 604800, not "300".',
  },
  {
    name: 'maintenance interval zero',
    env: { JOT_MAINTENANCE_INTERVAL_SEC: '0' },
    code: 'CONFIG_INVALID',
    message: 'JOT_MAINTENANCE_INTERVAL_SEC must be a whole number from 1 to 3600, not "0".',
  },
  {
    name: 'rate limit negative',
    env: { JOT_RATE_LIMIT_PER_USER: '-1' },
    code: 'CONFIG_INVALID',
    message: 'JOT_RATE_LIMIT_PER_USER must be a whole number from 0 to 1000000, not "-1".',
  },
  {
    name: 'rate limit window zero',
    env: { JOT_RATE_LIMIT_WINDOW_SEC: '0' },
    code: 'CONFIG_INVALID',
    message: 'JOT_RATE_LIMIT_WINDOW_SEC must be a whole number from 1 to 86400, not "0".',
  },
  {
    name: 'trusted proxy host name',
    env: { JOT_TRUST_PROXY: '10.0.0.1,proxy.internal' },
    code: 'CONFIG_INVALID',
    message:
      'JOT_TRUST_PROXY must list IP addresses or CIDR ranges separated by commas, not "proxy.internal".',
  },
  {
    name: 'trusted proxy range too wide',
    env: { JOT_TRUST_PROXY: '10.0.0.0/33' },
    code: 'CONFIG_INVALID',
    message:
      'JOT_TRUST_PROXY must list IP addresses or CIDR ranges separated by commas, not "10.0.0.0/33".',
  },
]

for (const { name, env, code, message } of invalidCases) {
  test(`loadConfig rejects ${name}`, () => {
    assert.throws(() => loadConfig({ JOT_MASTER_KEY: TEST_MASTER_KEY_TEXT, ...env }), {
      name: 'ServerError',
      code,
      message,
    })
  })
}

test('parseDatabaseUrl resolves relative path', () => {
  assert.deepEqual(parseDatabaseUrl('sqlite:jot.db'), { kind: 'sqlite', path: resolve('jot.db') })
})
