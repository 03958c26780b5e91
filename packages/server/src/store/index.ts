/** Opens the store a configuration names. */
import type { DatabaseConfig } from '../config.js'
import { openPostgresStore } from './postgres.js'
import { openSqliteStore } from './sqlite.js'
import type { Store } from './store.js'

/** Options of openStore. */
export interface OpenStoreOptions {
  /** Receives errors of idle PostgreSQL connections, which no caller waits for. Default: ignored. */
  readonly onBackgroundError?: (error: Error) => void
}

/**
 * Opens the store named by `config.database`, creating the database schema if needed. The
 * caller closes it with `store.close()`.
 * @throws ServerError `STORE_INVALID` when the database cannot be opened or has an unknown
 *   schema, `STORE_UNAVAILABLE` when PostgreSQL cannot be reached.
 * @example
 * const store = await openStore(loadConfig())
 */
export function openStore(
  config: {
    readonly database: DatabaseConfig
    readonly databasePoolSize?: number
    readonly databaseBusyTimeoutMs?: number
  },
  options: OpenStoreOptions = {},
): Promise<Store> {
  // A switch keeps the compiler checking that every kind of DatabaseConfig is handled.
  switch (config.database.kind) {
    case 'sqlite':
      return openSqliteStore(config.database.path, config.databaseBusyTimeoutMs)
    case 'postgres':
      return openPostgresStore(config.database.url, {
        ...(config.databasePoolSize === undefined ? {} : { poolSize: config.databasePoolSize }),
        ...(options.onBackgroundError === undefined
          ? {}
          : { onBackgroundError: options.onBackgroundError }),
      })
  }
}
