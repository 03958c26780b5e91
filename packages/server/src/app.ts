/** createApp: assembles the token service from a configuration. */
import Fastify from 'fastify'
import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import { createAccessTokenIssuer, createAccessTokenVerifier } from './access-tokens.js'
import type { ServerConfig } from './config.js'
import { handleError, handleNotFound, MAX_BODY_BYTES } from './http/error-handler.js'
import { createClientErrorHandler } from './http/client-error.js'
import { registerFormParser } from './http/form-body.js'
import { loadOrCreateSigningKeys } from './keys/signing-keys.js'
import { buildLoggerOptions } from './logging.js'
import type { AppLoggerOptions } from './logging.js'
import { createPasswordChecker } from './passwords.js'
import type { ScryptCost } from './passwords.js'
import { registerHealthRoute } from './routes/health.js'
import { registerJwksRoute } from './routes/jwks.js'
import { registerMeRoute } from './routes/me.js'
import { registerTokenRoute } from './routes/token.js'
import { openStore } from './store/index.js'
import type { Store } from './store/store.js'

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
}

/**
 * Creates the token service: opens the store, loads or creates the signing key and registers
 * the routes. The caller starts it with `app.listen()` and stops it with `app.close()`.
 * @throws ServerError `MASTER_KEY_MISMATCH` when the stored signing key does not decrypt, and
 *   the codes of openStore.
 * @example
 * const app = await createApp(loadConfig())
 * await app.listen({ port: 3000, host: '127.0.0.1' })
 */
export async function createApp(
  config: ServerConfig,
  options: CreateAppOptions = {},
): Promise<FastifyInstance> {
  const now = options.now ?? systemNow
  const store = options.store ?? (await openStore(config))
  const app: FastifyInstance = Fastify({
    logger: buildLoggerOptions(options.logger),
    bodyLimit: MAX_BODY_BYTES,
    clientErrorHandler: createClientErrorHandler(() => app.log),
  })
  if (options.store === undefined) {
    app.addHook('onClose', async function closeStore() {
      await store.close()
    })
  }

  try {
    await setUp(app, config, store, now, options.passwordCost)
  } catch (error) {
    app.log.error({ err: error }, 'startup failed')
    await app.close()
    throw error
  }
  return app
}

async function setUp(
  app: FastifyInstance,
  config: ServerConfig,
  store: Store,
  now: () => number,
  passwordCost: ScryptCost | undefined,
): Promise<void> {
  warnAboutMasterKeyFile(app.log, config)
  const keys = await loadOrCreateSigningKeys(store, config.masterKey, now)
  app.log.info(
    { kid: keys.current.kid, alg: keys.current.alg },
    keys.created ? 'signing key created' : 'signing key loaded',
  )
  const checkPassword = await createPasswordChecker(
    passwordCost === undefined ? {} : { cost: passwordCost },
  )

  // Routes take forms and JSON only. Without the built-in text/plain parser, a text body gets
  // 415 like any other unsupported type instead of reaching a route as a string.
  app.removeContentTypeParser('text/plain')
  registerFormParser(app)
  app.setErrorHandler(handleError)
  app.setNotFoundHandler(handleNotFound)

  registerTokenRoute(app, {
    store,
    checkPassword,
    issueAccessToken: createAccessTokenIssuer(keys, config, now),
    expiresInSec: config.accessTokenTtlSec,
  })
  registerMeRoute(app, createAccessTokenVerifier(keys, config, now))
  registerJwksRoute(app, keys)
  registerHealthRoute(app)
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

function systemNow(): number {
  return Math.floor(Date.now() / 1000)
}
