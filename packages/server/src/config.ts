/** Service configuration, read and validated from environment variables once at startup. */
import { dirname, resolve } from 'node:path'
import {
  parseUrl,
  readAudience,
  readHost,
  readInteger,
  readIssuer,
  readText,
  readTrustProxy,
} from './env.js'
import type { Environment } from './env.js'
import { ServerError } from './errors.js'
import { loadMasterKeyFile, parseMasterKey } from './master-key.js'
import type { MasterKey, MasterKeySource } from './master-key.js'

export type { Environment } from './env.js'

/** Location of the store that keeps users, clients, refresh tokens and signing keys. */
export type DatabaseConfig =
  | {
      readonly kind: 'sqlite'
      /** Absolute path of the SQLite file. */
      readonly path: string
    }
  | {
      readonly kind: 'postgres'
      /** The `postgres://` URL as given; it may contain a password, so it is never logged. */
      readonly url: string
    }

/** Redis, which keeps the access-token revocation list and the rate-limit counters. */
export interface RedisConfig {
  /** The `redis://` or `rediss://` URL as given; it may contain a password. */
  readonly url: string
  /** Prefix of every key the service writes (`JOT_REDIS_PREFIX`). Default `jot:`. */
  readonly keyPrefix: string
}

/** The validated configuration of one service instance. */
export interface ServerConfig {
  /** TCP port to listen on (`PORT`), 0 to 65535. Default 3000. */
  readonly port: number
  /** Interface to listen on (`HOST`). Default `127.0.0.1`. */
  readonly host: string
  /** From `JOT_DATABASE_URL`. Default `sqlite:./data/jot.db`, relative to the working directory. */
  readonly database: DatabaseConfig
  /** PostgreSQL connections per instance (`JOT_DATABASE_POOL_SIZE`), 1 to 100. Default 10. */
  readonly databasePoolSize: number
  /**
   * Milliseconds a SQLite statement waits for another connection's write lock before the
   * request fails with 503 (`JOT_DATABASE_BUSY_TIMEOUT_MS`), 0 to 60000. Default 5000.
   */
  readonly databaseBusyTimeoutMs: number
  /**
   * Directory that contains `master.key` when JOT_MASTER_KEY is unset: the SQLite file's
   * directory, or `./data` with PostgreSQL (where JOT_MASTER_KEY is required, so it is unused).
   */
  readonly dataDir: string
  /** From `JOT_REDIS_URL`; undefined keeps revocations in the database and counters in memory. */
  readonly redis: RedisConfig | undefined
  /** Secret that encrypts signing keys at rest (`JOT_MASTER_KEY`, base64url of 32 bytes). */
  readonly masterKey: MasterKey
  readonly masterKeySource: MasterKeySource
  /**
   * `iss` of issued tokens (`JOT_ISSUER`). Default `http://localhost:<PORT>`; required when
   * PORT is 0.
   */
  readonly issuer: string
  /** `aud` of issued tokens (`JOT_AUDIENCE`). Default the issuer. */
  readonly audience: string
  /** Access token lifetime in seconds (`JOT_ACCESS_TOKEN_TTL_SEC`), 1 to 86400. Default 900. */
  readonly accessTokenTtlSec: number
  /**
   * Access tokens each instance remembers as verified, and token ids it remembers as not
   * revoked (`JOT_ACCESS_TOKEN_CACHE_ENTRIES`), 0 (no cache) to 1000000. Default 10000.
   */
  readonly accessTokenCacheEntries: number
  /**
   * Milliseconds within which an access-token revocation recorded by another instance or
   * process takes effect on this one (`JOT_REVOCATION_PROPAGATION_MS`), 0 (look every request
   * up in the store) to 60000. Default 1000. The instance that records it applies it at once.
   */
  readonly revocationPropagationMs: number
  /**
   * Seconds a refresh token stays valid without use (`JOT_REFRESH_IDLE_TTL_SEC`), 60 to
   * 31536000. Default 1209600 (14 days).
   */
  readonly refreshIdleTtlSec: number
  /**
   * Seconds a refresh token family stays valid after the login that started it, however often
   * it is used (`JOT_REFRESH_ABSOLUTE_TTL_SEC`), from the idle lifetime to 31536000. Default
   * 7776000 (90 days).
   */
  readonly refreshAbsoluteTtlSec: number
  /**
   * Seconds between signing-key rotations (`JOT_KEY_ROTATION_INTERVAL_SEC`), 0 (no scheduled
   * rotation) or 3600 to 31536000. Default 2592000 (30 days).
   */
  readonly keyRotationIntervalSec: number
  /**
   * Seconds a new signing key is published in the JWKS before it signs
   * (`JOT_KEY_PREPUBLISH_SEC`), from the JWKS cache lifetime (300) plus the maintenance
   * interval, to 604800. Default 3600.
   */
  readonly keyPrepublishSec: number
  /**
   * Seconds between maintenance runs (`JOT_MAINTENANCE_INTERVAL_SEC`), 1 to 3600: key rotation,
   * reloading keys other instances created, and purging expired records. Default 60.
   */
  readonly maintenanceIntervalSec: number
  /** Length of a rate-limit window in seconds (`JOT_RATE_LIMIT_WINDOW_SEC`), 1 to 86400. Default 300. */
  readonly rateLimitWindowSec: number
  /**
   * Requests to /token, /revoke and /introspect allowed per client address and window
   * (`JOT_RATE_LIMIT_PER_ADDRESS`), 0 (no limit) to 1000000. Default 300.
   */
  readonly rateLimitPerAddress: number
  /**
   * Failed password logins allowed per username and window (`JOT_RATE_LIMIT_PER_USER`), 0 (no
   * limit) to 1000000. Default 10.
   */
  readonly rateLimitPerUser: number
  /** Addresses or CIDR ranges of trusted proxies (`JOT_TRUST_PROXY`). Default none. */
  readonly trustProxy: readonly string[]
}

