/** The plain-JSON form of a remote key set's cache, and the checks it passes on import. */
import { JotError } from '../errors.js'
import { describeType, isPlainObject, ownMember } from '../keys/options.js'
import { readKeysArray } from './key-index.js'

/**
 * A remote key set's cache as plain JSON, for storing between runs such as serverless cold
 * starts. It contains the JWK Set as the issuer served it.
 */
export interface RemoteKeySetSnapshot {
  /** Format version; 1 for now. */
  readonly version: 1
  /** The key set's URL, so a snapshot is never imported into a set for another issuer. */
  readonly url: string
  /** When the JWK Set was fetched, in milliseconds since the epoch. */
  readonly fetchedAtMs: number
  /** How long the JWK Set stays fresh after `fetchedAtMs`, in milliseconds. */
  readonly maxAgeMs: number
  /** The fetched JWK Set: its `keys` array as the issuer served it. */
  readonly jwks: { readonly keys: readonly unknown[] }
}

/** A snapshot's content after the checks, with its times brought within the current limits. */
export interface CheckedSnapshot {
  readonly keys: readonly unknown[]
  readonly fetchedAtMs: number
  readonly maxAgeMs: number
}

/**
 * Checks a snapshot before its keys are imported. A fetch time in the future (a clock ahead
 * on the machine that exported it) counts as now, and the lifetime never exceeds
 * `cacheMaxAgeMs`, so no snapshot keeps keys fresh longer than a fetch would.
 * @throws JotError `JWKS_INVALID`.
 */
export function checkSnapshot(
  snapshot: unknown,
  url: string,
  nowMs: number,
  cacheMaxAgeMs: number,
): CheckedSnapshot {
  if (!isPlainObject(snapshot)) {
    throw invalid(`must be an object, not ${describeType(snapshot)}`)
  }
  if (ownMember(snapshot, 'version') !== 1)
    throw invalid('has an unsupported "version"; expected 1')
  if (ownMember(snapshot, 'url') !== url) {
    throw invalid('was exported from a key set with another URL')
  }
  const fetchedAtMs = ownMember(snapshot, 'fetchedAtMs')
  if (typeof fetchedAtMs !== 'number' || !Number.isSafeInteger(fetchedAtMs) || fetchedAtMs < 0) {
    throw invalid('needs "fetchedAtMs", a whole number of milliseconds since the epoch')
  }
  const maxAgeMs = ownMember(snapshot, 'maxAgeMs')
  if (typeof maxAgeMs !== 'number' || !Number.isSafeInteger(maxAgeMs) || maxAgeMs < 1) {
    throw invalid('needs "maxAgeMs", a positive whole number of milliseconds')
  }
  return {
    keys: copyJson(readKeysArray(ownMember(snapshot, 'jwks'), 'key set snapshot\'s "jwks"')),
    fetchedAtMs: Math.min(fetchedAtMs, nowMs),
    maxAgeMs: Math.min(maxAgeMs, cacheMaxAgeMs),
  }
}

// A copy keeps later changes to the caller's object out of the cache, and makes sure that what
// exportCache returns again is plain JSON.
function copyJson(keys: readonly unknown[]): readonly unknown[] {
  try {
    return JSON.parse(JSON.stringify(keys)) as unknown[]
  } catch (cause) {
    throw new JotError('JWKS_INVALID', 'The key set snapshot is not plain JSON.', { cause })
  }
}

function invalid(problem: string): JotError {
  return new JotError('JWKS_INVALID', `The key set snapshot ${problem}.`)
}
