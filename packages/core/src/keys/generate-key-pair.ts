/** generateKeyPair: a fresh private and public key for an asymmetric JWS or JWE algorithm. */
import { JotError } from '../errors.js'
import type { Curve } from '../jwa/jws-algorithms.js'
import { CURVES } from './curves.js'
import { getKeyAlgorithm, listAlternatives } from './key-algorithm.js'
import type { KeyAlgorithmInfo } from './key-algorithm.js'
import { JotKey } from './key.js'
import type { KeyAlgorithm } from './key.js'
import { keyBackend } from './key-backend.js'
import type { KeyPairSpec } from './key-backend.js'
import { MAX_RSA_BITS, MIN_RSA_BITS } from './key-checks.js'
import { booleanOption, describeType, ownMember, readOptions, stringOption } from './options.js'

/** Options of generateKeyPair. */
export interface GenerateKeyPairOptions {
  /** Key ID given to both keys. */
  readonly kid?: string | undefined
  /** RSA modulus size in bits, an integer from 2048 to 16384. Default 2048. RSA algorithms only. */
  readonly modulusLength?: number | undefined
  /**
   * Curve of the key pair. For EdDSA, Ed25519 (the default) or Ed448. For ECDH-ES and
   * ECDH-ES+A*KW, P-256 (the default), P-384, P-521, X25519 or X448. Every other EC or OKP
   * algorithm has one curve, which is the default and the only accepted value.
   */
  readonly crv?: Curve | undefined
  /** Whether exportJwk and exportPem may return the private key. Default true. */
  readonly extractable?: boolean | undefined
}

/** The two halves of a generated key pair, both bound to the same algorithm. */
export interface GenerateKeyPairResult {
  readonly privateKey: JotKey
  readonly publicKey: JotKey
}

const DEFAULT_MODULUS_LENGTH = 2048

/**
 * Generates a key pair for an RSA, ECDSA or EdDSA signature algorithm, or for RSA-OAEP or
 * ECDH-ES key management. RSA keys use the public exponent 65537. On Node.js, generation runs
 * off the main thread.
 *
 * @example
 * const { privateKey, publicKey } = await generateKeyPair('ES256', { kid: 'main' })
 * const recipient = await generateKeyPair('ECDH-ES+A256KW', { crv: 'X25519' })
 * @throws JotError `ARGUMENT_INVALID` for an algorithm with secret keys, which needs
 *   generateSecret; `ALG_UNSUPPORTED`, or `ALG_NOT_ALLOWED` for `none`; `OPTION_INVALID` for a
 *   bad option.
 */
export async function generateKeyPair(
  alg: KeyAlgorithm,
  options?: GenerateKeyPairOptions,
): Promise<GenerateKeyPairResult> {
  const info = getKeyAlgorithm(alg)
  const names = ['kid', 'modulusLength', 'crv', 'extractable']
  const checkedOptions = readOptions(options, 'generateKeyPair', names)
  const kid = stringOption(checkedOptions, 'kid', 'generateKeyPair')
  const extractable = booleanOption(checkedOptions, 'extractable', 'generateKeyPair')
  const spec = keyPairSpec(info, checkedOptions)

  const pair = await keyBackend.generateKeyPair(spec)
  return {
    privateKey: new JotKey(pair.privateKey, { alg: info.alg, kid, extractable }),
    publicKey: new JotKey(pair.publicKey, { alg: info.alg, kid }),
  }
}

function keyPairSpec(
  info: KeyAlgorithmInfo,
  options: Readonly<Record<string, unknown>>,
): KeyPairSpec {
  const modulusLength = ownMember(options, 'modulusLength')
  const crv = stringOption(options, 'crv', 'generateKeyPair')
  if (info.keyTypes.includes('oct')) {
    throw new JotError(
      'ARGUMENT_INVALID',
      `generateKeyPair makes asymmetric keys; use generateSecret for ${info.alg}.`,
    )
  }
  if (info.keyTypes.includes('RSA')) {
    if (crv !== undefined) {
      throw new JotError('OPTION_INVALID', `The crv option does not apply to ${info.alg}.`)
    }
    return { kty: 'RSA', modulusLength: checkModulusLength(modulusLength) }
  }
  if (modulusLength !== undefined) {
    throw new JotError('OPTION_INVALID', `The modulusLength option does not apply to ${info.alg}.`)
  }
  const curve = chooseCurve(info, crv)
  return { kty: CURVES[curve].kty, crv: curve }
}

function chooseCurve(info: KeyAlgorithmInfo, crv: string | undefined): Curve {
  const curve =
    crv === undefined ? info.curves[0] : info.curves.find((candidate) => candidate === crv)
  if (curve !== undefined) return curve
  throw new JotError(
    'OPTION_INVALID',
    `The crv option of generateKeyPair must be ${listAlternatives(info.curves)} for ${info.alg}, not "${(crv ?? '').slice(0, 32)}".`,
  )
}

function checkModulusLength(value: unknown): number {
  if (value === undefined) return DEFAULT_MODULUS_LENGTH
  if (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= MIN_RSA_BITS &&
    value <= MAX_RSA_BITS
  ) {
    return value
  }
  const shown = typeof value === 'number' ? String(value) : describeType(value)
  throw new JotError(
    'OPTION_INVALID',
    `The modulusLength option must be an integer from ${MIN_RSA_BITS} to ${MAX_RSA_BITS}, not ${shown}.`,
  )
}
