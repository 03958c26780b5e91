/** Explanations of the registered JWT claims (RFC 7519 section 4.1) for display. */
import { formatNumericDate, formatRelativeTime } from './relative-time.js'

/** One registered claim as the page shows it. */
export interface ClaimExplanation {
  readonly name: string
  readonly label: string
  /** The value as JSON text. */
  readonly value: string
  readonly description: string
  /** For `exp`, `nbf` and `iat`: the date in ISO 8601 and relative to now, or why it has none. */
  readonly time?: string
}

const REGISTERED_CLAIMS: readonly { name: string; label: string; description: string }[] = [
  { name: 'iss', label: 'Issuer', description: 'Who created and signed the token.' },
  {
    name: 'sub',
    label: 'Subject',
    description: 'Whom the token is about, usually a user or client ID, unique within the issuer.',
  },
  {
    name: 'aud',
    label: 'Audience',
    description: 'The recipients that may accept the token; any other must reject it.',
  },
  {
    name: 'exp',
    label: 'Expiration time',
    description: 'The token must not be accepted at or after this time.',
  },
  {
    name: 'nbf',
    label: 'Not before',
    description: 'The token must not be accepted before this time.',
  },
  { name: 'iat', label: 'Issued at', description: 'When the token was issued.' },
  {
    name: 'jti',
    label: 'JWT ID',
    description: 'A unique ID of the token, which lets a recipient detect a replay or revoke it.',
  },
]

const TIME_CLAIMS: ReadonlySet<string> = new Set(['exp', 'nbf', 'iat'])

/**
 * Explains each registered claim present in `claims`, in the order of RFC 7519 section 4.1.
 * `nowSec` (seconds since the epoch) is the reference for relative times.
 */
export function explainClaims(
  claims: Readonly<Record<string, unknown>>,
  nowSec: number,
): ClaimExplanation[] {
  const explanations: ClaimExplanation[] = []
  for (const claim of REGISTERED_CLAIMS) {
    if (!Object.hasOwn(claims, claim.name)) continue
    const value = claims[claim.name]
    const explanation = { ...claim, value: JSON.stringify(value) }
    explanations.push(
      TIME_CLAIMS.has(claim.name)
        ? { ...explanation, time: describeTime(value, nowSec) }
        : explanation,
    )
  }
  return explanations
}

function describeTime(value: unknown, nowSec: number): string {
  const iso = formatNumericDate(value)
  if (iso === undefined || typeof value !== 'number') {
    return 'Not a NumericDate: RFC 7519 requires a JSON number of seconds since 1970-01-01T00:00:00Z.'
  }
  return `${iso} (${formatRelativeTime(value, nowSec)})`
}
