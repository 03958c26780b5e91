/** Remembers order ids until their tokens expire, so that one process accepts each order once. */

/** A set of order ids (`jti`) seen before. */
export interface ReplayGuard {
  /**
   * Records `jti` until `forgetAfter` (seconds since the epoch). Returns false when the id is
   * already recorded, which means the same order was presented before.
   */
  markSeen(jti: string, forgetAfter: number, now: number): boolean
}

/**
 * Creates a guard that keeps ids in memory. An id may be forgotten once its token has
 * expired (including any clock tolerance), because from then on the expiry check rejects the
 * token before the guard is asked.
 * NOTE: memory of one process only. Several instances of the payment service need a shared
 * store with expiring keys, such as Redis `SET jti 1 NX EXAT forgetAfter`.
 */
export function createReplayGuard(): ReplayGuard {
  const seen = new Map<string, number>()
  return {
    markSeen(jti, forgetAfter, now) {
      for (const [id, until] of seen) {
        if (until <= now) seen.delete(id)
      }
      if (seen.has(jti)) return false
      seen.set(jti, forgetAfter)
      return true
    },
  }
}
