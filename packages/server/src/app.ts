/** createApp: assembles the token service from a configuration. */
import Fastify from 'fastify'
import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import { createAccessTokenIssuer, createAccessTokenVerifier } from './access-tokens.js'
import type { ServerConfig } from './config.js'
import { ServerError } from './errors.js'
import { createClientErrorHandler } from './http/client-error.js'
import { handleError, handleNotFound, MAX_BODY_BYTES } from './http/error-handler.js'
import { registerFormParser } from './http/form-body.js'
import { registerSecurityHeaders } from './http/security-headers.js'
import type { SigningKeySet } from './keys/key-set.js'
import { loadOrCreateSigningKeys } from './keys/rotation.js'
import { buildLoggerOptions } from './logging.js'
import type { AppLoggerOptions } from './logging.js'
import { createMaintenance } from './maintenance.js'
import type { Maintenance, MaintenanceReport } from './maintenance.js'
import { createPasswordChecker } from './passwords.js'
import type { ScryptCost } from './passwords.js'
import { createRateLimiter } from './rate-limit.js'
import { registerHealthRoute } from './routes/health.js'
import {
  defaultInspectorPagePath,
  loadInspectorPage,
  registerInspectorRoute,
} from './routes/inspector.js'
import type { InspectorPage } from './routes/inspector.js'
import { registerIntrospectRoute } from './routes/introspect.js'
import { registerJwksRoute } from './routes/jwks.js'
import { registerMeRoute } from './routes/me.js'
import { registerMetadataRoute } from './routes/metadata.js'
import { registerRevokeRoute } from './routes/revoke.js'
import { cacheRevocationChecks } from './revocation-cache.js'
import { registerTokenRoute } from './routes/token.js'
import { openStore } from './store/index.js'
import { createMemoryCounter } from './store/memory-counter.js'
import type { MemoryCounter } from './store/memory-counter.js'
import { openRedis } from './store/redis.js'
import type { RateLimitCounter, RevocationList, Store } from './store/store.js'

/** Options of createApp. */
export interface CreateAppOptions {
  /** Store to use; the caller keeps ownership. Default: opened from `config.database` and closed with the app. */
  readonly store?: Store
  /** Logger settings, or false for no logging. Default: level `info` to standard output. */
  readonly logger?: AppLoggerOptions | false
  /** Current time in seconds since the Unix epoch, for tokens and records. Default the system clock. */
  readonly now?: () => number
  /**
   * scrypt cost of the dummy hash that unknown usernames are checked against; keep it equal to
   * the cost users' passwords were hashed with. Default DEFAULT_SCRYPT_COST.
   */
  readonly passwordCost?: ScryptCost
  /**
   * Path of the built token inspector page served at `GET /`. Default: `dist/inspector.html`
   * of @jot/inspector, which `npm run build:inspector` writes. When the file is missing, the
   * service starts anyway, logs INSPECTOR_PAGE_MISSING and responds to `GET /` with 404.
   */
  readonly inspectorPage?: string
  /**
   * Milliseconds from a monotonic clock, which times JOT_REVOCATION_PROPAGATION_MS. Default
   * `performance.now`.
   */
  readonly clockMs?: () => number
}

// A client gets this long to send a whole request, which bounds slow-sending connections.
const REQUEST_TIMEOUT_MS = 30_000
// Connection errors of PostgreSQL and Redis repeat while either is away; one line a minute
// is enough to see it.
const BACKGROUND_ERROR_LOG_INTERVAL_MS = 60_000

const maintenances = new WeakMap<FastifyInstance, Maintenance>()

/**
 * Creates the token service: opens the store (and Redis when configured), loads or creates the
 * signing key, runs maintenance once and starts its timer, and registers the routes. The
 * caller starts it with `app.listen()` and stops it with `app.close()`.
 * @throws ServerError `MASTER_KEY_MISMATCH` when a stored signing key does not decrypt,
 *   `STORE_UNAVAILABLE` when PostgreSQL or Redis cannot be reached, and the codes of openStore.
 * @example
 * const app = await createApp(loadConfig())
 * await app.listen({ port: 3000, host: '127.0.0.1' })
 */
export async function createApp(
  config: ServerConfig,
  options: CreateAppOptions = {},
): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    logger: buildLoggerOptions(options.logger),
    bodyLimit: MAX_BODY_BYTES,
    requestTimeout: REQUEST_TIMEOUT_MS,
    trustProxy: config.trustProxy.length === 0 ? false : [...config.trustProxy],
    clientErrorHandler: createClientErrorHandler(() => app.log),
    // The router's own failures (a path it cannot decode) skip setErrorHandler, and Fastify's
    // default reply would echo the path in its own error shape.
    frameworkErrors: function handleFrameworkError(error, request, reply) {
      void handleError(error, request, reply)
    },
  })
  // Resources close in the reverse order of opening: the timer first, the store last.
  const closers: (() => Promise<void>)[] = []
  app.addHook('onClose', async function closeResources() {
    for (const close of closers.reverse()) await close()
  })

  try {
    await setUp(app, config, options, closers)
  } catch (error) {
    app.log.error({ err: error }, 'startup failed')
    await app.close()
    throw error
  }
  return app
}

/**
 * Runs the maintenance of an app from createApp now, as its timer does every
 * JOT_MAINTENANCE_INTERVAL_SEC: scheduled key rotation, loading keys other instances added,
 * purging expired refresh tokens, revocations and keys.
 * @throws ServerError `OPTION_INVALID` for an app that createApp did not make, and the codes of
 *   the store.
 */
