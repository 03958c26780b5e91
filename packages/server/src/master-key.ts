/** The master secret that encrypts signing keys at rest: from JOT_MASTER_KEY or a local file. */
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { inspect } from 'node:util'
import { ServerError } from './errors.js'
import { openSigningKey } from './keys/signing-keys.js'
import type { Store } from './store/store.js'

const MASTER_KEY_BYTES = 32
const MASTER_KEY_FILE = 'master.key'
const GENERATE_HINT =
  "generate one with: node -e \"console.log(require('node:crypto').randomBytes(32).toString('base64url'))\""

// Keys generated because master.key did not exist, with the path of the file to save each to.
// A key leaves this map once its file is written.
const unsavedKeyFiles = new WeakMap<MasterKey, string>()

/**
 * A 32-byte master secret. It prints as `[MasterKey]` in logs, JSON and `util.inspect`, so
 * logging a whole configuration object never shows the secret.
 */
export class MasterKey {
  #bytes: Uint8Array

  constructor(bytes: Uint8Array) {
    if (bytes.length !== MASTER_KEY_BYTES) {
      throw new ServerError(
        'OPTION_INVALID',
        `A master key must be ${MASTER_KEY_BYTES} bytes, not ${bytes.length}.`,
      )
    }
    this.#bytes = Uint8Array.from(bytes)
  }

  /**
   * Returns a copy of the secret bytes. A key that loadConfig generated for a missing
   * master.key is saved to that file first, so nothing is ever encrypted under a key that
   * exists only in memory.
   * @throws ServerError `CONFIG_INVALID` when the generated key file cannot be written.
   */
  bytes(): Uint8Array {
    // createApp calls prepare before any key is used; this save covers code that uses the
    // key directly without it.
    const path = unsavedKeyFiles.get(this)
    if (path !== undefined) this.#save(path)
    return Uint8Array.from(this.#bytes)
  }

  /**
   * Checks this master key against a store the way the service does at start: every stored
   * signing key must decrypt under it. An empty store passes. Nothing is written.
   * @throws ServerError `MASTER_KEY_MISMATCH` when a stored key does not decrypt, or when the
   *   store contains keys while this key was generated because master.key did not exist;
   *   `STORE_INVALID` for a corrupt stored key; and the codes of the store.
   */
  async checkStore(store: Store): Promise<void> {
    const records = await store.listSigningKeys()
    if (records.length === 0) return
    const path = unsavedKeyFiles.get(this)
    if (path !== undefined) {
      throw new ServerError(
        'MASTER_KEY_MISMATCH',
        `JOT_MASTER_KEY is not set and ${path} does not exist, but the store contains signing ` +
          `keys encrypted under a master key. Restore ${path} or set JOT_MASTER_KEY to that ` +
          'key; no master key was written.',
      )
    }
    for (const record of records) await openSigningKey(record, this)
  }

  /**
   * Makes this key ready for a process that creates signing keys in the store, such as the
   * service at start: checks it with checkStore, then writes a generated master.key, which
   * happens only when the store contains no signing keys yet.
   * @throws ServerError as checkStore, and `CONFIG_INVALID` when master.key cannot be written.
   */
  async prepare(store: Store): Promise<void> {
    await this.checkStore(store)
    const path = unsavedKeyFiles.get(this)
    if (path !== undefined) this.#save(path)
  }

  toJSON(): string {
    return '[MasterKey]'
  }

  [inspect.custom](): string {
    return '[MasterKey]'
  }

  #save(path: string): void {
    const text = Buffer.from(this.#bytes).toString('base64url')
    try {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
      // 'wx' fails when another process created the file first; that process's key then wins.
      writeFileSync(path, `${text}\n`, { flag: 'wx', mode: 0o600 })
    } catch (error) {
      if (!isErrnoError(error, 'EEXIST')) {
        throw new ServerError('CONFIG_INVALID', `The master key file ${path} cannot be created.`, {
          cause: error,
        })
      }
      const winner = readKeyFile(path)
      if (winner !== undefined) this.#bytes = winner.bytes()
    }
    unsavedKeyFiles.delete(this)
  }
}

/**
 * Origin of the master key. The server warns at startup unless it is `env`. `created` is true
 * for a key generated because the file did not exist; MasterKey.prepare writes that file.
 */
export type MasterKeySource =
  | { readonly kind: 'env' }
  | { readonly kind: 'file'; readonly path: string; readonly created: boolean }

/** Decodes a master key given as base64url text; `label` names its origin in errors. */
export function parseMasterKey(text: string, label: string): MasterKey {
  const bytes = Buffer.from(text, 'base64url')
  // Buffer's decoder skips characters outside the alphabet and ignores stray low bits, so the
  // round trip is what proves the text is exactly one canonical 32-byte value.
  if (bytes.length !== MASTER_KEY_BYTES || bytes.toString('base64url') !== text) {
    throw new ServerError(
      'CONFIG_INVALID',
      `${label} must be ${MASTER_KEY_BYTES} bytes encoded as base64url without padding ` +
        `(43 characters); ${GENERATE_HINT}`,
    )
  }
  return new MasterKey(bytes)
}

/**
 * Reads the master key file in `dataDir`. When it does not exist, generates a random key in
 * memory and writes nothing: the file is created by MasterKey.prepare once the store is known
 * to be new, so a store whose keys need another master key never gets a stray file.
 * @throws ServerError `CONFIG_INVALID` when the file exists but cannot be read or does not
 *   hold a valid key.
 */
export function loadMasterKeyFile(dataDir: string): {
  masterKey: MasterKey
  source: MasterKeySource
} {
  const path = join(dataDir, MASTER_KEY_FILE)
  const existing = readKeyFile(path)
  if (existing !== undefined) {
    return { masterKey: existing, source: { kind: 'file', path, created: false } }
  }
  const masterKey = new MasterKey(randomBytes(MASTER_KEY_BYTES))
  unsavedKeyFiles.set(masterKey, path)
  return { masterKey, source: { kind: 'file', path, created: true } }
}

function readKeyFile(path: string): MasterKey | undefined {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if (isErrnoError(error, 'ENOENT')) return undefined
    throw new ServerError('CONFIG_INVALID', `The master key file ${path} cannot be read.`, {
      cause: error,
    })
  }
  return parseMasterKey(text.trim(), `The master key file ${path}`)
}

function isErrnoError(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code
}
