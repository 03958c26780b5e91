/**
 * Chaining of backend results, which are plain values on the Node.js backend and promises on
 * Web Crypto. A value goes straight to the next step, so the Node.js path never waits on a
 * microtask or allocates a promise.
 */
import type { Awaitable } from '../keys/key-backend.js'

export type { Awaitable }

/** Calls `next` with a value at once, or with a promise's value once it fulfils. */
export function andThen<T, U>(value: Awaitable<T>, next: (value: T) => Awaitable<U>): Awaitable<U> {
  return value instanceof Promise ? value.then(next) : next(value)
}

/**
 * Maps items to awaitable results, returning the plain array when no result is a promise. When
 * `map` throws for a later item, the promises made so far are marked handled first, so their
 * own rejections never surface as unhandled.
 */
export function mapAll<T, U>(
  items: readonly T[],
  map: (item: T, index: number) => Awaitable<U>,
): Awaitable<U[]> {
  const results: Awaitable<U>[] = []
  let pending = false
  try {
    for (let index = 0; index < items.length; index++) {
      const result = map(items[index] as T, index)
      pending ||= result instanceof Promise
      results.push(result)
    }
  } catch (error) {
    for (const result of results) if (result instanceof Promise) void result.catch(ignore)
    throw error
  }
  // Sound: with no promise among them, every result is a U.
  return pending ? Promise.all(results) : (results as U[])
}

function ignore(): undefined {
  return undefined
}
