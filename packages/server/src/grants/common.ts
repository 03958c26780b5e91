/** Shared parts of the grants of POST /token: dependencies, client checks and the response. */
import type { AccessTokenIssuer } from '../access-tokens.js'
import type { AuthenticatedClient } from '../clients.js'
import { invalidClient } from '../http/client-auth.js'
import { HttpError } from '../http/http-error.js'
import type { PasswordChecker } from '../passwords.js'
import type { RateLimiter } from '../rate-limit.js'
import type { RefreshTokenSettings } from '../refresh-tokens.js'
import { grantScopes, intersectScopes } from '../scopes.js'
import type { GrantType, Store } from '../store/store.js'

/** Dependencies of the grants. */
export interface GrantContext {
  readonly store: Store
  readonly checkPassword: PasswordChecker
  readonly issueAccessToken: AccessTokenIssuer
  readonly limiter: RateLimiter
  readonly settings: RefreshTokenSettings & { readonly accessTokenTtlSec: number }
  /** Current time in seconds since the Unix epoch. */
  readonly now: () => number
}

/** The successful response of RFC 6749 section 5.1. */
export interface TokenResponse {
  readonly access_token: string
  readonly token_type: 'Bearer'
  readonly expires_in: number
  readonly refresh_token?: string
  readonly scope?: string
}

/**
 * Checks that the client may use a grant. A public client (one that names an unregistered id)
 * may use the password and refresh_token grants; client_credentials needs a registered client.
 * @throws HttpError 401 `invalid_client` or 400 `unauthorized_client`.
 */
export function assertGrantAllowed(client: AuthenticatedClient, grant: GrantType): void {
  if (client.record === undefined) {
    if (grant === 'client_credentials') throw invalidClient()
    return
  }
  if (!client.record.grantTypes.includes(grant)) {
    throw new HttpError(
      400,
      'unauthorized_client',
      `The client is not allowed to use the ${grant} grant.`,
    )
  }
}

/** Tells whether the client may receive refresh tokens. */
export function mayRefresh(client: AuthenticatedClient): boolean {
  return client.record === undefined || client.record.grantTypes.includes('refresh_token')
}

/**
 * Narrows the requested scopes to those allowed, and to the registered client's scopes.
 * @throws HttpError 400 `invalid_scope` when scopes were requested and none remains.
 */
export function narrowScopes(
  requested: readonly string[] | undefined,
  allowed: readonly string[],
  client: AuthenticatedClient,
): string[] {
  const permitted =
    client.record === undefined ? allowed : intersectScopes(allowed, client.record.scopes)
  const scopes = grantScopes(requested, permitted)
  if (requested !== undefined && scopes.length === 0) {
    throw new HttpError(400, 'invalid_scope', 'None of the requested scopes can be granted.')
  }
  return scopes
}

/** Builds the token response; the `scope` member is left out when no scope is granted. */
export function tokenResponse(
  accessToken: string,
  expiresInSec: number,
  scopes: readonly string[],
  refreshToken?: string,
): TokenResponse {
  return {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: expiresInSec,
    ...(refreshToken === undefined ? {} : { refresh_token: refreshToken }),
    ...(scopes.length === 0 ? {} : { scope: scopes.join(' ') }),
  }
}
