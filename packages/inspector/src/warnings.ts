/** Warnings about risky headers, claims and secrets, shown beside the decoded token. */
import { formatDuration } from './relative-time.js'
import { weakSecretReasons } from './weak-secrets.js'
import type { WeakSecretReason } from './weak-secrets.js'

/** Stable codes of the inspector's warnings. */
export type WarningCode =
  | 'ALG_NONE'
  | 'EMBEDDED_KEY'
  | 'CRIT_PRESENT'
  | 'HMAC_WITH_PUBLIC_KEY_ISSUER'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_NOT_YET_VALID'
  | 'ISSUED_IN_FUTURE'
  | 'EXP_MISSING'
  | 'LIFETIME_LONG'
  | 'SECRET_WEAK'

/** One warning: a stable code and a sentence for people. */
export interface InspectorWarning {
  readonly code: WarningCode
  readonly message: string
}

type JsonObject = Readonly<Record<string, unknown>>

/**
 * Lifetimes above this many seconds (24 hours) get LIFETIME_LONG. It matches the longest
 * access-token lifetime the token service accepts. A bearer token that lives for days is worth
 * a second look, because anyone who copies it can use it until it expires.
 */
export const MAX_LIFETIME_SEC = 86_400

// Header parameters that carry or point to a key (RFC 7515 sections 4.1.2 to 4.1.6). A
// verifier that trusts them lets the token choose its own key (CVE-2018-0114).
const KEY_PARAMETERS: readonly string[] = ['jwk', 'jku', 'x5u', 'x5c']

// A base64url SHA-256 JWK thumbprint (RFC 7638) is 43 characters, the kid a JWKS often uses.
const THUMBPRINT_KID = /^[A-Za-z0-9_-]{43}$/

/** Lists the warnings that a JWS or JWE protected header alone gives. */
export function headerWarnings(header: JsonObject): InspectorWarning[] {
  const warnings: InspectorWarning[] = []
  if (header['alg'] === 'none') {
    warnings.push({
      code: 'ALG_NONE',
      message:
        'alg is "none": the token is unsecured, so anyone can forge it. Verifiers must reject it, and jot always does.',
    })
  }
  const embedded = KEY_PARAMETERS.filter((name) => Object.hasOwn(header, name))
  if (embedded.length > 0) {
    warnings.push({
      code: 'EMBEDDED_KEY',
      message: `The header carries key parameters (${embedded.join(', ')}). Whoever made the token chose them, so they are never trusted: this page ignores them, and a verifier must use keys it already knows.`,
    })
  }
  if (Object.hasOwn(header, 'crit')) {
    warnings.push({
      code: 'CRIT_PRESENT',
      message: `The header lists critical extensions (crit: ${JSON.stringify(header['crit'])}). A verifier that does not process every one of them must reject the token (RFC 7515 section 4.1.11).`,
    })
  }
  return warnings
}

/**
 * Warns when an HMAC-signed token (HS256, HS384, HS512) looks as if its issuer signs with a
 * public-key pair. Verifiers that take `alg` from the token then verify with the issuer's public
 * key as the HMAC secret, which anyone can do (algorithm confusion, CVE-2015-9235). The signs
 * counted: an `iss` that is an https URL, a `jku`, `x5u`, `x5c` or `jwk` header parameter, or a
 * `kid` that is an https URL or has the shape of an RFC 7638 SHA-256 thumbprint (43 base64url
 * characters). A plain `kid` alone does not count, since HMAC keys have IDs too.
 */