/** Seconds that clients and proxies may cache the JWKS. */
export const JWKS_MAX_AGE_SEC = 300
/** The maximum access token lifetime the configuration accepts. */
export const MAX_ACCESS_TOKEN_TTL_SEC = 86_400

const DEFAULT_DATABASE_URL = 'sqlite:./data/jot.db'
const ONE_YEAR_SEC = 31_536_000
const DAY_SEC = 86_400
const REDIS_PREFIX = /^[A-Za-z0-9:._-]{1,64}$/

/**
 * Reads the configuration from environment variables, and writes nothing. With SQLite and
 * without JOT_MASTER_KEY, it reads `<data dir>/master.key`, or generates a random key when that
 * file does not exist; `config.masterKey.prepare(store)` saves it once the store proves new.
 * @throws ServerError `CONFIG_INVALID` for a malformed value, a missing JOT_MASTER_KEY with
 *   PostgreSQL, or PORT 0 without JOT_ISSUER.
 * @example
 * const config = loadConfig()
 * const app = await createApp(config)
 */
export function loadConfig(env: Environment = process.env): ServerConfig {
  const port = readInteger(env, 'PORT', 3000, 0, 65_535)
  const host = readHost(env)
  const database = parseDatabaseUrl(readText(env, 'JOT_DATABASE_URL') ?? DEFAULT_DATABASE_URL)
  const databasePoolSize = readInteger(env, 'JOT_DATABASE_POOL_SIZE', 10, 1, 100)
  const databaseBusyTimeoutMs = readInteger(env, 'JOT_DATABASE_BUSY_TIMEOUT_MS', 5000, 0, 60_000)
  const dataDir = database.kind === 'sqlite' ? dirname(database.path) : resolve('data')
  const redis = readRedis(env)
  if (port === 0 && env['JOT_ISSUER'] === undefined) {
    // The default issuer names the port, and port 0 is replaced by a free one only when the
    // service listens, after createApp has built the metadata and token issuer from it.
    throw new ServerError(
      'CONFIG_INVALID',
      'JOT_ISSUER must be set when PORT is 0: the default issuer http://localhost:<PORT> ' +
        'needs the real port, which is chosen only when the service listens.',
    )
  }
  const issuer = readIssuer(env, port)
  const audience = readAudience(env, issuer)
  const accessTokenTtlSec = readInteger(
    env,
    'JOT_ACCESS_TOKEN_TTL_SEC',
    900,
    1,
    MAX_ACCESS_TOKEN_TTL_SEC,
  )
  const accessTokenCacheEntries = readInteger(
    env,
    'JOT_ACCESS_TOKEN_CACHE_ENTRIES',
    10_000,
    0,
    1_000_000,
  )
  const revocationPropagationMs = readInteger(env, 'JOT_REVOCATION_PROPAGATION_MS', 1000, 0, 60_000)
  const refresh = readRefreshLifetimes(env)
  const keys = readKeySchedule(env)
  const rateLimits = readRateLimits(env)
  const trustProxy = readTrustProxy(env)
  const { masterKey, source } = readMasterKey(env, database, dataDir)

  return {
    port,
    host,
    database,
    databasePoolSize,
    databaseBusyTimeoutMs,
    dataDir,
    redis,
    masterKey,
    masterKeySource: source,
    issuer,
    audience,
    accessTokenTtlSec,
    accessTokenCacheEntries,
    revocationPropagationMs,
    ...refresh,
    ...keys,
    ...rateLimits,
    trustProxy,
  }
}

/**
 * Parses a database URL: `sqlite:PATH`, where a relative PATH is resolved against the working
 * directory, or `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE` (also `postgresql://`).
 * @throws ServerError `CONFIG_INVALID`.
 */
