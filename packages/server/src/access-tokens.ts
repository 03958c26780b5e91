/** Access tokens in the JWT profile of RFC 9068: issuing and verifying. */
import { randomBytes } from 'node:crypto'
import { createSigner, createVerifier } from '@jot/core'
import type { JwsHeader, JwtClaims } from '@jot/core'
import type { ServerConfig } from './config.js'
import type { SigningKeySet } from './keys/key-set.js'
import type { SigningKey } from './keys/signing-keys.js'
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
type VerifierSettings = Pick<ServerConfig, 'issuer' | 'audience' | 'accessTokenCacheEntries'>

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
 * requires. A verifier is built once per set of published keys, and the set is worked out
 * again only when the clock's second or the held keys change.
 *
 * Each verifier keeps up to `settings.accessTokenCacheEntries` verified tokens, so a token
 * presented again costs a lookup and the time checks instead of an ES256 verification. A cached
 * result cannot outlive its key. A retired key stays published until every token it signed has
 * expired (KEY_RETENTION_SEC), and any change in the published set, a key leaving or joining
 * it, builds a new verifier with an empty cache. A hit still checks `exp` against `now`, so a
 * cached token is rejected once it expires. The cache contains verifications only, because the
 * caller checks revocation on every request.
 */
export function createAccessTokenVerifier(
  keys: SigningKeySet,
  settings: VerifierSettings,
  now: () => number,
): AccessTokenVerifier {
  const cache =
    settings.accessTokenCacheEntries === 0
      ? undefined
      : { maxEntries: settings.accessTokenCacheEntries }
  let current: { kids: string; verify: AccessTokenVerifier } | undefined
  let checkedAt: { second: number; keys: readonly SigningKey[] } | undefined

  function verifierFor(second: number): AccessTokenVerifier {
    const held = keys.keys
    if (current !== undefined && checkedAt?.second === second && checkedAt.keys === held) {
      return current.verify
    }
    checkedAt = { second, keys: held }
    const published = keys.publishedAt(second)
    const kids = published.map((key) => key.kid).join(' ')
    if (current?.kids !== kids) {
      const verify = createVerifier(
        published.map((key) => key.publicKey),
        {
          algorithms: [...new Set(published.map((key) => key.alg))],
          issuer: settings.issuer,
          audience: settings.audience,
          typ: ACCESS_TOKEN_TYP,
          requiredClaims: ['exp', 'iat', 'sub', 'jti', 'client_id'],
          now,
          ...(cache === undefined ? {} : { cache }),
        },
      )
      current = { kids, verify }
    }
    return current.verify
  }

  return function verifyAccessToken(token) {
    return verifierFor(now())(token)
  }
}
