/** Times as people read them: ISO 8601 dates, durations and "in 5 minutes" / "2 hours ago". */

const UNITS: readonly { name: string; seconds: number }[] = [
  { name: 'year', seconds: 365 * 86_400 },
  { name: 'day', seconds: 86_400 },
  { name: 'hour', seconds: 3_600 },
  { name: 'minute', seconds: 60 },
  { name: 'second', seconds: 1 },
]

// Date accepts times up to 8.64e15 ms either side of 1970; beyond that it is an invalid date.
const MAX_DATE_SEC = 8.64e12

/**
 * Formats a length of time in its largest whole unit, rounded down: 300 gives "5 minutes",
 * 5400 gives "1 hour". Years count 365 days. Below one second it gives "0 seconds".
 */
export function formatDuration(seconds: number): string {
  const length = Math.abs(seconds)
  const unit = UNITS.find((candidate) => length >= candidate.seconds) ?? {
    name: 'second',
    seconds: 1,
  }
  const count = Math.floor(length / unit.seconds)
  return `${count} ${unit.name}${count === 1 ? '' : 's'}`
}

/**
 * Formats the time from `nowSec` to `thenSec` (seconds since the epoch): "in 5 minutes",
 * "2 hours ago", or "now" when they are less than a second apart.
 */
export function formatRelativeTime(thenSec: number, nowSec: number): string {
  const delta = thenSec - nowSec
  if (Math.abs(delta) < 1) return 'now'
  return delta > 0 ? `in ${formatDuration(delta)}` : `${formatDuration(delta)} ago`
}

/**
 * Formats a NumericDate (RFC 7519 section 2) as ISO 8601 in UTC, without milliseconds when they
 * are zero. Returns undefined for values that are not finite numbers within Date's range.
 */
export function formatNumericDate(seconds: unknown): string | undefined {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return undefined
  if (Math.abs(seconds) > MAX_DATE_SEC) return undefined
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z')
}
