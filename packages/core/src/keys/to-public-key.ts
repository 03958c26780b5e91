/** toPublicKey: the public half of a private key, bound to the same algorithm. */
import { JotError } from '../errors.js'
import { JotKey, keyHandle } from './key.js'
import type { KeyOperation } from './key.js'
import { keyBackend } from './key-backend.js'
import { assertJotKey } from './options.js'

// The public half can only do the public counterpart of what its private half may do. Key
// agreement has no counterpart: the sender derives with the recipient's public key, so an
// ECDH public key keeps deriveKey and deriveBits.
const PUBLIC_OPERATIONS: Readonly<Record<KeyOperation, KeyOperation>> = {
  sign: 'verify',
  verify: 'verify',
  decrypt: 'encrypt',
  encrypt: 'encrypt',
  unwrapKey: 'wrapKey',
  wrapKey: 'wrapKey',
  deriveKey: 'deriveKey',
  deriveBits: 'deriveBits',
}

/** Maps a private key's `key_ops` to those of its public half, such as `sign` to `verify`. */
export function publicKeyOperations(
  keyOps: readonly KeyOperation[] | undefined,
): readonly KeyOperation[] | undefined {
  if (keyOps === undefined) return undefined
  return [...new Set(keyOps.map((op) => PUBLIC_OPERATIONS[op]))]
}

/**
 * Returns the public half of a private key with the same `alg`, `kid` and `use`; its `key_ops`
 * become the public counterparts (`sign` becomes `verify`). A public key comes back as it is.
 *
 * @example
 * const publicKey = await toPublicKey(privateKey)
 * @throws JotError `ARGUMENT_INVALID` when `key` is not a JotKey; `KEY_INVALID` for a secret key.
 */
export async function toPublicKey(key: JotKey): Promise<JotKey> {
  assertJotKey(key, 'toPublicKey')
  if (key.kind === 'public') return key
  if (key.kind === 'secret') {
    throw new JotError(
      'KEY_INVALID',
      'toPublicKey needs a private key; a secret key has no public half.',
    )
  }
  const material = await keyBackend.toPublicKey(key[keyHandle])
  const { alg, kid, use } = key
  return new JotKey(material, { alg, kid, use, keyOps: publicKeyOperations(key.keyOps) })
}
