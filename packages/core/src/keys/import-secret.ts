/** importSecret: secret bytes (an HMAC or AES key, or a PBES2 password) in, a JotKey out. */
import { JotError } from '../errors.js'
import { getKeyAlgorithm } from './key-algorithm.js'
import { JotKey } from './key.js'
import type { KeyAlgorithm } from './key.js'
import { keyBackend } from './key-backend.js'
import { checkKeyFitsAlgorithm } from './key-checks.js'
import { rejectKeyFileBytes } from './secret-shape.js'
import {
  booleanOption,
  describeType,
  readOptions,
  requiredAlgOption,
  stringOption,
} from './options.js'

/** Options of importSecret. */
export interface ImportSecretOptions {
  /**
   * The algorithm to bind the secret to. Required: HS256, HS384 or HS512; A128KW, A192KW,
   * A256KW, A128GCMKW, A192GCMKW or A256GCMKW; dir; or a PBES2 algorithm for a password.
   */
  readonly alg: KeyAlgorithm
  readonly kid?: string | undefined
  /** Whether exportJwk may return the secret. Default true. */
  readonly extractable?: boolean | undefined
}

/**
 * Imports a secret key. An HMAC secret must be at least as long as the algorithm's hash
 * output: 32 bytes for HS256, 48 for HS384 and 64 for HS512 (RFC 7518 section 3.2). An AES key
 * for A*KW or A*GCMKW must have exactly the algorithm's key length (16, 24 or 32 bytes). A dir
 * key is the CEK itself, 16, 24, 32, 48 or 64 bytes, and must match the `enc` it is used with.
 * A PBES2 secret is a password's bytes, of any non-zero length. The bytes are copied, so later
 * changes to the array do not reach the key.
 *
 * Strings are refused on purpose: a key is a typed object, so a PEM text or a password is never
 * taken for a secret by accident. Encode a string explicitly if it really is the secret.
 *
 * @example
 * const key = await importSecret(secretBytes, { alg: 'HS256', kid: 'hmac-1' })
 * const password = await importSecret(new TextEncoder().encode(text), { alg: 'PBES2-HS256+A128KW' })
 * @throws JotError `ARGUMENT_INVALID` when `secret` is not a Uint8Array; `OPTION_INVALID` for a
 *   bad or missing option; `ALG_UNSUPPORTED`, or `ALG_NOT_ALLOWED` for `none`; `KEY_INVALID`
 *   for an algorithm that needs no secret key, or a secret of the wrong length.
 */
export async function importSecret(
  secret: Uint8Array,
  options: ImportSecretOptions,
): Promise<JotKey> {
  if (typeof secret === 'string') {
    throw new JotError(
      'ARGUMENT_INVALID',
      'importSecret takes the secret as a Uint8Array, not a string; encode it explicitly, for example with TextEncoder, so no PEM or password is taken for a secret by accident.',
    )
  }
  if (!(secret instanceof Uint8Array)) {
    throw new JotError(
      'ARGUMENT_INVALID',
      `importSecret takes the secret as a Uint8Array, not ${describeType(secret)}.`,
    )
  }
  rejectKeyFileBytes(secret)
  const checkedOptions = readOptions(options, 'importSecret', ['alg', 'kid', 'extractable'])
  const alg = requiredAlgOption(checkedOptions, 'importSecret')
  const kid = stringOption(checkedOptions, 'kid', 'importSecret')
  const extractable = booleanOption(checkedOptions, 'extractable', 'importSecret')
  const info = getKeyAlgorithm(alg)

  const material = await keyBackend.importSecret(secret)
  checkKeyFitsAlgorithm(info, material)
  return new JotKey(material, { alg: info.alg, kid, extractable })
}
