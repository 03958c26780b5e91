/** generateSecret: a fresh random HMAC secret as long as the algorithm's hash output. */
import { JotError } from '../errors.js'
import { getJwsAlgorithm } from '../jwa/jws-algorithms.js'
import { JotKey } from './key.js'
import type { KeyAlgorithm } from './key.js'
import { keyBackend } from './key-backend.js'
import { booleanOption, readOptions, stringOption } from './options.js'

/** Options of generateSecret. */
export interface GenerateSecretOptions {
  readonly kid?: string | undefined
  /** Whether exportJwk may return the secret. Default true. */
  readonly extractable?: boolean | undefined
}

/**
 * Generates a random HMAC secret of the hash output size: 32 bytes for HS256, 48 for HS384 and
 * 64 for HS512 (RFC 7518 section 3.2).
 *
 * @example
 * const key = await generateSecret('HS256', { kid: 'hmac-1' })
 * @throws JotError `ARGUMENT_INVALID` for an algorithm other than HMAC (use generateKeyPair);
 *   `ALG_UNSUPPORTED`, or `ALG_NOT_ALLOWED` for `none`; `OPTION_INVALID` for a bad option.
 */
export async function generateSecret(
  alg: KeyAlgorithm,
  options?: GenerateSecretOptions,
): Promise<JotKey> {
  const entry = getJwsAlgorithm(alg)
  if (entry.family !== 'hmac') {
    throw new JotError(
      'ARGUMENT_INVALID',
      `generateSecret makes HMAC secrets; use generateKeyPair for ${entry.alg}.`,
    )
  }
  const checkedOptions = readOptions(options, 'generateSecret', ['kid', 'extractable'])
  const kid = stringOption(checkedOptions, 'kid', 'generateSecret')
  const extractable = booleanOption(checkedOptions, 'extractable', 'generateSecret')

  const material = await keyBackend.generateSecret(entry.minSecretBytes)
  return new JotKey(material, { alg: entry.alg, kid, extractable })
}