export function runMaintenance(app: FastifyInstance): Promise<MaintenanceReport> {
  const maintenance = maintenances.get(app)
  if (maintenance === undefined) {
    return Promise.reject(
      new ServerError('OPTION_INVALID', 'runMaintenance needs an app made by createApp.'),
    )
  }
  return maintenance.run()
}

async function setUp(
  app: FastifyInstance,
  config: ServerConfig,
  options: CreateAppOptions,
  closers: (() => Promise<void>)[],
): Promise<void> {
  const now = options.now ?? systemNow
  warnAboutMasterKeyFile(app.log, config)
  const onBackgroundError = throttleErrors(app.log)
  let store = options.store
  if (store === undefined) {
    const opened = await openStore(config, { onBackgroundError })
    closers.push(() => opened.close())
    store = opened
  }
  const redis =
    config.redis === undefined ? undefined : await openRedis(config.redis, { onBackgroundError })
  if (redis !== undefined) closers.push(() => redis.close())
  // Without Redis, each instance counts on its own in memory.
  const memoryCounter: MemoryCounter | undefined =
    redis === undefined ? createMemoryCounter() : undefined
  const counter: RateLimitCounter = redis ?? memoryCounter ?? createMemoryCounter()
  const revocations = cacheRevocations(redis ?? store, config, options.clockMs)

  // A generated master.key is written only now, when the store is open and contains no keys
  // under another master key. This holds for every caller of createApp, not only main.ts.
  await config.masterKey.prepare(store)
  const { keys, created } = await loadOrCreateSigningKeys(store, config.masterKey, now())
  const signer = keys.signerAt(now())
  app.log.info(
    { kid: signer.kid, alg: signer.alg },
    created ? 'signing key created' : 'signing key loaded',
  )
  const maintenance = createMaintenance({
    store,
    keys,
    masterKey: config.masterKey,
    memoryCounter,
    settings: config,
    now,
    log: app.log,
  })
  closers.push(() => maintenance.stop())
  await maintenance.run()
  maintenance.start()
  maintenances.set(app, maintenance)

  const checkPassword = await createPasswordChecker(
    options.passwordCost === undefined ? {} : { cost: options.passwordCost },
  )
  const inspectorPage = await loadInspectorPage(
    options.inspectorPage ?? defaultInspectorPagePath(),
    app.log,
  )
  registerRoutes(app, config, {
    store,
    keys,
    revocations,
    counter,
    checkPassword,
    inspectorPage,
    now,
  })
}

function registerRoutes(
  app: FastifyInstance,
  config: ServerConfig,
  deps: {
    store: Store
    keys: SigningKeySet
    revocations: RevocationList
    counter: RateLimitCounter
    checkPassword: Awaited<ReturnType<typeof createPasswordChecker>>
    inspectorPage: InspectorPage | undefined
    now: () => number
  },
): void {
  const { store, keys, revocations, now } = deps
  // Routes take forms and JSON only. Without the built-in text/plain parser, a text body gets
  // 415 like any other unsupported type instead of reaching a route as a string.
  app.removeContentTypeParser('text/plain')
  registerFormParser(app)
  registerSecurityHeaders(app)
  app.setErrorHandler(handleError)
  app.setNotFoundHandler(handleNotFound)

  const limiter = createRateLimiter(deps.counter, config, now)
  const verifyAccessToken = createAccessTokenVerifier(keys, config, now)
  registerTokenRoute(app, {
    store,
    checkPassword: deps.checkPassword,
    issueAccessToken: createAccessTokenIssuer(keys, config, now),
    limiter,
    settings: config,
    now,
  })
  const tokenDeps = { store, revocations, verifyAccessToken, limiter, now }
  registerRevokeRoute(app, tokenDeps)
  registerIntrospectRoute(app, tokenDeps)
  registerMeRoute(app, { verifyAccessToken, revocations, now })
  registerJwksRoute(app, keys, now)
  registerMetadataRoute(app, config.issuer)
  registerHealthRoute(app)
  registerInspectorRoute(app, deps.inspectorPage)
}

// Without a propagation delay or a cache size, every request looks its token up in the store.
function cacheRevocations(
  list: RevocationList,
  config: ServerConfig,
  clockMs: (() => number) | undefined,
): RevocationList {
  if (config.revocationPropagationMs === 0 || config.accessTokenCacheEntries === 0) return list
  return cacheRevocationChecks(list, {
    propagationMs: config.revocationPropagationMs,
    maxEntries: config.accessTokenCacheEntries,
    ...(clockMs === undefined ? {} : { clockMs }),
  })
}

function warnAboutMasterKeyFile(log: FastifyBaseLogger, config: ServerConfig): void {
  const source = config.masterKeySource
  if (source.kind === 'env') return
  const action = source.created
    ? 'generated a master key and saved it to'
    : 'using the master key saved in'
  log.warn(
    { code: 'MASTER_KEY_FROM_FILE', path: source.path },
    `JOT_MASTER_KEY is not set; ${action} ${source.path}. Production must set JOT_MASTER_KEY.`,
  )
}

// Logs background connection errors at most once per interval, with the number skipped since.
function throttleErrors(log: FastifyBaseLogger): (error: Error) => void {
  let loggedAt = Number.NEGATIVE_INFINITY
  let suppressed = 0
  return function logBackgroundError(error) {
    const time = Date.now()
    if (time - loggedAt < BACKGROUND_ERROR_LOG_INTERVAL_MS) {
      suppressed += 1
      return
    }
    log.warn({ cause: error.message, suppressed }, 'store connection error')
    loggedAt = time
    suppressed = 0
  }
}

function systemNow(): number {
  return Math.floor(Date.now() / 1000)
}
