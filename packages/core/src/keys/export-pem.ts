/** exportPem: a public key as SPKI PEM, a private key as PKCS #8 PEM. */
import { JotError } from '../errors.js'
import { keyHandle } from './key.js'
import type { JotKey } from './key.js'
import { keyBackend } from './key-backend.js'
import { assertExtractable, assertJotKey } from './options.js'

/**
 * Exports a public key as an SPKI "PUBLIC KEY" PEM block, or a private key as an unencrypted
 * PKCS #8 "PRIVATE KEY" block. The key's `alg` and `kid` are not part of a PEM, so pass them
 * to importPem again when reading it back.
 *
 * @example
 * const pem = await exportPem(publicKey)
 * @throws JotError `ARGUMENT_INVALID` when `key` is not a JotKey; `KEY_INVALID` for a secret
 *   key, or for a private key made with `extractable: false`.
 */
export async function exportPem(key: JotKey): Promise<string> {
  assertJotKey(key, 'exportPem')
  if (key.kind === 'secret') {
    throw new JotError(
      'KEY_INVALID',
      'exportPem cannot export a secret key; use exportJwk for an oct JWK.',
    )
  }
  assertExtractable(key, 'exportPem')
  return await keyBackend.exportPem(key[keyHandle])
}
