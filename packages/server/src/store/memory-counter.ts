/** Rate-limit counters in process memory, for a single instance without Redis. */
import type { RateLimitCounter, WindowCount } from './store.js'

/** A RateLimitCounter in memory that can also drop its ended windows. */
export interface MemoryCounter extends RateLimitCounter {
  /** Drops counters whose window ended at or before `now`. */
  purge(now: number): void
  /** The number of counters held. */
  readonly size: number
}

/** Counters held at most; past it, the oldest are dropped to bound memory under attack. */
export const MAX_MEMORY_COUNTERS = 100_000

/** Creates counters that live as long as the process; each instance counts on its own. */
export function createMemoryCounter(maxCounters = MAX_MEMORY_COUNTERS): MemoryCounter {
  const counters = new Map<string, WindowCount>()

  function current(key: string, windowSec: number, now: number): WindowCount {
    const resetAt = (Math.floor(now / windowSec) + 1) * windowSec
    const entry = counters.get(key)
    return entry !== undefined && entry.resetAt === resetAt ? entry : { count: 0, resetAt }
  }

  return {
    increment(key, windowSec, now) {
      const { count, resetAt } = current(key, windowSec, now)
      const updated = { count: count + 1, resetAt }
      // Deleting first moves the key to the end of the Map's order, so the oldest go first.
      counters.delete(key)
      counters.set(key, updated)
      if (counters.size > maxCounters) dropOldest(counters, now, maxCounters)
      return Promise.resolve(updated)
    },
    read(key, windowSec, now) {
      return Promise.resolve(current(key, windowSec, now))
    },
    purge(now) {
      for (const [key, entry] of counters) if (entry.resetAt <= now) counters.delete(key)
    },
    get size() {
      return counters.size
    },
  }
}

function dropOldest(counters: Map<string, WindowCount>, now: number, maxCounters: number): void {
  for (const [key, entry] of counters) if (entry.resetAt <= now) counters.delete(key)
  for (const key of counters.keys()) {
    if (counters.size <= maxCounters) return
    counters.delete(key)
  }
}
