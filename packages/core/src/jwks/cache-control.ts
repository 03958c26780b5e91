/** How long a fetched JWK Set stays fresh: the cache limit, shortened by Cache-Control. */

/** Bounds on the freshness of a fetched set, in milliseconds. */
export interface FreshnessLimits {
  readonly cacheMaxAgeMs: number
  readonly cooldownMs: number
}

/**
 * Returns how long a response stays fresh. A Cache-Control `max-age` (RFC 9111 section
 * 5.2.2.1) may shorten `cacheMaxAgeMs`, never lengthen it; `no-store`, `no-cache` and an invalid
 * `max-age` count as 0. Nothing goes below `cooldownMs`, so an issuer that forbids caching
 * still gets at most one request per cooldown.
 */
export function freshnessMs(cacheControl: string | null, limits: FreshnessLimits): number {
  const maxAgeSec = readMaxAgeSec(cacheControl)
  if (maxAgeSec === undefined) return limits.cacheMaxAgeMs
  const floor = Math.min(limits.cooldownMs, limits.cacheMaxAgeMs)
  return Math.min(limits.cacheMaxAgeMs, Math.max(floor, maxAgeSec * 1000))
}

function readMaxAgeSec(cacheControl: string | null): number | undefined {
  if (cacheControl === null) return undefined
  let maxAgeSec: number | undefined
  for (const directive of cacheControl.split(',')) {
    const separator = directive.indexOf('=')
    const name = (separator === -1 ? directive : directive.slice(0, separator)).trim()
    const lowerName = name.toLowerCase()
    // RFC 9111 section 4.2.1: the most restrictive of conflicting directives wins, and a cache
    // uses the first of repeated ones.
    if (lowerName === 'no-store' || lowerName === 'no-cache') return 0
    if (lowerName !== 'max-age' || maxAgeSec !== undefined) continue
    // Recipients accept the quoted form of an argument too (RFC 9111 section 5.2), and treat
    // invalid freshness information as stale (section 4.2.1).
    const value = separator === -1 ? '' : directive.slice(separator + 1).trim()
    const unquoted = /^"(.*)"$/.exec(value)?.[1] ?? value
    maxAgeSec = /^\d+$/.test(unquoted) ? Number(unquoted) : 0
  }
  return maxAgeSec
}