export function parseDatabaseUrl(url: string): DatabaseConfig {
  if (/^postgres(ql)?:\/\//i.test(url)) return parsePostgresUrl(url)
  if (!url.startsWith('sqlite:')) {
    throw new ServerError(
      'CONFIG_INVALID',
      'JOT_DATABASE_URL must have the form sqlite:PATH or postgres://USER@HOST/DATABASE, for ' +
        'example sqlite:./data/jot.db.',
    )
  }
  const path = url.slice('sqlite:'.length)
  if (path === '' || path === ':memory:' || path.includes('\0')) {
    // An in-memory database would lose the signing key and every user at each restart.
    throw new ServerError(
      'CONFIG_INVALID',
      'JOT_DATABASE_URL must name a database file after "sqlite:", for example sqlite:./data/jot.db.',
    )
  }
  return { kind: 'sqlite', path: resolve(path) }
}

function parsePostgresUrl(url: string): DatabaseConfig {
  const parsed = parseUrl(url)
  // The message never repeats the URL, which may carry a password.
  if (parsed === undefined || parsed.hostname === '' || parsed.pathname.length < 2) {
    throw new ServerError(
      'CONFIG_INVALID',
      'JOT_DATABASE_URL must name a host and a database, as in postgres://USER@HOST/DATABASE.',
    )
  }
  return { kind: 'postgres', url }
}

function readRedis(env: Environment): RedisConfig | undefined {
  const url = readText(env, 'JOT_REDIS_URL')
  const keyPrefix = readText(env, 'JOT_REDIS_PREFIX') ?? 'jot:'
  if (!REDIS_PREFIX.test(keyPrefix)) {
    throw new ServerError(
      'CONFIG_INVALID',
      'JOT_REDIS_PREFIX must be 1 to 64 characters from letters, digits and : . _ -.',
    )
  }
  if (url === undefined) return undefined
  const parsed = parseUrl(url)
  if (
    parsed === undefined ||
    (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') ||
    parsed.hostname === ''
  ) {
    throw new ServerError(
      'CONFIG_INVALID',
      'JOT_REDIS_URL must have the form redis://[:PASSWORD@]HOST[:PORT][/DB] or rediss://...',
    )
  }
  return { url, keyPrefix }
}

function readRefreshLifetimes(env: Environment) {
  const refreshIdleTtlSec = readInteger(
    env,
    'JOT_REFRESH_IDLE_TTL_SEC',
    14 * DAY_SEC,
    60,
    ONE_YEAR_SEC,
  )
  const refreshAbsoluteTtlSec = readInteger(
    env,
    'JOT_REFRESH_ABSOLUTE_TTL_SEC',
    Math.max(90 * DAY_SEC, refreshIdleTtlSec),
    refreshIdleTtlSec,
    ONE_YEAR_SEC,
  )
  return { refreshIdleTtlSec, refreshAbsoluteTtlSec }
}

function readKeySchedule(env: Environment) {
  const maintenanceIntervalSec = readInteger(env, 'JOT_MAINTENANCE_INTERVAL_SEC', 60, 1, 3600)
  // Another instance learns of a new key at its next maintenance run. A verifier may keep the
  // JWKS it fetched just before that for the cache lifetime. The key must not sign before both.
  const minPrepublishSec = JWKS_MAX_AGE_SEC + maintenanceIntervalSec
  const keyPrepublishSec = readInteger(
    env,
    'JOT_KEY_PREPUBLISH_SEC',
    Math.max(3600, minPrepublishSec),
    minPrepublishSec,
    7 * DAY_SEC,
  )
  const keyRotationIntervalSec = readInteger(
    env,
    'JOT_KEY_ROTATION_INTERVAL_SEC',
    30 * DAY_SEC,
    0,
    ONE_YEAR_SEC,
  )
  if (keyRotationIntervalSec !== 0 && keyRotationIntervalSec < 3600) {
    throw new ServerError(
      'CONFIG_INVALID',
      `JOT_KEY_ROTATION_INTERVAL_SEC must be 0 (no scheduled rotation) or from 3600 to ${ONE_YEAR_SEC}, not "${keyRotationIntervalSec}".`,
    )
  }
  return { keyRotationIntervalSec, keyPrepublishSec, maintenanceIntervalSec }
}

function readRateLimits(env: Environment) {
  return {
    rateLimitWindowSec: readInteger(env, 'JOT_RATE_LIMIT_WINDOW_SEC', 300, 1, DAY_SEC),
    rateLimitPerAddress: readInteger(env, 'JOT_RATE_LIMIT_PER_ADDRESS', 300, 0, 1_000_000),
    rateLimitPerUser: readInteger(env, 'JOT_RATE_LIMIT_PER_USER', 10, 0, 1_000_000),
  }
}

function readMasterKey(
  env: Environment,
  database: DatabaseConfig,
  dataDir: string,
): { masterKey: MasterKey; source: MasterKeySource } {
  const text = readText(env, 'JOT_MASTER_KEY')
  if (text !== undefined) {
    return { masterKey: parseMasterKey(text, 'JOT_MASTER_KEY'), source: { kind: 'env' } }
  }
  if (database.kind === 'postgres') {
    // Instances sharing a database must share the key, and a file on one machine cannot be.
    throw new ServerError(
      'CONFIG_INVALID',
      'JOT_MASTER_KEY must be set when JOT_DATABASE_URL names PostgreSQL, the same on every instance.',
    )
  }
  return loadMasterKeyFile(dataDir)
}
