/** Opens the store a configuration names. */
import type { DatabaseConfig } from '../config.js'
import { openSqliteStore } from './sqlite.js'
import type { Store } from './store.js'

/**
 * Opens the store named by `config.database`, creating the database and its schema if needed.
 * The caller closes it with `store.close()`.
 * @throws ServerError `STORE_INVALID` when the database cannot be opened or has an unknown schema.
 * @example
 * const store = await openStore(loadConfig())
 */
export function openStore(config: { readonly database: DatabaseConfig }): Promise<Store> {
  // A switch keeps the compiler checking that every kind of DatabaseConfig is handled.
  switch (config.database.kind) {
    case 'sqlite':
      return openSqliteStore(config.database.path)
  }
}
