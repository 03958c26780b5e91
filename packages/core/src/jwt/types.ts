/** Types shared by the JWT functions. */
import type { JwsAlgorithm } from '../jwa/jws-algorithms.js'
import type { JwsHeader } from '../jws/header.js'

/** A JWT claims set (RFC 7519 section 4). Registered claims are typed; others are unknown. */
export interface JwtClaims {
  readonly iss?: string
  readonly sub?: string
  readonly aud?: string | readonly string[]
  readonly exp?: number
  readonly nbf?: number
  readonly iat?: number
  readonly jti?: string
  readonly [claim: string]: unknown
}

/** A clock: seconds since the epoch, or a function returning them. */
export type Clock = number | (() => number)

/** Options for checking claims, shared by every JWT verifier. */
export interface VerifyClaimsOptions {
  /** Accepted `iss` values. When set, `iss` is required. */
  readonly issuer?: string | readonly string[] | undefined
  /** Accepted `aud` values; the token must name at least one. When set, `aud` is required. */
  readonly audience?: string | readonly string[] | undefined
  /** Expected `sub`. When set, `sub` is required. */
  readonly subject?: string | undefined
  /**
   * Expected header `typ`, compared case-insensitively with any `application/` prefix
   * removed (RFC 7515 section 4.1.9). When set, `typ` is required.
   */
  readonly typ?: string | undefined
  /** Seconds of clock skew allowed for `exp`, `nbf` and `iat`. Default 0; at most 86400. */
  readonly clockToleranceSec?: number | undefined
  /** Maximum age in seconds measured from `iat`. When set, `iat` is required. */
  readonly maxAgeSec?: number | undefined
  /** Claims that must be present, whatever their value. */
  readonly requiredClaims?: readonly string[] | undefined
  /** The current time. Default: the system clock. */
  readonly now?: Clock | undefined
}

/** Options for verifying a signed JWT. */
export interface VerifyJwtOptions extends VerifyClaimsOptions {
  /** Accepted algorithms; default: the algorithm each key is bound to. `none` is never accepted. */
  readonly algorithms?: readonly JwsAlgorithm[] | undefined
  /** Extension header parameters the caller processes, which `crit` may list. Default none. */
  readonly crit?: readonly string[] | undefined
  /** Maximum token length in characters. Default 16384. */
  readonly maxTokenLength?: number | undefined
  /** Maximum number of keys tried when several could have signed the token. Default 3. */
  readonly maxKeyCandidates?: number | undefined
}

/** Settings of createVerifier's verified-token cache. */
export interface VerifiedTokenCacheOptions {
  /**
   * Maximum number of tokens kept, at least 1. The least recently used is dropped first, by an
   * approximate recency that keeps a hit token for at least `maxEntries / 2` further additions.
   */
  readonly maxEntries: number
}

/** Options for createVerifier: those of verifyJwt, and an optional verified-token cache. */
export interface CreateVerifierOptions extends VerifyJwtOptions {
  /**
   * Keeps the results of successful verifications, so a token seen again is checked only
   * against the clock (`exp`, `nbf`, `maxAgeSec`, with `clockToleranceSec`). Results are then
   * deeply frozen and the same object is returned for every hit. Failures are never cached.
   * Default: no cache.
   */
  readonly cache?: VerifiedTokenCacheOptions | undefined
}

/** A verified JWT. */
export interface VerifyJwtResult<C extends JwtClaims = JwtClaims> {
  readonly header: JwsHeader
  readonly claims: C
}

/** Options for signing a JWT. Each option sets a claim the claims object must not also set. */
export interface SignJwtOptions {
  /** Lifetime in seconds: sets `exp` to the current time plus this. */
  readonly expiresInSec?: number | undefined
  /** Sets `nbf` to the current time plus this many seconds (0 for now). */
  readonly notBeforeSec?: number | undefined
  /** Sets `iat` to the current time. Default true. */
  readonly issuedAt?: boolean | undefined
  readonly issuer?: string | undefined
  readonly audience?: string | readonly string[] | undefined
  readonly subject?: string | undefined
  readonly jwtId?: string | undefined
  /** Header `typ`. Default "JWT"; RFC 9068 access tokens use "at+jwt". */
  readonly typ?: string | undefined
  /** Header `kid`. Default: the key's `kid`. */
  readonly kid?: string | undefined
  /** Other protected header parameters; `alg` comes from the key. */
  readonly header?: Readonly<Record<string, unknown>> | undefined
  /** The current time. Default: the system clock. */
  readonly now?: Clock | undefined
}
