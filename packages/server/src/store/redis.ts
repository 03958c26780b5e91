/** Redis (ioredis) for state that instances share and that expires by itself. */
import { Redis } from 'ioredis'
import type { RedisConfig } from '../config.js'
import { newRevocationVersion } from './revocation-version.js'
import { storeUnavailable } from './unavailable.js'
import type { RateLimitCounter, RevocationList, WindowCount } from './store.js'

/** The revocation list and the rate-limit counters in Redis; the caller closes it. */
export interface RedisState extends RevocationList, RateLimitCounter {
  close(): Promise<void>
}

/** Options of openRedis. */
export interface RedisStateOptions {
  /** Receives connection errors, which ioredis reports while it reconnects. Default: ignored. */
  readonly onBackgroundError?: (error: Error) => void
}

// Commands fail fast while Redis is away instead of queueing, so a request gets its 503 at
// once; ioredis keeps reconnecting in the background.
const TIMEOUT_MS = 5_000
const VERSION_KEY = 'revocations:version'

/**
 * Connects to Redis. Keys are `<prefix>revoked:<jti>` (expiring with the token),
 * `<prefix>revocations:version` (the revocation list's version, never expiring) and
 * `<prefix>rate:<key>:<window start>` (expiring with the window). Expiry is set as a duration
 * from the service's clock, never as a Redis timestamp, so both clocks need not agree.
 * @throws ServerError `STORE_UNAVAILABLE` when Redis cannot be reached.
 */
export async function openRedis(
  config: RedisConfig,
  options: RedisStateOptions = {},
): Promise<RedisState> {
  const redis = new Redis(config.url, {
    keyPrefix: config.keyPrefix,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: TIMEOUT_MS,
    commandTimeout: TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  })
  // Without a listener, ioredis's error events would crash the process.
  redis.on('error', options.onBackgroundError ?? ignore)
  try {
    await redis.connect()
  } catch (error) {
    redis.disconnect()
    throw storeUnavailable('Redis', error)
  }
  return new RedisBackend(redis)
}

class RedisBackend implements RedisState {
  readonly #redis: Redis

  constructor(redis: Redis) {
    this.#redis = redis
  }

  async revokeAccessToken(jti: string, expiresAt: number, now: number): Promise<void> {
    // An expired token is refused anyway, so it needs no entry.
    if (expiresAt <= now) return
    // MULTI applies both commands at once, so no reader sees the new version without the entry.
    const results = await run(() =>
      this.#redis
        .multi()
        .set(`revoked:${jti}`, '1', 'EX', expiresAt - now)
        .set(VERSION_KEY, newRevocationVersion())
        .exec(),
    )
    throwFirstError(results)
  }

  async isAccessTokenRevoked(jti: string): Promise<boolean> {
    return (await run(() => this.#redis.exists(`revoked:${jti}`))) === 1
  }

  async readRevocationVersion(): Promise<string> {
    // A missing key (a new or flushed Redis) reads as '', which no revocation writes.
    return (await run(() => this.#redis.get(VERSION_KEY))) ?? ''
  }

  async increment(key: string, windowSec: number, now: number): Promise<WindowCount> {
    const { name, resetAt } = windowKey(key, windowSec, now)
    const results = await run(() =>
      this.#redis
        .multi()
        .incr(name)
        .expire(name, Math.max(1, resetAt - now))
        .exec(),
    )
    const [incrError, count] = results?.[0] ?? [new Error('The Redis transaction was aborted.')]
    if (incrError !== null) throw storeUnavailable('Redis', incrError)
    return { count: Number(count), resetAt }
  }

  async read(key: string, windowSec: number, now: number): Promise<WindowCount> {
    const { name, resetAt } = windowKey(key, windowSec, now)
    const value = await run(() => this.#redis.get(name))
    return { count: value === null ? 0 : Number(value), resetAt }
  }

  async close(): Promise<void> {
    await this.#redis.quit().catch(() => {
      // quit fails when the connection is down; disconnect then stops the reconnect loop.
      this.#redis.disconnect()
    })
  }
}

// exec() returns null for an aborted transaction, else an error or a reply per command.
function throwFirstError(results: [Error | null, unknown][] | null): void {
  const failed =
    results === null
      ? new Error('The Redis transaction was aborted.')
      : results.find(([error]) => error !== null)?.[0]
  if (failed !== undefined && failed !== null) throw storeUnavailable('Redis', failed)
}

function windowKey(key: string, windowSec: number, now: number) {
  const start = Math.floor(now / windowSec) * windowSec
  return { name: `rate:${key}:${start}`, resetAt: start + windowSec }
}

async function run<T>(command: () => Promise<T>): Promise<T> {
  try {
    return await command()
  } catch (error) {
    // A ReplyError is Redis rejecting the command itself, which is a bug here, not an outage.
    if (error instanceof Error && error.name === 'ReplyError') throw error
    throw storeUnavailable('Redis', error)
  }
}

function ignore(): void {
  // Connection errors surface again on the next command, which reports them.
}
