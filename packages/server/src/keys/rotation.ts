/** Signing-key lifecycle: the first key, scheduled and manual rotation, and listing. */
import { ServerError } from '../errors.js'
import type { MasterKey } from '../master-key.js'
import type { Store } from '../store/store.js'
import { decryptPrivateJwk } from './encryption.js'
import { SigningKeySet } from './key-set.js'
import { describeKeys, isRotationDue } from './schedule.js'
import type { SigningKeyInfo } from './schedule.js'
import { createSigningKeyRecord } from './signing-keys.js'

/** Options of rotateSigningKey. */
export interface RotateSigningKeyOptions {
  /** The master key the store's keys are encrypted with (JOT_MASTER_KEY). */
  readonly masterKey: MasterKey
  /**
   * Seconds the new key is published before it signs; at least the JWKS cache lifetime (300)
   * plus the service's maintenance interval. Default 3600.
   */
  readonly prepublishSec?: number
  /** Current time in seconds since the Unix epoch. Default the system clock. */
  readonly now?: number
}

/** Result of rotateSigningKey. */
export interface RotateSigningKeyResult {
  /** Whether this call added the key; false when a pending key existed or another won a race. */
  readonly rotated: boolean
  /** The key that signs next. */
  readonly key: SigningKeyInfo
}

const DEFAULT_PREPUBLISH_SEC = 3600
const MIN_PREPUBLISH_SEC = 300

/**
 * Loads the stored signing keys, or creates, encrypts and stores an ES256 key when there is
 * none. Of several instances starting together on one database, one creates the key and the
 * others load it.
 * @throws ServerError `MASTER_KEY_MISMATCH` when a stored key does not decrypt, `STORE_INVALID`
 *   when a stored key is corrupt. Neither case creates a new key, because that would silently
 *   invalidate every token signed before.
 */
export async function loadOrCreateSigningKeys(
  store: Store,
  masterKey: MasterKey,
  now: number,
): Promise<{ keys: SigningKeySet; created: boolean }> {
  const keys = new SigningKeySet(masterKey)
  await keys.reload(store)
  if (keys.keys.length > 0) return { keys, created: false }

  const { inserted } = await insertGeneration(store, masterKey, 1, now, now)
  await keys.reload(store)
  return { keys, created: inserted }
}

/**
 * Adds the next signing key when the scheduled rotation is due (see isRotationDue). The insert
 * is conditional on the generation number, so of several instances exactly one adds it.
 * @returns The added key, or undefined when none was due or another instance added it.
 */
export async function rotateIfDue(
  store: Store,
  options: {
    readonly masterKey: MasterKey
    readonly now: number
    readonly intervalSec: number
    readonly prepublishSec: number
  },
): Promise<SigningKeyInfo | undefined> {
  const { masterKey, now, intervalSec, prepublishSec } = options
  const newest = (await store.listSigningKeys()).at(-1)
  if (newest === undefined || !isRotationDue(newest, now, intervalSec, prepublishSec)) {
    return undefined
  }
  const activatesAt = Math.max(newest.activatesAt + intervalSec, now + prepublishSec)
  const result = await insertGeneration(store, masterKey, newest.generation + 1, now, activatesAt)
  return result.inserted ? describeKid(store, result.kid, now) : undefined
}

/**
 * Rotates the signing key now, for `jot keys rotate`: adds a key that is published at once and
 * signs after `prepublishSec`, so that verifiers caching the JWKS know it before its first token.
 * When a key is pending already, it returns that key instead of adding another. The master key
 * is checked against the stored keys first, so a wrong one never stores a key that the service
 * cannot decrypt. On an empty store, it creates the first key, which signs at once.
 * @throws ServerError `MASTER_KEY_MISMATCH`, `OPTION_INVALID` for a pre-publication time below
 *   300 seconds, and the codes of the store.
 * @example
 * const { rotated, key } = await rotateSigningKey(store, { masterKey: config.masterKey })
 */
export async function rotateSigningKey(
  store: Store,
  options: RotateSigningKeyOptions,
): Promise<RotateSigningKeyResult> {
  const now = options.now ?? Math.floor(Date.now() / 1000)
  const prepublishSec = options.prepublishSec ?? DEFAULT_PREPUBLISH_SEC
  if (!Number.isInteger(prepublishSec) || prepublishSec < MIN_PREPUBLISH_SEC) {
    throw new ServerError(
      'OPTION_INVALID',
      `prepublishSec must be a whole number of at least ${MIN_PREPUBLISH_SEC}, the JWKS cache lifetime.`,
    )
  }
  const newest = (await store.listSigningKeys()).at(-1)
  if (newest === undefined) {
    const first = await insertGeneration(store, options.masterKey, 1, now, now)
    return { rotated: first.inserted, key: await describeKid(store, first.kid, now) }
  }
  // Decrypting the newest key proves the master key; it throws MASTER_KEY_MISMATCH otherwise.
  await decryptPrivateJwk(newest.encryptedPrivateKey, options.masterKey, newest.kid)
  if (newest.activatesAt > now) {
    return { rotated: false, key: await describeKid(store, newest.kid, now) }
  }
  const next = await insertGeneration(
    store,
    options.masterKey,
    newest.generation + 1,
    now,
    now + prepublishSec,
  )
  return { rotated: next.inserted, key: await describeKid(store, next.kid, now) }
}

/**
 * Lists the stored signing keys, oldest first, with their state at `now`, for `jot keys list`.
 * No key material is returned.
 * @example
 * for (const key of await listSigningKeys(store)) console.log(key.kid, key.state)
 */
export async function listSigningKeys(
  store: Store,
  options: { readonly now?: number } = {},
): Promise<SigningKeyInfo[]> {
  const now = options.now ?? Math.floor(Date.now() / 1000)
  return describeKeys(await store.listSigningKeys(), now)
}

// Inserts a new key with the given generation, or finds the key another instance inserted
// with it first.
async function insertGeneration(
  store: Store,
  masterKey: MasterKey,
  generation: number,
  now: number,
  activatesAt: number,
): Promise<{ inserted: boolean; kid: string }> {
  const record = await createSigningKeyRecord(masterKey, {
    generation,
    createdAt: now,
    activatesAt,
  })
  if (await store.insertSigningKey(record)) return { inserted: true, kid: record.kid }
  const winner = (await store.listSigningKeys()).find((key) => key.generation === generation)
  if (winner === undefined) {
    throw new ServerError('STORE_INVALID', `Signing key generation ${generation} is missing.`)
  }
  return { inserted: false, kid: winner.kid }
}

async function describeKid(store: Store, kid: string, now: number): Promise<SigningKeyInfo> {
  const info = (await listSigningKeys(store, { now })).find((key) => key.kid === kid)
  if (info === undefined) {
    throw new ServerError('STORE_INVALID', `Signing key ${kid} is missing from the store.`)
  }
  return info
}
