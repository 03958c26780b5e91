/** The optional verified-token cache of createVerifier: a bounded, approximately LRU map from token to result. */
import { JotError } from '../errors.js'
import type { VerifiedTokenCacheOptions } from './types.js'

/**
 * Checks the `cache` option of createVerifier and returns its entry limit, or undefined when
 * caching is off.
 * @throws JotError `OPTION_INVALID`.
 */
export function cacheMaxEntries(value: VerifiedTokenCacheOptions | undefined): number | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new JotError(
      'OPTION_INVALID',
      'The "cache" option must be an object such as { maxEntries: 1000 }.',
    )
  }
  for (const name in value) {
    if (name !== 'maxEntries') {
      throw new JotError(
        'OPTION_INVALID',
        `The "cache" option has no member "${name.slice(0, 40)}".`,
      )
    }
  }
  const maxEntries: unknown = value.maxEntries
  if (typeof maxEntries !== 'number' || !Number.isSafeInteger(maxEntries) || maxEntries < 1) {
    throw new JotError(
      'OPTION_INVALID',
      'The "cache.maxEntries" option must be a positive whole number.',
    )
  }
  return maxEntries
}

/**
 * Verified results by token string, at most `maxEntries` of them, dropping roughly the least
 * recently used first. The token string itself is the key. A hash would save memory per entry
 * but costs a digest on every call, which is most of what a hit saves for HMAC, and a string
 * key cannot collide with another token. Memory is therefore bounded by `maxEntries` times the longest accepted
 * token (`maxTokenLength`) plus its claims.
 *
 * NOTE: recency is approximate. A hit moves its entry to the most recent place only when at
 * least half of `maxEntries` insertions came after it, so a hit entry is kept for at least
 * that many further insertions rather than `maxEntries - 1`. A hit on a recent entry then
 * costs one Map lookup instead of a lookup, a delete and an insert.
 */
export class VerifiedTokenCache<R> {
  readonly #entries = new Map<string, { readonly result: R; stamp: number }>()
  readonly #maxEntries: number
  readonly #refreshAge: number
  // Counts insertions, including moves to the most recent place; an entry's stamp is the
  // count when it was last inserted.
  #insertions = 0

  constructor(maxEntries: number) {
    this.#maxEntries = maxEntries
    this.#refreshAge = Math.floor(maxEntries / 2)
  }

  get(token: string): R | undefined {
    const entry = this.#entries.get(token)
    if (entry === undefined) return undefined
    if (this.#insertions - entry.stamp >= this.#refreshAge) {
      // Reinserting moves the entry to the end of the Map's order, the most recently used place.
      this.#entries.delete(token)
      entry.stamp = this.#insertions++
      this.#entries.set(token, entry)
    }
    return entry.result
  }

  set(token: string, result: R): void {
    if (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next()
      if (oldest.done !== true) this.#entries.delete(oldest.value)
    }
    this.#entries.set(token, { result, stamp: this.#insertions++ })
  }

  delete(token: string): void {
    this.#entries.delete(token)
  }
}
