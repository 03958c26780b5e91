/** Rate limits on the OAuth endpoints: requests per client address, failed logins per username. */
import { createHash } from 'node:crypto'
import { HttpError } from './http/http-error.js'
import type { RateLimitCounter, WindowCount } from './store/store.js'

/** Limits from the configuration; 0 turns a limit off. */
export interface RateLimitSettings {
  readonly rateLimitWindowSec: number
  readonly rateLimitPerAddress: number
  readonly rateLimitPerUser: number
}

/** The checks the routes run; each throws HttpError 429 `slow_down` with Retry-After. */
export interface RateLimiter {
  /** Counts a request from `address`, and rejects it past the per-address limit. */
  countRequest(address: string): Promise<void>
  /** Rejects a login for `username` that has failed too often in this window. */
  checkLogin(username: string): Promise<void>
  /** Counts a failed login for `username`. */
  countFailedLogin(username: string): Promise<void>
}

/**
 * Creates the limiter. Usernames are counted whatever their case and whether or not the user
 * exists, so a 429 reveals nothing about which accounts exist. They appear in counter keys
 * only as SHA-256 hashes, because people type passwords into the username field.
 */
export function createRateLimiter(
  counter: RateLimitCounter,
  settings: RateLimitSettings,
  now: () => number,
): RateLimiter {
  const windowSec = settings.rateLimitWindowSec

  function reject(window: WindowCount, time: number): never {
    const retryAfter = Math.max(1, window.resetAt - time)
    throw new HttpError(429, 'slow_down', `Too many requests; retry after ${retryAfter} seconds.`, {
      headers: { 'retry-after': String(retryAfter) },
    })
  }

  return {
    async countRequest(address) {
      if (settings.rateLimitPerAddress === 0) return
      const time = now()
      const window = await counter.increment(`addr:${address}`, windowSec, time)
      if (window.count > settings.rateLimitPerAddress) reject(window, time)
    },
    async checkLogin(username) {
      if (settings.rateLimitPerUser === 0) return
      const time = now()
      const window = await counter.read(userKey(username), windowSec, time)
      if (window.count >= settings.rateLimitPerUser) reject(window, time)
    },
    async countFailedLogin(username) {
      if (settings.rateLimitPerUser === 0) return
      await counter.increment(userKey(username), windowSec, now())
    },
  }
}

/** Creates an onRequest hook that counts the request against its address's rate limit. */
export function limitByAddress(limiter: RateLimiter) {
  return async function countRequest(request: { readonly ip: string }): Promise<void> {
    await limiter.countRequest(request.ip)
  }
}

function userKey(username: string): string {
  const folded = username.replace(/[A-Z]/g, (letter) => letter.toLowerCase())
  return `user:${createHash('sha256').update(folded, 'utf8').digest('base64url')}`
}
