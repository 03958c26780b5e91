/** The HTTP side of rejected requests: one table from JotError codes to status and error. */
import type { JotError, JotErrorCode } from '@jot/core'
import { formatBearerChallenge } from './challenge.js'
import type { AuthErrorCode, AuthFailure } from './types.js'

interface FailureEntry {
  readonly status: 401 | 500 | 503
  readonly error: Extract<
    AuthErrorCode,
    'invalid_token' | 'server_error' | 'temporarily_unavailable'
  >
  readonly description: string
}

const MALFORMED: FailureEntry = {
  status: 401,
  error: 'invalid_token',
  description: 'The access token is malformed.',
}
const ALGORITHM: FailureEntry = {
  status: 401,
  error: 'invalid_token',
  description: 'The access token algorithm is not accepted.',
}
// A key or option the server was given is wrong: the client cannot fix that.
const SERVER: FailureEntry = {
  status: 500,
  error: 'server_error',
  description: 'The server failed to verify the access token.',
}
// The issuer's JWK Set could not be fetched or read, so a retry may succeed.
const KEYS_UNAVAILABLE: FailureEntry = {
  status: 503,
  error: 'temporarily_unavailable',
  description: 'The keys that verify access tokens are unavailable; retry later.',
}

/**
 * Status, error and description for every JotError code. The Record type makes a new code
 * a compile error until it is mapped here. Descriptions are fixed sentences, so nothing from
 * the token reaches the response, and they avoid `"` and `\` (RFC 6750 section 3).
 */
export const FAILURES_BY_CODE: Readonly<Record<JotErrorCode, FailureEntry>> = {
  TOKEN_MALFORMED: MALFORMED,
  INPUT_TOO_LARGE: MALFORMED,
  ALG_NOT_ALLOWED: ALGORITHM,
  ALG_UNSUPPORTED: ALGORITHM,
  CRIT_UNSUPPORTED: {
    status: 401,
    error: 'invalid_token',
    description: 'The access token has an unsupported critical header parameter.',
  },
  NO_MATCHING_KEY: {
    status: 401,
    error: 'invalid_token',
    description: 'The access token was signed with an unknown key.',
  },
  SIGNATURE_INVALID: {
    status: 401,
    error: 'invalid_token',
    description: 'The access token signature is invalid.',
  },
  // NOTE: createJwtAuth verifies signed tokens only (no JWE), so this entry is unused for now.
  DECRYPTION_FAILED: {
    status: 401,
    error: 'invalid_token',
    description: 'The access token is invalid.',
  },
  TOKEN_EXPIRED: {
    status: 401,
    error: 'invalid_token',
    description: 'The access token has expired.',
  },
  TOKEN_NOT_YET_VALID: {
    status: 401,
    error: 'invalid_token',
    description: 'The access token is not valid yet.',
  },
  TOKEN_TOO_OLD: {
    status: 401,
    error: 'invalid_token',
    description: 'The access token is too old.',
  },
  CLAIM_INVALID: {
    status: 401,
    error: 'invalid_token',
    description: 'The access token has a missing or invalid claim.',
  },
  TYP_MISMATCH: {
    status: 401,
    error: 'invalid_token',
    description: 'The access token type is not accepted.',
  },
  KEY_INVALID: SERVER,
  KEY_UNSUPPORTED: SERVER,
  OPTION_INVALID: SERVER,
  ARGUMENT_INVALID: SERVER,
  JWKS_FETCH_FAILED: KEYS_UNAVAILABLE,
  JWKS_INVALID: KEYS_UNAVAILABLE,
}

// A remote key set retries a failed fetch after its cooldown, 30 seconds by default; an
// earlier retry gets the same failure.
const UNAVAILABLE_HEADERS: Readonly<Record<string, string>> = { 'retry-after': '30' }

/** Returns the failure for a token that verification rejected. */
export function failureForError(error: JotError, realm: string): AuthFailure {
  const entry = FAILURES_BY_CODE[error.code]
  // RFC 6750 section 3 requires a challenge when the token does not grant access; a server
  // fault is not the client's credentials, so it gets none.
  const headers =
    entry.status === 401
      ? challengeHeader({ realm, error: entry.error, errorDescription: entry.description })
      : entry.status === 503
        ? UNAVAILABLE_HEADERS
        : {}
  return buildFailure(entry.status, entry.error, entry.description, headers, error)
}

/** Returns the 401 for a request without a token. */
export function missingTokenFailure(realm: string): AuthFailure {
  // RFC 6750 section 3.1: a request without authentication gets no error code in the challenge.
  return buildFailure(
    401,
    'unauthorized',
    'A bearer access token is required.',
    challengeHeader({ realm }),
  )
}

/** Returns the 400 for a request whose token is sent in a malformed or ambiguous way. */
export function invalidRequestFailure(realm: string, description: string): AuthFailure {
  return buildFailure(
    400,
    'invalid_request',
    description,
    challengeHeader({ realm, error: 'invalid_request', errorDescription: description }),
  )
}

/** Returns the 403 for a token that lacks one of the required scopes. */
export function insufficientScopeFailure(realm: string, scopes: readonly string[]): AuthFailure {
  const description = 'The access token lacks a required scope.'
  return buildFailure(
    403,
    'insufficient_scope',
    description,
    challengeHeader({
      realm,
      error: 'insufficient_scope',
      errorDescription: description,
      scope: scopes.join(' '),
    }),
  )
}

/**
 * Returns the 403 for a token without any of the accepted roles. Roles are not an RFC 6750
 * concept and another token from the same user would not help, so there is no challenge.
 */
export function missingRoleFailure(): AuthFailure {
  return buildFailure(403, 'access_denied', 'The access token lacks a required role.', {})
}

function challengeHeader(params: Parameters<typeof formatBearerChallenge>[0]): {
  'www-authenticate': string
} {
  return { 'www-authenticate': formatBearerChallenge(params) }
}

function buildFailure(
  status: AuthFailure['status'],
  error: AuthErrorCode,
  description: string,
  headers: Readonly<Record<string, string>>,
  cause?: JotError,
): AuthFailure {
  return {
    status,
    error,
    description,
    headers,
    body: { error, error_description: description },
    cause,
  }
}
