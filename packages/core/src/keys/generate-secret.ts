/** generateSecret: a fresh random secret key of the length its algorithm needs. */
import { JotError } from '../errors.js'
import { getJweContentEncryptionAlgorithm } from '../jwa/jwe-content-encryption.js'
import type { JweContentEncryptionAlgorithm } from '../jwa/jwe-content-encryption.js'
import { getKeyAlgorithm } from './key-algorithm.js'
import type { KeyAlgorithmInfo } from './key-algorithm.js'
import { JotKey } from './key.js'
import type { KeyAlgorithm } from './key.js'
import { keyBackend } from './key-backend.js'
import { booleanOption, readOptions, stringOption } from './options.js'

/** Options of generateSecret. */
export interface GenerateSecretOptions {
  readonly kid?: string | undefined
  /**
   * The content encryption algorithm a `dir` key serves, which sets its length (the CEK
   * length). Required for `dir`, refused for every other algorithm.
   */
  readonly enc?: JweContentEncryptionAlgorithm | undefined
  /** Whether exportJwk may return the secret. Default true. */
  readonly extractable?: boolean | undefined
}

/**
 * Generates a random secret key. An HMAC secret is as long as the hash output (32 bytes for
 * HS256, 48 for HS384, 64 for HS512, RFC 7518 section 3.2). An A*KW or A*GCMKW key has the AES
 * key length, and a `dir` key the CEK length of the `enc` option.
 *
 * @example
 * const key = await generateSecret('HS256', { kid: 'hmac-1' })
 * const cek = await generateSecret('dir', { enc: 'A256GCM' })
 * @throws JotError `ARGUMENT_INVALID` for an asymmetric algorithm (use generateKeyPair) and for
 *   PBES2, whose key is a password a person chooses; `ALG_UNSUPPORTED`, or `ALG_NOT_ALLOWED`
 *   for `none`; `OPTION_INVALID` for a bad option, or `dir` without `enc`.
 */
export async function generateSecret(
  alg: KeyAlgorithm,
  options?: GenerateSecretOptions,
): Promise<JotKey> {
  const info = getKeyAlgorithm(alg)
  if (info.family === 'pbes2') {
    throw new JotError(
      'ARGUMENT_INVALID',
      `generateSecret does not make ${info.alg} keys: PBES2 protects content with a password a person chose, so import that password with importSecret, or generate an A256KW key instead.`,
    )
  }
  if (!info.keyTypes.includes('oct')) {
    throw new JotError(
      'ARGUMENT_INVALID',
      `generateSecret makes secret keys; use generateKeyPair for ${info.alg}.`,
    )
  }
  const checkedOptions = readOptions(options, 'generateSecret', ['kid', 'enc', 'extractable'])
  const kid = stringOption(checkedOptions, 'kid', 'generateSecret')
  const extractable = booleanOption(checkedOptions, 'extractable', 'generateSecret')
  const byteLength = secretLength(info, stringOption(checkedOptions, 'enc', 'generateSecret'))

  const material = await keyBackend.generateSecret(byteLength)
  return new JotKey(material, { alg: info.alg, kid, extractable })
}

function secretLength(info: KeyAlgorithmInfo, enc: string | undefined): number {
  if (info.family !== 'dir') {
    if (enc === undefined) return info.secretBytes
    throw new JotError('OPTION_INVALID', `The enc option of generateSecret applies to dir only.`)
  }
  if (enc === undefined) {
    throw new JotError(
      'OPTION_INVALID',
      `generateSecret needs the enc option for dir, because the key is the CEK, for example { enc: 'A256GCM' }.`,
    )
  }
  try {
    return getJweContentEncryptionAlgorithm(enc).cekBytes
  } catch (cause) {
    throw new JotError(
      'OPTION_INVALID',
      `The enc option of generateSecret names "${enc.slice(0, 32)}", which is not a supported content encryption algorithm.`,
      { cause },
    )
  }
}
