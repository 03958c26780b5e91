/** A per-instance cache of access tokens known not to be revoked, with bounded staleness. */
import type { RevocationList } from './store/store.js'

/** Options of cacheRevocationChecks. */
export interface RevocationCacheOptions {
  /**
   * Milliseconds within which a revocation recorded by another instance takes effect here, more
   * than 0. The list's version is read again when the last read started this long ago.
   */
  readonly propagationMs: number
  /** Token ids (`jti`) remembered as not revoked, at least 1; the oldest is dropped first. */
  readonly maxEntries: number
  /** Milliseconds from a monotonic clock. Default `performance.now`. */
  readonly clockMs?: () => number
}

/**
 * Wraps a revocation list so that a token found not revoked is looked up from memory next time.
 * Each instance remembers such `jti` values together with the list's version
 * (readRevocationVersion), and reads the version again when the last read started at least
 * `propagationMs` ago. A new version drops every remembered `jti`.
 *
 * Guarantee: a revocation recorded through this object is seen by it at once, and one recorded
 * anywhere else is seen within `propagationMs` of its commit. A `jti` is remembered only after a
 * lookup that read the list after the version in force was read, and the version changes with
 * every revocation. So a remembered result can only be outdated by a revocation committed after
 * the last version read started, and that result is no longer used `propagationMs` after that
 * start. When the version cannot be read, every lookup goes to the list and fails as it does.
 */
export function cacheRevocationChecks(
  list: RevocationList,
  options: RevocationCacheOptions,
): RevocationList {
  return new CachedRevocationList(list, options)
}

class CachedRevocationList implements RevocationList {
  readonly #list: RevocationList
  readonly #propagationMs: number
  readonly #maxEntries: number
  readonly #clockMs: () => number
  readonly #notRevoked = new Set<string>()
  #version: string | undefined
  // When the read that returned #version started. Remembered results are used until
  // #confirmedAt + #propagationMs.
  #confirmedAt = Number.NEGATIVE_INFINITY
  #versionRead: Promise<void> | undefined
  // Changes whenever remembered results are dropped, so that a lookup that was under way then
  // does not add a result from before the drop.
  #generation = 0

  constructor(list: RevocationList, options: RevocationCacheOptions) {
    this.#list = list
    this.#propagationMs = options.propagationMs
    this.#maxEntries = options.maxEntries
    this.#clockMs = options.clockMs ?? (() => performance.now())
  }

  async revokeAccessToken(jti: string, expiresAt: number, now: number): Promise<void> {
    try {
      await this.#list.revokeAccessToken(jti, expiresAt, now)
    } finally {
      // Also after a failure: the revocation may have been committed before the connection
      // broke.
      this.#generation += 1
      this.#notRevoked.delete(jti)
    }
  }

  async isAccessTokenRevoked(jti: string, now: number): Promise<boolean> {
    if (!this.#isConfirmed()) await this.#confirmVersion()
    if (this.#isConfirmed() && this.#notRevoked.has(jti)) return false

    const generation = this.#generation
    const revoked = await this.#list.isAccessTokenRevoked(jti, now)
    if (!revoked && generation === this.#generation) this.#remember(jti)
    return revoked
  }

  isKnownNotRevoked(jti: string): boolean {
    return this.#isConfirmed() && this.#notRevoked.has(jti)
  }

  readRevocationVersion(): Promise<string> {
    return this.#list.readRevocationVersion()
  }

  #isConfirmed(): boolean {
    return this.#clockMs() - this.#confirmedAt < this.#propagationMs
  }

  // Concurrent requests share one read of the version.
  #confirmVersion(): Promise<void> {
    this.#versionRead ??= this.#readVersion().finally(() => {
      this.#versionRead = undefined
    })
    return this.#versionRead
  }

  async #readVersion(): Promise<void> {
    const startedAt = this.#clockMs()
    const version = await this.#list.readRevocationVersion()
    if (version !== this.#version) {
      this.#generation += 1
      this.#notRevoked.clear()
      this.#version = version
    }
    this.#confirmedAt = startedAt
  }

  #remember(jti: string): void {
    if (this.#notRevoked.size >= this.#maxEntries) {
      // A Set iterates in insertion order, so the first value is the oldest.
      const oldest = this.#notRevoked.values().next()
      if (oldest.done !== true) this.#notRevoked.delete(oldest.value)
    }
    this.#notRevoked.add(jti)
  }
}
