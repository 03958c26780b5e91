/** importPem: an SPKI, PKCS #8, PKCS #1, SEC 1 or X.509 PEM in, a JotKey out. */
import { JotError } from '../errors.js'
import { decodeBase64url } from '../encoding/base64url.js'
import { getKeyAlgorithm } from './key-algorithm.js'
import { JotKey } from './key.js'
import type { KeyAlgorithm } from './key.js'
import { keyBackend } from './key-backend.js'
import type { BackendKey, DerFormat } from './key-backend.js'
import { checkKeyFitsAlgorithm } from './key-checks.js'
import {
  booleanOption,
  describeType,
  readOptions,
  requiredAlgOption,
  stringOption,
} from './options.js'
import { parsePem } from './pem.js'
import { checkRsaModulus } from './roca.js'

/** Options of importPem. */
export interface ImportPemOptions {
  /** The algorithm to bind the key to. Required; algorithms that use secret keys are refused. */
  readonly alg: KeyAlgorithm
  readonly kid?: string | undefined
  /** Whether exportJwk and exportPem may return the private material. Default true. */
  readonly extractable?: boolean | undefined
}

const FORMATS = new Map<string, DerFormat>([
  ['PUBLIC KEY', 'spki'],
  ['RSA PUBLIC KEY', 'pkcs1-public'],
  ['PRIVATE KEY', 'pkcs8'],
  ['RSA PRIVATE KEY', 'pkcs1-private'],
  ['EC PRIVATE KEY', 'sec1'],
  ['CERTIFICATE', 'x509'],
])

/**
 * Imports one PEM block and binds it to an algorithm. The labels read are "PUBLIC KEY" (SPKI),
 * "PRIVATE KEY" (PKCS #8), "RSA PUBLIC KEY" and "RSA PRIVATE KEY" (PKCS #1), "EC PRIVATE KEY"
 * (SEC 1) and "CERTIFICATE" (X.509). A certificate gives its public key only: its dates, issuer
 * and chain are not checked. The text must contain exactly one block and only white space
 * around it.
 *
 * @example
 * const key = await importPem(pem, { alg: 'RS256', kid: 'main' })
 * @throws JotError `ARGUMENT_INVALID` when `pem` is not a string; `OPTION_INVALID` for a bad
 *   or missing option; `ALG_UNSUPPORTED`, or `ALG_NOT_ALLOWED` for `none`; `KEY_INVALID` for
 *   an algorithm that uses secret keys, malformed text or a weak or mismatched key (including an
 *   RSA modulus with the ROCA fingerprint, CVE-2017-15361);
 *   `KEY_UNSUPPORTED` for encrypted keys and unsupported labels or key types.
 */
export async function importPem(pem: string, options: ImportPemOptions): Promise<JotKey> {
  if (typeof pem !== 'string') {
    throw new JotError(
      'ARGUMENT_INVALID',
      `importPem expects the PEM text as a string, not ${describeType(pem)}.`,
    )
  }
  const checkedOptions = readOptions(options, 'importPem', ['alg', 'kid', 'extractable'])
  const alg = requiredAlgOption(checkedOptions, 'importPem')
  const kid = stringOption(checkedOptions, 'kid', 'importPem')
  const extractable = booleanOption(checkedOptions, 'extractable', 'importPem')
  const info = getKeyAlgorithm(alg)
  if (info.family === 'hmac') {
    // A public key's PEM text is no secret, so taking it as an HMAC key lets anyone forge
    // tokens (algorithm confusion, CVE-2015-9235).
    throw new JotError(
      'KEY_INVALID',
      `A PEM key cannot serve as an HMAC secret for ${info.alg}; import HMAC secrets with importSecret or an oct JWK.`,
    )
  }
  if (info.keyTypes.includes('oct')) {
    throw new JotError(
      'KEY_INVALID',
      `A PEM key cannot serve as a secret key for ${info.alg}; import secret keys with importSecret or an oct JWK.`,
    )
  }

  const block = parsePem(pem)
  const format = FORMATS.get(block.label)
  if (format === undefined) {
    throw new JotError(
      'KEY_UNSUPPORTED',
      `The PEM label "${block.label.slice(0, 40)}" is not supported; expected PUBLIC KEY, PRIVATE KEY, RSA PUBLIC KEY, RSA PRIVATE KEY, EC PRIVATE KEY or CERTIFICATE.`,
    )
  }
  const material = await keyBackend.importDer(format, block.der)
  checkKeyFitsAlgorithm(info, material)
  if (material.kty === 'RSA') await checkPemModulus(material)
  await checkKeyPair(material)
  return new JotKey(material, { alg: info.alg, kid, extractable })
}

// The DER is parsed by the backend, so the modulus is read back from its public JWK.
async function checkPemModulus(material: BackendKey): Promise<void> {
  const { n } = await keyBackend.exportPublicJwk(material.handle)
  checkRsaModulus(decodeBase64url(n ?? '', 'RSA modulus'))
}

// PKCS #8 and SEC 1 EC keys may embed a public point that node:crypto keeps unchecked, so a
// mismatched file would publish one public key and sign with another.
async function checkKeyPair(material: BackendKey): Promise<void> {
  if (material.kind !== 'private') return
  const publicMaterial = await keyBackend.toPublicKey(material.handle)
  if (await keyBackend.isKeyPair(material.handle, publicMaterial.handle)) return
  throw new JotError('KEY_INVALID', 'The private key does not match the public key it embeds.')
}
