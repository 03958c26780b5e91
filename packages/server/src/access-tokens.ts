/** Access tokens in the JWT profile of RFC 9068: issuing and verifying. */
import { randomBytes } from 'node:crypto'
import { createSigner, createVerifier } from '@jot/core'
import type { JwsHeader, JwtClaims } from '@jot/core'
import type { ServerConfig } from './config.js'
import type { KeyRing } from './keys/signing-keys.js'
import type { User } from './users.js'

/** RFC 9068 section 2.1: the media type of JWT access tokens, as header `typ`. */
export const ACCESS_TOKEN_TYP = 'at+jwt'

/** The user, scopes and client of one access token. */
export interface AccessTokenGrant {
  readonly user: User
  /** Granted scopes; an empty list leaves the `scope` claim out. */
  readonly scopes: readonly string[]
  readonly clientId: string
}

/** Issues a signed access token for a grant. */
export type AccessTokenIssuer = (grant: AccessTokenGrant) => string

/**
 * Verifies an access token and returns its header and claims.
 * @throws JotError with the code of the first failed check.
 */
export type AccessTokenVerifier = (token: string) => { header: JwsHeader; claims: JwtClaims }

type TokenSettings = Pick<ServerConfig, 'issuer' | 'audience' | 'accessTokenTtlSec'>

/** Prepares the signer once; each token gets a random `jti` and the claims of RFC 9068 section 2.2. */
export function createAccessTokenIssuer(
  keys: KeyRing,
  settings: TokenSettings,
  now: () => number,
): AccessTokenIssuer {
  const sign = createSigner(keys.current.privateKey, {
    issuer: settings.issuer,
    audience: settings.audience,
    expiresInSec: settings.accessTokenTtlSec,
    typ: ACCESS_TOKEN_TYP,
    kid: keys.current.kid,
    now,
  })
  return function issueAccessToken(grant) {
    return sign({
      sub: grant.user.id,
      jti: randomBytes(16).toString('base64url'),
      client_id: grant.clientId,
      ...(grant.scopes.length === 0 ? {} : { scope: grant.scopes.join(' ') }),
      roles: grant.user.roles,
      username: grant.user.username,
    })
  }
}

/**
 * Prepares a verifier for the service's own access tokens: ES256 only, this issuer and
 * audience, `typ` at+jwt, and the claims RFC 9068 section 2.2 requires.
 */
export function createAccessTokenVerifier(
  keys: KeyRing,
  settings: TokenSettings,
  now: () => number,
): AccessTokenVerifier {
  return createVerifier(
    keys.published.map((key) => key.publicKey),
    {
      algorithms: [...new Set(keys.published.map((key) => key.alg))],
      issuer: settings.issuer,
      audience: settings.audience,
      typ: ACCESS_TOKEN_TYP,
      requiredClaims: ['exp', 'iat', 'sub', 'jti', 'client_id'],
      now,
    },
  )
}
