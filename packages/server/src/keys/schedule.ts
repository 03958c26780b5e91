/** The signing-key schedule: which stored key signs, which are published, when to rotate. */
import { MAX_ACCESS_TOKEN_TTL_SEC } from '../config.js'
import type { SigningKeyRecord } from '../store/store.js'

/**
 * Seconds a key stays published after its successor starts signing: the longest access token
 * lifetime the configuration allows, plus 5 minutes for clocks of instances that differ. Every
 * token the key signed has expired by then, whatever JOT_ACCESS_TOKEN_TTL_SEC was.
 */
export const KEY_RETENTION_SEC = MAX_ACCESS_TOKEN_TTL_SEC + 300

/**
 * Where a key is in its life at a given time: `pending` (published, not signing yet), `active`
 * (signing), `retired` (published for the tokens it signed) or `expired` (to be deleted).
 */
export type SigningKeyState = 'pending' | 'active' | 'retired' | 'expired'

/** A stored signing key as `jot keys list` shows it: no key material. */
export interface SigningKeyInfo {
  readonly kid: string
  readonly alg: string
  readonly generation: number
  readonly state: SigningKeyState
  /** When the key was created and first published, in Unix seconds. */
  readonly createdAt: number
  /** When the key starts (or started) signing. */
  readonly activatesAt: number
  /** When the next key takes over signing, or null while there is none. */
  readonly retiresAt: number | null
  /** When the key leaves the JWKS and the store, or null while it has no successor. */
  readonly expiresAt: number | null
}

/** Describes stored keys (in generation order) as they stand at `now`. */
export function describeKeys(records: readonly SigningKeyRecord[], now: number): SigningKeyInfo[] {
  return records.map((record, index) => {
    const retiresAt = records[index + 1]?.activatesAt ?? null
    const expiresAt = retiresAt === null ? null : retiresAt + KEY_RETENTION_SEC
    return {
      kid: record.kid,
      alg: record.alg,
      generation: record.generation,
      state: stateAt(record.activatesAt, retiresAt, expiresAt, now),
      createdAt: record.createdAt,
      activatesAt: record.activatesAt,
      retiresAt,
      expiresAt,
    }
  })
}

function stateAt(
  activatesAt: number,
  retiresAt: number | null,
  expiresAt: number | null,
  now: number,
): SigningKeyState {
  if (activatesAt > now) return 'pending'
  if (retiresAt === null || retiresAt > now) return 'active'
  if (expiresAt !== null && expiresAt > now) return 'retired'
  return 'expired'
}

/**
 * Picks the key that signs at `now`: the newest one whose activation time has come. When none
 * has (a clock set before the first key's creation), the oldest signs rather than none.
 */
export function pickSigningIndex(
  keys: readonly { readonly activatesAt: number }[],
  now: number,
): number {
  let index = 0
  keys.forEach((key, position) => {
    if (key.activatesAt <= now) index = position
  })
  return index
}

/**
 * Tells whether the scheduled rotation is due: the newest key signs already, and its successor
 * must be published now to be pre-published for `prepublishSec` when its interval ends.
 */
export function isRotationDue(
  newest: SigningKeyRecord,
  now: number,
  intervalSec: number,
  prepublishSec: number,
): boolean {
  return newest.activatesAt <= now && now >= newest.activatesAt + intervalSec - prepublishSec
}
