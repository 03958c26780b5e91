/** ServerError and the closed list of its stable codes: the service's failures outside tokens. */

/**
 * Every code a ServerError can carry. Codes are public API: never renamed or reused.
 *
 * Configuration and startup:
 * - `CONFIG_INVALID`: an environment variable contains a value of the wrong form or range.
 * - `STORE_UNSUPPORTED`: no longer raised; it marked PostgreSQL URLs before PostgreSQL support.
 * - `STORE_INVALID`: the database has a schema this version does not know, or corrupt rows.
 * - `STORE_UNAVAILABLE`: PostgreSQL or Redis cannot be reached or dropped the connection, or
 *   a SQLite database stays locked by another connection past the busy timeout. The service
 *   responds with 503 and tries again on the next request.
 * - `MASTER_KEY_MISMATCH`: a stored signing key does not decrypt under the master key.
 *
 * Users:
 * - `USERNAME_INVALID`: a username is empty, too long or uses characters outside the allowed set.
 * - `USERNAME_TAKEN`: another user already has the username (compared case-insensitively).
 * - `PASSWORD_INVALID`: a password is shorter than 8 or longer than 1024 characters.
 * - `ROLES_INVALID`, `SCOPES_INVALID`: a role or scope is not a valid scope token.
 *
 * OAuth clients:
 * - `CLIENT_ID_INVALID`: a client id is empty, too long, uses characters outside the allowed
 *   set, or is the reserved `jot`.
 * - `CLIENT_ID_TAKEN`: another client already has the id.
 * - `GRANT_TYPES_INVALID`: a client's grant types are empty or name an unsupported grant.
 *
 * Caller mistakes:
 * - `OPTION_INVALID`: an options object holds a value of the wrong type or range.
 */
export type ServerErrorCode =
  | 'CONFIG_INVALID'
  | 'STORE_UNSUPPORTED'
  | 'STORE_INVALID'
  | 'STORE_UNAVAILABLE'
  | 'MASTER_KEY_MISMATCH'
  | 'USERNAME_INVALID'
  | 'USERNAME_TAKEN'
  | 'PASSWORD_INVALID'
  | 'ROLES_INVALID'
  | 'SCOPES_INVALID'
  | 'CLIENT_ID_INVALID'
  | 'CLIENT_ID_TAKEN'
  | 'GRANT_TYPES_INVALID'
  | 'OPTION_INVALID'

/** The error type of @jot/server for everything but token verification. Switch on `code`. */
export class ServerError extends Error {
  override readonly name = 'ServerError'
  readonly code: ServerErrorCode

  constructor(code: ServerErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
  }
}

/** Tells whether a value is a ServerError, optionally with the given code. */
export function isServerError(value: unknown, code?: ServerErrorCode): value is ServerError {
  return value instanceof ServerError && (code === undefined || value.code === code)
}