export function hmacIssuerWarnings(
  header: JsonObject,
  claims: JsonObject | undefined,
): InspectorWarning[] {
  const alg = header['alg']
  if (typeof alg !== 'string' || !/^HS\d+$/.test(alg)) return []
  const signs: string[] = []
  if (isHttpsUrl(claims?.['iss'])) signs.push('iss is an https URL')
  const keyParameters = KEY_PARAMETERS.filter((name) => Object.hasOwn(header, name))
  if (keyParameters.length > 0) signs.push(`the header has ${keyParameters.join(', ')}`)
  const kid = header['kid']
  if (isHttpsUrl(kid)) signs.push('kid is an https URL')
  else if (typeof kid === 'string' && THUMBPRINT_KID.test(kid)) {
    signs.push('kid looks like a JWK thumbprint')
  }
  if (signs.length === 0) return []
  return [
    {
      code: 'HMAC_WITH_PUBLIC_KEY_ISSUER',
      message: `The token uses ${alg}, a shared-secret algorithm, but ${signs.join(' and ')}, which suggests an issuer that signs with a key pair and publishes a JWKS. A verifier that takes alg from the token could be tricked into using a public key as the HMAC secret; pin the algorithm to the key.`,
    },
  ]
}

/** Lists the warnings about `exp`, `nbf` and `iat` at `nowSec` (seconds since the epoch). */
export function claimWarnings(claims: JsonObject, nowSec: number): InspectorWarning[] {
  const warnings: InspectorWarning[] = []
  const exp = numberClaim(claims, 'exp')
  const nbf = numberClaim(claims, 'nbf')
  const iat = numberClaim(claims, 'iat')
  if (exp === undefined) {
    warnings.push({
      code: 'EXP_MISSING',
      message:
        'The token has no numeric exp claim, so it never expires: a copy stays usable until its key is retired.',
    })
  } else if (exp <= nowSec) {
    warnings.push({
      code: 'TOKEN_EXPIRED',
      message: `The token expired ${formatDuration(nowSec - exp)} ago.`,
    })
  }
  if (nbf !== undefined && nbf > nowSec) {
    warnings.push({
      code: 'TOKEN_NOT_YET_VALID',
      message: `The token is not valid yet: nbf is ${formatDuration(nbf - nowSec)} from now.`,
    })
  }
  if (iat !== undefined && iat > nowSec) {
    warnings.push({
      code: 'ISSUED_IN_FUTURE',
      message: `iat lies ${formatDuration(iat - nowSec)} in the future; jot rejects such tokens as not yet valid.`,
    })
  }
  const lifetime = lifetimeWarning(exp, nbf ?? iat, nowSec)
  if (lifetime !== undefined) warnings.push(lifetime)
  return warnings
}

// The lifetime runs from nbf (or iat) to exp. Without either start claim only the time left
// from now is known, and that is what gets measured.
function lifetimeWarning(
  exp: number | undefined,
  start: number | undefined,
  nowSec: number,
): InspectorWarning | undefined {
  if (exp === undefined) return undefined
  const length = exp - (start ?? nowSec)
  if (length <= MAX_LIFETIME_SEC) return undefined
  const measured = start === undefined ? 'from now until exp' : 'from issue until exp'
  return {
    code: 'LIFETIME_LONG',
    message: `The token is valid for ${formatDuration(length)} (${measured}), more than 24 hours; a stolen copy stays usable that long.`,
  }
}

const REASON_TEXT: Readonly<Record<WeakSecretReason, string>> = {
  short: 'is shorter than the hash output',
  common: 'is a well-known default value',
  'word-like': 'contains only lowercase letters and word separators, like a word or phrase',
  repeated: 'repeats one short chunk',
}

/**
 * Warns about a weak HMAC secret typed as text. `minBytes` is the algorithm's hash output in
 * bytes; see weakSecretReasons for the rules.
 */
export function secretWarnings(secret: string, alg: string, minBytes: number): InspectorWarning[] {
  const reasons = weakSecretReasons(secret, minBytes)
  if (reasons.length === 0) return []
  const length = new TextEncoder().encode(secret).length
  const details = reasons.map((reason) => REASON_TEXT[reason]).join('; it ')
  return [
    {
      code: 'SECRET_WEAK',
      message: `The secret (${length} bytes) ${details}. Anyone who guesses an HMAC secret can forge tokens; ${alg} needs at least ${minBytes} random bytes (RFC 7518 section 3.2).`,
    },
  ]
}

function numberClaim(claims: JsonObject, name: string): number | undefined {
  const value = claims[name]
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

function isHttpsUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false
  return URL.canParse(value) && new URL(value).protocol === 'https:'
}
