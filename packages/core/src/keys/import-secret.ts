/** importSecret: HMAC secret bytes in, a JotKey out. */
import { JotError } from '../errors.js'
import { getJwsAlgorithm } from '../jwa/jws-algorithms.js'
import { JotKey } from './key.js'
import type { KeyAlgorithm } from './key.js'
import { keyBackend } from './key-backend.js'
import { checkKeyFitsAlgorithm } from './key-checks.js'
import {
  booleanOption,
  describeType,
  readOptions,
  requiredAlgOption,
  stringOption,
} from './options.js'

/** Options of importSecret. */
export interface ImportSecretOptions {
  /** The HMAC algorithm to bind the secret to: HS256, HS384 or HS512. Required. */
  readonly alg: KeyAlgorithm
  readonly kid?: string | undefined
  /** Whether exportJwk may return the secret. Default true. */
  readonly extractable?: boolean | undefined
}

/**
 * Imports an HMAC secret. The secret must be at least as long as the algorithm's hash output:
 * 32 bytes for HS256, 48 for HS384 and 64 for HS512 (RFC 7518 section 3.2). The bytes are
 * copied, so later changes to the array do not reach the key.
 *
 * Strings are refused on purpose: a key is a typed object, so a PEM text or a password is never
 * taken for a secret by accident. Encode a string explicitly if it really is the secret.
 *
 * @example
 * const key = await importSecret(secretBytes, { alg: 'HS256', kid: 'hmac-1' })
 * @throws JotError `ARGUMENT_INVALID` when `secret` is not a Uint8Array; `OPTION_INVALID` for a
 *   bad or missing option; `ALG_UNSUPPORTED`, or `ALG_NOT_ALLOWED` for `none`; `KEY_INVALID`
 *   for a non-HMAC algorithm or a secret that is too short.
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
  const checkedOptions = readOptions(options, 'importSecret', ['alg', 'kid', 'extractable'])
  const alg = requiredAlgOption(checkedOptions, 'importSecret')
  const kid = stringOption(checkedOptions, 'kid', 'importSecret')
  const extractable = booleanOption(checkedOptions, 'extractable', 'importSecret')
  const entry = getJwsAlgorithm(alg)

  const material = await keyBackend.importSecret(secret)
  checkKeyFitsAlgorithm(entry, material)
  return new JotKey(material, { alg: entry.alg, kid, extractable })
}
