/** The master secret that encrypts signing keys at rest: from JOT_MASTER_KEY or a local file. */
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { inspect } from 'node:util'
import { join } from 'node:path'
import { ServerError } from './errors.js'

const MASTER_KEY_BYTES = 32
const MASTER_KEY_FILE = 'master.key'
const GENERATE_HINT =
  "generate one with: node -e \"console.log(require('node:crypto').randomBytes(32).toString('base64url'))\""

/**
 * A 32-byte master secret. It prints as `[MasterKey]` in logs, JSON and `util.inspect`, so
 * logging a whole configuration object never shows the secret.
 */
export class MasterKey {
  readonly #bytes: Uint8Array

  constructor(bytes: Uint8Array) {
    if (bytes.length !== MASTER_KEY_BYTES) {
      throw new ServerError(
        'OPTION_INVALID',
        `A master key must be ${MASTER_KEY_BYTES} bytes, not ${bytes.length}.`,
      )
    }
    this.#bytes = Uint8Array.from(bytes)
  }

  /** Returns a copy of the secret bytes. */
  bytes(): Uint8Array {
    return Uint8Array.from(this.#bytes)
  }

  toJSON(): string {
    return '[MasterKey]'
  }

  [inspect.custom](): string {
    return '[MasterKey]'
  }
}

/** Origin of the master key. The server warns at startup unless it is `env`. */
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
 * Reads the master key file in `dataDir`, or creates it with a fresh random key (mode 0600)
 * when it does not exist yet.
 * @throws ServerError `CONFIG_INVALID` when the file exists but does not hold a valid key, or
 *   when the directory or the file cannot be created.
 */
export function loadOrCreateMasterKeyFile(dataDir: string): {
  masterKey: MasterKey
  source: MasterKeySource
} {
  const path = join(dataDir, MASTER_KEY_FILE)
  const existing = readKeyFile(path)
  if (existing !== undefined) {
    return { masterKey: existing, source: { kind: 'file', path, created: false } }
  }

  const text = randomBytes(MASTER_KEY_BYTES).toString('base64url')
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 })
    // 'wx' fails when another process created the file first; that process's key then wins.
    writeFileSync(path, `${text}\n`, { flag: 'wx', mode: 0o600 })
  } catch (error) {
    if (isErrnoError(error, 'EEXIST')) return loadOrCreateMasterKeyFile(dataDir)
    throw new ServerError('CONFIG_INVALID', `The master key file ${path} cannot be created.`, {
      cause: error,
    })
  }
  return {
    masterKey: parseMasterKey(text, `The master key file ${path}`),
    source: { kind: 'file', path, created: true },
  }
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
