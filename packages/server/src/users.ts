/** User accounts: validation and creation, shared by the service and the `jot user add` command. */
import { randomUUID } from 'node:crypto'
import { ServerError } from './errors.js'
import { hashPassword } from './passwords.js'
import { checkScopeTokens } from './scopes.js'
import type { ScryptCost } from './passwords.js'
import type { Store, UserRecord } from './store/store.js'

/** Fields of a new account for `addUser`. */
export interface AddUserInput {
  /** 1 to 64 characters from `A-Z a-z 0-9 . _ - @ +`; unique without regard to ASCII case. */
  readonly username: string
  /** 8 to 1024 characters. */
  readonly password: string
  /** Role names, each a scope token (RFC 6749 section 3.3). Default none. */
  readonly roles?: readonly string[]
  /** Scopes the user may be granted, each a scope token. Default none. */
  readonly scopes?: readonly string[]
}

/** Options for `addUser`. */
export interface AddUserOptions {
  /** Current time in seconds since the Unix epoch. Default the system clock. */
  readonly now?: () => number
  /** scrypt cost for the password hash. Default DEFAULT_SCRYPT_COST. */
  readonly passwordCost?: ScryptCost
}

/** A user as the service shows it: everything but the password hash. */
export type User = Omit<UserRecord, 'passwordHash'>

const USERNAME = /^[A-Za-z0-9._@+-]{1,64}$/
const MIN_PASSWORD_LENGTH = 8
const MAX_PASSWORD_LENGTH = 1024

/**
 * Creates a user with a random UUID as id and a hashed password. Duplicate roles and scopes
 * are dropped.
 * @throws ServerError `USERNAME_INVALID`, `PASSWORD_INVALID`, `ROLES_INVALID`, `SCOPES_INVALID`
 *   or `USERNAME_TAKEN`.
 * @example
 * await addUser(store, { username: 'alice', password: 'correct horse', scopes: ['read'] })
 */
export async function addUser(
  store: Store,
  input: AddUserInput,
  options: AddUserOptions = {},
): Promise<User> {
  const username = checkUsername(input.username)
  const password = checkPassword(input.password)
  const roles = checkScopeTokens(input.roles ?? [], 'roles', 'ROLES_INVALID')
  const scopes = checkScopeTokens(input.scopes ?? [], 'scopes', 'SCOPES_INVALID')
  const createdAt = (options.now ?? systemNow)()

  const passwordHash = await hashPassword(
    password,
    options.passwordCost === undefined ? {} : { cost: options.passwordCost },
  )
  const user: UserRecord = { id: randomUUID(), username, passwordHash, roles, scopes, createdAt }
  await store.insertUser(user)
  return { id: user.id, username, roles, scopes, createdAt }
}

/** Returns a stored user without the password hash. */
export function toPublicUser(record: UserRecord): User {
  return {
    id: record.id,
    username: record.username,
    roles: record.roles,
    scopes: record.scopes,
    createdAt: record.createdAt,
  }
}

function checkUsername(username: unknown): string {
  if (typeof username !== 'string' || !USERNAME.test(username)) {
    throw new ServerError(
      'USERNAME_INVALID',
      'A username must be 1 to 64 characters from letters, digits and . _ - @ +.',
    )
  }
  return username
}

function checkPassword(password: unknown): string {
  // eslint-disable-next-line @typescript-eslint/no-misused-spread -- NIST SP 800-63B section 5.1.1.2 counts each code point as one character
  const length = typeof password === 'string' ? [...password].length : 0
  if (typeof password !== 'string' || length < MIN_PASSWORD_LENGTH) {
    throw new ServerError(
      'PASSWORD_INVALID',
      `A password must have at least ${MIN_PASSWORD_LENGTH} characters.`,
    )
  }
  if (length > MAX_PASSWORD_LENGTH) {
    throw new ServerError(
      'PASSWORD_INVALID',
      `A password must have at most ${MAX_PASSWORD_LENGTH} characters.`,
    )
  }
  return password
}

function systemNow(): number {
  return Math.floor(Date.now() / 1000)
}
