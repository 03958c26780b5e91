/** Warnings about risky token contents for `jot decode`, and readable forms of its times. */

/** A finding about an unverified token, with a stable code. */
export interface TokenWarning {
  readonly code: TokenWarningCode
  readonly message: string
}

/**
 * Codes of decode warnings; like error codes, they are never renamed or reused.
 * - `ALG_NONE`: the header `alg` is `none`, so the token is unsecured.
 * - `EXP_MISSING`: there is no `exp`, so the token never expires.
 * - `TIME_CLAIM_INVALID`: `exp`, `nbf` or `iat` is not a number of seconds.
 * - `TOKEN_EXPIRED`: `exp` is at or before the current time.
 * - `TOKEN_NOT_YET_VALID`: `nbf` is after the current time.
 * - `LIFETIME_LONG`: more than 24 hours lie between `iat` (else `nbf`, else now) and `exp`.
 * - `HMAC_WITH_HTTPS_ISSUER`: an HS* token from an https issuer, whose verifiers share the
 *   signing secret and can therefore mint tokens too.
 */
export type TokenWarningCode =
  | 'ALG_NONE'
  | 'EXP_MISSING'
  | 'TIME_CLAIM_INVALID'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_NOT_YET_VALID'
  | 'LIFETIME_LONG'
  | 'HMAC_WITH_HTTPS_ISSUER'

/** The registered claims that hold times, in seconds since the Unix epoch (RFC 7519). */
export const TIME_CLAIMS = ['iat', 'nbf', 'exp'] as const

const MAX_LIFETIME_SEC = 24 * 3600
// The range of a JavaScript Date: 100 million days either side of the epoch.
const MAX_DATE_SEC = 8.64e12

/**
 * Lists the warnings for a decoded token, in a fixed order.
 * @param now the current time in seconds since the Unix epoch.
 */
export function findTokenWarnings(
  header: Readonly<Record<string, unknown>>,
  claims: Readonly<Record<string, unknown>>,
  now: number,
): TokenWarning[] {
  const warnings: TokenWarning[] = []
  const alg = header['alg']
  if (alg === 'none') {
    warnings.push({
      code: 'ALG_NONE',
      message: 'The header alg is "none": the token is unsecured, and verifiers must reject it.',
    })
  }
  for (const name of TIME_CLAIMS) {
    const value = claims[name]
    if (value !== undefined && !isTime(value)) {
      warnings.push({
        code: 'TIME_CLAIM_INVALID',
        message: `The ${name} claim is not a number of seconds since the Unix epoch.`,
      })
    }
  }
  warnings.push(...findLifetimeWarnings(claims, now))
  const iss = claims['iss']
  if (
    typeof alg === 'string' &&
    alg.startsWith('HS') &&
    typeof iss === 'string' &&
    iss.startsWith('https://')
  ) {
    warnings.push({
      code: 'HMAC_WITH_HTTPS_ISSUER',
      message:
        `The token uses ${alg}, an HMAC algorithm, but its issuer "${iss.slice(0, 64)}" is an ` +
        'https URL. Every verifier that holds the shared secret can also create tokens; public ' +
        'issuers usually sign with an asymmetric algorithm such as RS256, ES256 or EdDSA.',
    })
  }
  return warnings
}

function findLifetimeWarnings(
  claims: Readonly<Record<string, unknown>>,
  now: number,
): TokenWarning[] {
  const warnings: TokenWarning[] = []
  const { exp, nbf, iat } = claims
  if (exp === undefined) {
    warnings.push({
      code: 'EXP_MISSING',
      message: 'The token has no exp claim, so it never expires.',
    })
  }
  if (isTime(exp) && exp <= now) {
    warnings.push({
      code: 'TOKEN_EXPIRED',
      message: `The token expired at ${formatInstant(exp)} (${formatRelative(exp - now)}).`,
    })
  }
  if (isTime(nbf) && nbf > now) {
    warnings.push({
      code: 'TOKEN_NOT_YET_VALID',
      message: `The token is not valid before ${formatInstant(nbf)} (${formatRelative(nbf - now)}).`,
    })
  }
  if (isTime(exp)) {
    const [startName, start] = isTime(iat)
      ? ['iat', iat]
      : isTime(nbf)
        ? ['nbf', nbf]
        : ['now', now]
    if (exp - start > MAX_LIFETIME_SEC) {
      warnings.push({
        code: 'LIFETIME_LONG',
        message:
          `The token is valid for ${formatDuration(exp - start)} from ${startName} to exp, ` +
          'more than 24 hours, and a leaked token stays usable that long.',
      })
    }
  }
  return warnings
}

/** Tells whether a claim value is a usable time: a finite number within the Date range. */
export function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_DATE_SEC
}

/** Formats seconds since the Unix epoch as an ISO 8601 UTC time, without zero milliseconds. */
export function formatInstant(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z')
}

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['day', 86_400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
]
const RELATIVE = new Intl.RelativeTimeFormat('en', { numeric: 'always' })

/**
 * Formats an offset from now in the largest whole unit, rounded toward zero: "in 5 minutes",
 * "2 hours ago", "now".
 */
export function formatRelative(offsetSec: number): string {
  if (Math.abs(offsetSec) < 1) return 'now'
  const [unit, size] = UNITS.find(([, unitSize]) => Math.abs(offsetSec) >= unitSize) ?? [
    'second',
    1,
  ]
  return RELATIVE.format(Math.trunc(offsetSec / size), unit)
}

/** Formats a span as "N seconds (about M hours)", or days from 72 hours on, both rounded. */
export function formatDuration(seconds: number): string {
  const hours = Math.round(seconds / 3600)
  const about = hours < 72 ? `${hours} hours` : `${Math.round(seconds / 86_400)} days`
  return `${seconds} seconds (about ${about})`
}
