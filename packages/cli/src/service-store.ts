/** Opening the token service's store for the operator commands, configured as the service is. */
import type * as Server from '@jot/server'
import type { ServerConfig, Store } from '@jot/server'
import type { Io } from './io.js'

/** The @jot/server module, loaded on demand. */
export type ServerModule = typeof Server

/**
 * The master key check a command needs. `check` fails unless every stored signing key decrypts
 * under the key, `prepare` also saves a generated master.key for a store without keys, and
 * `none` skips the check.
 */
export type MasterKeyUse = 'check' | 'prepare' | 'none'

/** The store, the configuration and the server module that a command receives. */
export interface ServiceContext {
  readonly store: Store
  readonly config: ServerConfig
  readonly server: ServerModule
}

/**
 * Loads the service configuration from the environment (JOT_DATABASE_URL, JOT_MASTER_KEY, ...),
 * opens the store, checks the master key as `masterKey` requests, runs `use`, and closes the
 * store.
 * @throws ServerError `CONFIG_INVALID`, `STORE_INVALID`, `STORE_UNAVAILABLE`,
 *   `MASTER_KEY_MISMATCH`, and whatever `use` throws.
 */
export async function withServiceStore<T>(
  io: Io,
  masterKey: MasterKeyUse,
  use: (context: ServiceContext) => Promise<T>,
): Promise<T> {
  // Loaded here so that the other commands do not pay for Fastify and SQLite at startup.
  const server = await import('@jot/server')
  const config = server.loadConfig(io.env)
  const store = await server.openStore(config)
  try {
    if (masterKey === 'check') await config.masterKey.checkStore(store)
    if (masterKey === 'prepare') await config.masterKey.prepare(store)
    return await use({ store, config, server })
  } finally {
    await store.close()
  }
}
