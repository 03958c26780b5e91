/** Service configuration, read and validated from environment variables once at startup. */
import { isIP } from 'node:net'
import { dirname, resolve } from 'node:path'
import { ServerError } from './errors.js'
import { loadOrCreateMasterKeyFile, parseMasterKey } from './master-key.js'
import type { MasterKey, MasterKeySource } from './master-key.js'

/** Location of the store that keeps users and signing keys. */
export interface DatabaseConfig {
  readonly kind: 'sqlite'
  /** Absolute path of the SQLite file. */
  readonly path: string
}

/** The validated configuration of one service instance. */
export interface ServerConfig {
  /** TCP port to listen on (`PORT`), 0 to 65535. Default 3000. */
  readonly port: number
  /** Interface to listen on (`HOST`). Default `127.0.0.1`. */
  readonly host: string
  /** From `JOT_DATABASE_URL`. Default `sqlite:./data/jot.db`, relative to the working directory. */
  readonly database: DatabaseConfig
  /** Directory of the SQLite file, which also contains `master.key` when JOT_MASTER_KEY is unset. */
  readonly dataDir: string
  /** Secret that encrypts signing keys at rest (`JOT_MASTER_KEY`, base64url of 32 bytes). */
  readonly masterKey: MasterKey
  readonly masterKeySource: MasterKeySource
  /** `iss` of issued tokens (`JOT_ISSUER`). Default `http://localhost:<PORT>`. */
  readonly issuer: string
  /** `aud` of issued tokens (`JOT_AUDIENCE`). Default the issuer. */
  readonly audience: string
  /** Access token lifetime in seconds (`JOT_ACCESS_TOKEN_TTL_SEC`), 1 to 86400. Default 900. */
  readonly accessTokenTtlSec: number
}

/** Environment variables in the shape of `process.env`. */
export type Environment = Readonly<Record<string, string | undefined>>

const DEFAULT_DATABASE_URL = 'sqlite:./data/jot.db'
const MAX_TTL_SEC = 86_400
const MAX_TEXT_LENGTH = 2048
// RFC 1123 host names: dot-separated labels of letters, digits and inner hyphens.
const HOSTNAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/

/**
 * Reads the configuration from environment variables. When JOT_MASTER_KEY is unset, it reads
 * `<data dir>/master.key`, creating that file with a random key on the first start.
 * @throws ServerError `CONFIG_INVALID` for a malformed value, `STORE_UNSUPPORTED` for a
 *   PostgreSQL URL.
 * @example
 * const config = loadConfig()
 * const app = await createApp(config)
 */
export function loadConfig(env: Environment = process.env): ServerConfig {
  const port = readInteger(env, 'PORT', 3000, 0, 65_535)
  const host = readHost(env)
  const database = parseDatabaseUrl(readText(env, 'JOT_DATABASE_URL') ?? DEFAULT_DATABASE_URL)
  const dataDir = dirname(database.path)
  const issuer = readIssuer(env, port)
  const audience = readAudience(env, issuer)
  const accessTokenTtlSec = readInteger(env, 'JOT_ACCESS_TOKEN_TTL_SEC', 900, 1, MAX_TTL_SEC)

  const { masterKey, source } = readMasterKey(env, dataDir)

  return {
    port,
    host,
    database,
    dataDir,
    masterKey,
    masterKeySource: source,
    issuer,
    audience,
    accessTokenTtlSec,
  }
}

/**
 * Parses a database URL. Only `sqlite:PATH` is supported; a relative PATH is resolved against
 * the working directory.
 * @throws ServerError `CONFIG_INVALID` or `STORE_UNSUPPORTED`.
 */
export function parseDatabaseUrl(url: string): DatabaseConfig {
  if (/^postgres(ql)?:\/\//i.test(url)) {
    throw new ServerError(
      'STORE_UNSUPPORTED',
      'PostgreSQL support is not available yet; set JOT_DATABASE_URL to sqlite:PATH.',
    )
  }
  if (!url.startsWith('sqlite:')) {
    throw new ServerError(
      'CONFIG_INVALID',
      'JOT_DATABASE_URL must have the form sqlite:PATH, for example sqlite:./data/jot.db.',
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

function readMasterKey(
  env: Environment,
  dataDir: string,
): { masterKey: MasterKey; source: MasterKeySource } {
  const text = readText(env, 'JOT_MASTER_KEY')
  if (text === undefined) return loadOrCreateMasterKeyFile(dataDir)
  return { masterKey: parseMasterKey(text, 'JOT_MASTER_KEY'), source: { kind: 'env' } }
}

// An unset variable means "use the default". A variable set to the empty string is more likely
// a mistake in a deployment file, so it is reported instead of silently replaced.
function readText(env: Environment, name: string): string | undefined {
  const value = env[name]
  if (value === undefined) return undefined
  if (value === '') {
    throw new ServerError(
      'CONFIG_INVALID',
      `${name} is set but empty; unset it to use the default.`,
    )
  }
  return value
}

function readInteger(env: Environment, name: string, fallback: number, min: number, max: number) {
  const text = readText(env, name)
  if (text === undefined) return fallback
  const value = /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN
  if (!(value >= min && value <= max)) {
    throw new ServerError(
      'CONFIG_INVALID',
      `${name} must be a whole number from ${min} to ${max}, not "${text.slice(0, 32)}".`,
    )
  }
  return value
}

function readHost(env: Environment): string {
  const host = readText(env, 'HOST') ?? '127.0.0.1'
  if (isIP(host) === 0 && !HOSTNAME.test(host)) {
    throw new ServerError(
      'CONFIG_INVALID',
      `HOST must be an IP address or a host name, not "${host.slice(0, 64)}".`,
    )
  }
  return host
}

function readIssuer(env: Environment, port: number): string {
  const issuer = readText(env, 'JOT_ISSUER') ?? `http://localhost:${port}`
  let url: URL | undefined
  try {
    url = new URL(issuer)
  } catch {
    url = undefined
  }
  // RFC 8414 section 2: the issuer is a URL without query or fragment. Plain http is allowed
  // for local development.
  const valid =
    url !== undefined &&
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    url.search === '' &&
    url.hash === '' &&
    url.username === '' &&
    url.password === '' &&
    issuer.length <= MAX_TEXT_LENGTH
  if (!valid) {
    throw new ServerError(
      'CONFIG_INVALID',
      `JOT_ISSUER must be an http or https URL without query, fragment or credentials, not "${issuer.slice(0, 64)}".`,
    )
  }
  return issuer
}

function readAudience(env: Environment, issuer: string): string {
  const audience = readText(env, 'JOT_AUDIENCE') ?? issuer
  // eslint-disable-next-line no-control-regex -- control characters are what this rejects
  if (audience.length > MAX_TEXT_LENGTH || /[\u0000-\u001f\u007f]/.test(audience)) {
    throw new ServerError(
      'CONFIG_INVALID',
      `JOT_AUDIENCE must be at most ${MAX_TEXT_LENGTH} characters without control characters.`,
    )
  }
  return audience
}
