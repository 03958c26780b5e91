/** The signing keys one instance holds in memory, reloaded from the store on a schedule. */
import { ServerError } from '../errors.js'
import type { MasterKey } from '../master-key.js'
import type { Store } from '../store/store.js'
import { KEY_RETENTION_SEC, pickSigningIndex } from './schedule.js'
import { openSigningKey } from './signing-keys.js'
import type { SigningKey } from './signing-keys.js'

/**
 * The stored signing keys, decrypted. Which key signs and which are published depends on the
 * time asked about, so instances that loaded the same keys agree without talking to each other.
 */
export class SigningKeySet {
  readonly #masterKey: MasterKey
  #keys: readonly SigningKey[] = []

  constructor(masterKey: MasterKey) {
    this.#masterKey = masterKey
  }

  /**
   * Loads every stored key, decrypting only those not held yet. On failure the set keeps the
   * keys it held before.
   * @returns The kids of keys that were not held before.
   * @throws ServerError `MASTER_KEY_MISMATCH` or `STORE_INVALID` when a stored key cannot be
   *   opened, and the codes of the store.
   */
  async reload(store: Store): Promise<string[]> {
    const held = new Map(this.#keys.map((key) => [key.kid, key]))
    const records = await store.listSigningKeys()
    const keys: SigningKey[] = []
    const added: string[] = []
    for (const record of records) {
      const existing = held.get(record.kid)
      if (existing !== undefined) {
        keys.push(existing)
        continue
      }
      keys.push(await openSigningKey(record, this.#masterKey))
      added.push(record.kid)
    }
    this.#keys = keys
    return added
  }

  /** Every held key, oldest generation first. */
  get keys(): readonly SigningKey[] {
    return this.#keys
  }

  /**
   * Returns the key that signs at `now`.
   * @throws ServerError `STORE_INVALID` when no key is held.
   */
  signerAt(now: number): SigningKey {
    const key = this.#keys[pickSigningIndex(this.#keys, now)]
    if (key === undefined) throw new ServerError('STORE_INVALID', 'No signing key is stored.')
    return key
  }

  /** Returns the keys a verifier needs at `now`: pending, active and retired, not expired. */
  publishedAt(now: number): SigningKey[] {
    return this.#keys.filter((_key, index) => {
      const successor = this.#keys[index + 1]
      return successor === undefined || successor.activatesAt + KEY_RETENTION_SEC > now
    })
  }
}
