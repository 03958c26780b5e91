/** Access tokens in the JWT profile of RFC 9068: issuing and verifying. */
import { randomBytes } from 'node:crypto'
import { createSigner, createVerifier } from '@jot/core'
import type { JwsHeader, JwtClaims } from '@jot/core'
import type { ServerConfig } from './config.js'
import type { SigningKeySet } from './keys/key-set.js'
import type { User } from './users.js'

/** RFC 9068 section 2.1: the media type of JWT access tokens, as header `typ`. */
export const ACCESS_TOKEN_TYP = 'at+jwt'

/**
 * Whom a token is about: a user (password and refresh_token grants) or the client itself
 * (client_credentials grant).
 */
export type TokenSubject =
  { readonly kind: 'user'; readonly user: User } | { readonly kind: 'client' }

/** The subject, scopes and client of one access token. */
export interface AccessTokenGrant {
  readonly subject: TokenSubject
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

/**
 * Prepares a signer for each key in `keys` once. Each token is signed by the key that is active
 * at the time of issue, and gets a random `jti` and the claims of RFC 9068 section 2.2.
 */
export function createAccessTokenIssuer(
  keys: SigningKeySet,
  settings: TokenSettings,
  now: () => number,
): AccessTokenIssuer {
  const signers = new Map<string, (claims: JwtClaims) => string>()
  return function issueAccessToken(grant) {
    const key = keys.signerAt(now())
    let sign = signers.get(key.kid)
    if (sign === undefined) {
      sign = createSigner(key.privateKey, {
        issuer: settings.issuer,
        audience: settings.audience,
        expiresInSec: settings.accessTokenTtlSec,
        typ: ACCESS_TOKEN_TYP,
        kid: key.kid,
        now,
      })
      signers.set(key.kid, sign)
    }
    return sign(claimsOf(grant))
  }
}

function claimsOf(grant: AccessTokenGrant): JwtClaims {
  const scope = grant.scopes.length === 0 ? {} : { scope: grant.scopes.join(' ') }
  const jti = randomBytes(16).toString('base64url')
  // RFC 9068 section 2.2: without a resource owner, `sub` identifies the client.
  if (grant.subject.kind === 'client') {
    return { sub: grant.clientId, jti, client_id: grant.clientId, ...scope }
  }
  const { user } = grant.subject
  return {
    sub: user.id,
    jti,
    client_id: grant.clientId,
    ...scope,
    roles: user.roles,
    username: user.username,
  }
}

/**
 * Prepares verifiers for the service's own access tokens: the keys published at the time of
 * the check, this issuer and audience, `typ` at+jwt, and the claims RFC 9068 section 2.2
 * requires. A verifier is built once per set of published keys.
 */
export function createAccessTokenVerifier(
  keys: SigningKeySet,
  settings: TokenSettings,
  now: () => number,
): AccessTokenVerifier {
  let cached: { kids: string; verify: AccessTokenVerifier } | undefined
  return function verifyAccessToken(token) {
    const published = keys.publishedAt(now())
    const kids = published.map((key) => key.kid).join(' ')
    if (cached?.kids !== kids) {
      const verify = createVerifier(
        published.map((key) => key.publicKey),
        {
          algorithms: [...new Set(published.map((key) => key.alg))],
          issuer: settings.issuer,
          audience: settings.audience,
          typ: ACCESS_TOKEN_TYP,
          requiredClaims: ['exp', 'iat', 'sub', 'jti', 'client_id'],
          now,
        },
      )
      cached = { kids, verify }
    }
    return cached.verify(token)
  }
}
