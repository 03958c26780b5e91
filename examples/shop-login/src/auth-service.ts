/** The jot token service, run in-process on a throwaway SQLite file with the shop's two users. */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { addUser, createApp, loadConfig, openStore } from '@jot/server'
import type { AddUserInput, AppLoggerOptions, ScryptCost, User } from '@jot/server'

/** `iss` of the tokens. An identifier the shop API compares, not an address it connects to. */
export const ISSUER = 'https://auth.shop.example'
/** `aud` of the tokens: the shop API, which rejects tokens meant for another audience. */
export const AUDIENCE = 'https://api.shop.example'

/** A customer: reads and places orders, cannot change the catalogue. */
export const CUSTOMER: AddUserInput = {
  username: 'carol',
  password: 'carol-likes-green-tea',
  roles: ['customer'],
  scopes: ['orders:read', 'orders:write'],
}

/** A staff member: reads every order and edits products, but places no orders. */
export const STAFF: AddUserInput = {
  username: 'sam',
  password: 'sam-stocks-the-shelves',
  roles: ['staff'],
  scopes: ['orders:read', 'products:write'],
}

/** Options of startAuthService. */
export interface AuthServiceOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  readonly port: number
  /** Current time in seconds since the epoch. Default the system clock. */
  readonly now?: () => number
  /** Logger settings of the service, or false for none. Default: `info` to standard output. */
  readonly logger?: AppLoggerOptions | false
  /**
   * scrypt cost of the users' password hashes. Default the service's (N=2^17, r=8, p=1); the
   * tests lower it because every start hashes three passwords.
   */
  readonly passwordCost?: ScryptCost
}

/** A running token service. */
export interface RunningAuthService {
  /** Base URL, such as `http://127.0.0.1:3001`. */
  readonly url: string
  readonly customer: User
  readonly staff: User
  /** Stops the service and deletes its database. */
  close(): Promise<void>
}

/**
 * Starts the token service on a new SQLite file in a temporary directory and adds CUSTOMER and
 * STAFF, as `jot user add` would. Every start begins with an empty database and a new
 * signing key.
 */
export async function startAuthService(options: AuthServiceOptions): Promise<RunningAuthService> {
  const dir = mkdtempSync(join(tmpdir(), 'jot-shop-login-'))
  const removeDir = () => {
    rmSync(dir, { recursive: true, force: true })
  }
  const config = loadConfig({
    JOT_DATABASE_URL: `sqlite:${join(dir, 'jot.db')}`,
    // A new master key per start is enough, because the database it protects is deleted on
    // close. A lasting deployment sets JOT_MASTER_KEY once and keeps it with its backups.
    JOT_MASTER_KEY: randomBytes(32).toString('base64url'),
    JOT_ISSUER: ISSUER,
    JOT_AUDIENCE: AUDIENCE,
  })
  const settings = {
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.passwordCost === undefined ? {} : { passwordCost: options.passwordCost }),
  }

  const store = await openStore(config).catch((error: unknown) => {
    removeDir()
    throw error
  })
  // createApp leaves a store it is given open, so the service shares this connection and
  // close() ends both.
  const closeAll = async () => {
    await store.close()
    removeDir()
  }
  try {
    const customer = await addUser(store, CUSTOMER, settings)
    const staff = await addUser(store, STAFF, settings)
    const app = await createApp(config, { store, logger: options.logger ?? {}, ...settings })
    const url = await app
      .listen({ host: '127.0.0.1', port: options.port })
      .catch(async (error: unknown) => {
        await app.close()
        throw error
      })
    return {
      url,
      customer,
      staff,
      close: async () => {
        await app.close()
        await closeAll()
      },
    }
  } catch (error) {
    await closeAll()
    throw error
  }
}
