/** The optional verified-token cache of createVerifier: a bounded LRU map from token to result. */
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
 * Verified results by token string, at most `maxEntries` of them, dropping the least recently
 * used first. The token string itself is the key: a hash would save memory per entry but
 * costs a digest on every call, which is most of what a hit saves for HMAC, and a string key
 * can never collide. Memory is therefore bounded by `maxEntries` times the longest accepted
 * token (`maxTokenLength`) plus its claims.
 */
export class VerifiedTokenCache<R> {
  readonly #entries = new Map<string, R>()
  readonly #maxEntries: number

  constructor(maxEntries: number) {
    this.#maxEntries = maxEntries
  }

  get(token: string): R | undefined {
    const result = this.#entries.get(token)
    if (result === undefined) return undefined
    // Reinserting moves the entry to the end of the Map's order, the most recently used place.
    this.#entries.delete(token)
    this.#entries.set(token, result)
    return result
  }

  set(token: string, result: R): void {
    if (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next()
      if (oldest.done !== true) this.#entries.delete(oldest.value)
    }
    this.#entries.set(token, result)
  }

  delete(token: string): void {
    this.#entries.delete(token)
  }
}
