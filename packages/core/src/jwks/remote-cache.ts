/** The state behind a remote key set: the cached keys, one request at a time, and the cooldown. */
import { JotError, isJotError } from '../errors.js'
import type { JwsHeader } from '../jws/header.js'
import type { JotKey } from '../keys/key.js'
import { freshnessMs } from './cache-control.js'
import { fetchJwks } from './fetch-jwks.js'
import type { FetchJwksSettings } from './fetch-jwks.js'
import { buildKeyIndex } from './key-index.js'
import type { KeyIndex, SkippedKey } from './key-index.js'
import type { PreparedKeySetOptions } from './options.js'
import { checkSnapshot } from './snapshot.js'
import type { RemoteKeySetSnapshot } from './snapshot.js'

/** Everything a remote key set was configured with, checked. */
export interface RemoteSettings extends FetchJwksSettings {
  readonly keySet: PreparedKeySetOptions
  readonly cacheMaxAgeMs: number
  readonly cooldownMs: number
  readonly onError: ((error: JotError) => void) | undefined
  readonly nowMs: () => number
}

interface CachedSet {
  readonly index: KeyIndex
  readonly keys: readonly unknown[]
  readonly fetchedAtMs: number
  readonly maxAgeMs: number
}

/**
 * Holds the keys of the last good fetch. Requests never overlap: callers that need one while
 * it runs wait for it. An unknown `kid` or stale keys start a request only once `cooldownMs`
 * has passed since the previous one started, so a flood of tokens with made-up `kid` values
 * cannot turn into one request each. No timer outlives a request.
 */
export class RemoteKeyCache {
  private current: CachedSet | undefined
  private lastAttemptMs: number | undefined
  private lastError: JotError | undefined
  private inFlight: Promise<JotError | undefined> | undefined

  constructor(private readonly settings: RemoteSettings) {}

  get keys(): readonly JotKey[] {
    return this.current?.index.keys ?? []
  }

  get skipped(): readonly SkippedKey[] {
    return this.current?.index.skipped ?? []
  }

  /**
   * Returns the keys for a token header, fetching first when the cache is empty or stale, and
   * again (after the cooldown) when the header names a `kid` the set does not have.
   * @throws JotError `JWKS_FETCH_FAILED` or `JWKS_INVALID` while no fetch has succeeded yet.
   */
  async resolve(header: JwsHeader): Promise<readonly JotKey[]> {
    const now = this.now()
    if (this.current === undefined || this.isStale(this.current, now)) await this.refresh(now)
    const current = this.current
    if (current === undefined) throw this.coldFailure()

    const found = current.index.lookup(header)
    if (found.length > 0 || header.kid === undefined || current.index.hasKid(header.kid)) {
      return found
    }
    // An unknown kid may mean the issuer has rotated its keys.
    await this.refresh(now)
    return (this.current ?? current).index.lookup(header)
  }

  /**
   * Fetches now, whatever the cooldown, or waits for the request already running.
   * @throws JotError `JWKS_FETCH_FAILED` or `JWKS_INVALID`.
   */
  async reload(): Promise<void> {
    const failure = await (this.inFlight ?? this.start(this.now(), false))
    if (failure !== undefined) throw failure
  }

  exportSnapshot(): RemoteKeySetSnapshot | undefined {
    const current = this.current
    if (current === undefined) return undefined
    return {
      version: 1,
      url: this.settings.url.href,
      fetchedAtMs: current.fetchedAtMs,
      maxAgeMs: current.maxAgeMs,
      jwks: { keys: structuredClone(current.keys) },
    }
  }

  /** @throws JotError `JWKS_INVALID`. */
  async importSnapshot(snapshot: unknown): Promise<void> {
    const { url, cacheMaxAgeMs, keySet } = this.settings
    const checked = checkSnapshot(snapshot, url.href, Math.floor(this.now()), cacheMaxAgeMs)
    const index = await buildKeyIndex(checked.keys, keySet)
    this.current = { ...checked, index }
    this.lastError = undefined
  }

  private isStale(current: CachedSet, now: number): boolean {
    return now - current.fetchedAtMs >= current.maxAgeMs
  }

  private async refresh(now: number): Promise<void> {
    if (this.inFlight === undefined) {
      const last = this.lastAttemptMs
      if (last !== undefined && now - last < this.settings.cooldownMs) return
      void this.start(now, true)
    }
    await this.inFlight
  }

  private start(now: number, reportFailure: boolean): Promise<JotError | undefined> {
    this.lastAttemptMs = now
    const attempt = this.fetchAndStore(reportFailure).finally(() => {
      if (this.inFlight === attempt) this.inFlight = undefined
    })
    this.inFlight = attempt
    return attempt
  }

  // Settles with the failure rather than rejecting, so that every waiting caller decides
  // for itself whether stale keys will do.
  private async fetchAndStore(reportFailure: boolean): Promise<JotError | undefined> {
    try {
      const { keys, cacheControl } = await fetchJwks(this.settings)
      const index = await buildKeyIndex(keys, this.settings.keySet)
      const maxAgeMs = freshnessMs(cacheControl, this.settings)
      // Snapshots store whole milliseconds, so an injected clock's fractions are dropped.
      this.current = { index, keys, fetchedAtMs: Math.floor(this.now()), maxAgeMs }
      this.lastError = undefined
      return undefined
    } catch (error) {
      const failure = isJotError(error)
        ? error
        : new JotError('JWKS_FETCH_FAILED', 'The JWKS request failed.', {
            cause: error,
            details: { reason: 'network' },
          })
      this.lastError = failure
      if (reportFailure && this.current !== undefined) this.report(failure)
      return failure
    }
  }

  // The hook is for logging; a hook that throws or rejects must not fail the verification
  // that stale keys are about to serve.
  private report(failure: JotError): void {
    try {
      const returned: unknown = this.settings.onError?.(failure)
      if (returned instanceof Promise) returned.catch(() => undefined)
    } catch {
      // Ignored, as explained above.
    }
  }

  private coldFailure(): JotError {
    return (
      this.lastError ??
      new JotError('JWKS_FETCH_FAILED', 'The JWKS has not been fetched yet.', {
        details: { reason: 'network' },
      })
    )
  }

  private now(): number {
    const now = this.settings.nowMs()
    if (typeof now === 'number' && Number.isFinite(now)) return now
    throw new JotError(
      'OPTION_INVALID',
      'The "nowMs" function of remoteKeySet must return a finite number of milliseconds.',
    )
  }
}
