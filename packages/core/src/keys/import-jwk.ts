/** importJwk: a JWK in, a JotKey bound to one algorithm out. */
import { JotError } from '../errors.js'
import { decodeBase64url } from '../encoding/base64url.js'
import { checkJwk } from './jwk.js'
import type { CheckedJwk, Jwk } from './jwk.js'
import { getKeyAlgorithm } from './key-algorithm.js'
import { JotKey } from './key.js'
import type { KeyAlgorithm } from './key.js'
import { keyBackend } from './key-backend.js'
import type { BackendKey } from './key-backend.js'
import { checkKeyFitsAlgorithm } from './key-checks.js'
import { booleanOption, readOptions, stringOption } from './options.js'
import { checkRsaModulus } from './roca.js'

/** Options of importJwk. */
export interface ImportJwkOptions {
  /**
   * The algorithm to bind the key to. Required when the JWK has no `alg` member; when it has
   * one, the two must be equal.
   */
  readonly alg?: KeyAlgorithm | undefined
  /** Whether exportJwk and exportPem may return the private or secret material. Default true. */
  readonly extractable?: boolean | undefined
}

/**
 * Imports a JWK (RFC 7517) of type RSA, EC (P-256, P-384, P-521, secp256k1), OKP (Ed25519,
 * Ed448, X25519, X448) or oct, and binds it to one JWS or JWE key management algorithm.
 * Members are checked strictly: registered members must have their JSON types, values must be
 * canonical base64url of the right length, EC points must lie on the curve, and a private
 * JWK's public members must match its private key. `kid`, `use` and `key_ops` carry over to
 * the key.
 *
 * Refused as too weak or unfit: RSA moduli under 2048 bits (RFC 7518 sections 3.3 and 4.3),
 * RSA public exponents that are even, 1 or above 2^32, RSA moduli with the ROCA fingerprint
 * (CVE-2017-15361), and HMAC secrets shorter than the hash
 * output (RFC 7518 section 3.2). AES keys must have the algorithm's length (16, 24 or 32
 * bytes), and `dir` keys a CEK length (16, 24, 32, 48 or 64 bytes). An empty `k` is refused
 * too. A PBES2 key's `k` is the password, of any length.
 *
 * NOTE: Ed25519 and Ed448 public keys are checked for length only: OpenSSL decodes the point
 * when verifying, and a value that is not a point fails every verification. X25519 and X448
 * public keys need no point check, since every 32 or 56 bytes is a valid input to the function.
 *
 * @example
 * const key = await importJwk(jwk, { alg: 'ES256' })
 * @throws JotError `ARGUMENT_INVALID` when `jwk` is not an object; `OPTION_INVALID` for a bad
 *   option or when neither the JWK nor the options name an algorithm; `ALG_UNSUPPORTED`, or
 *   `ALG_NOT_ALLOWED` for `none`; `KEY_INVALID` for malformed, mismatched or weak keys;
 *   `KEY_UNSUPPORTED` for key types, curves and forms jot does not handle.
 */
export async function importJwk(
  jwk: Jwk | Readonly<Record<string, unknown>>,
  options?: ImportJwkOptions,
): Promise<JotKey> {
  const checkedOptions = readOptions(options, 'importJwk', ['alg', 'extractable'])
  const optionAlg = stringOption(checkedOptions, 'alg', 'importJwk')
  const extractable = booleanOption(checkedOptions, 'extractable', 'importJwk')
  const checked = checkJwk(jwk, 'importJwk')
  const info = getKeyAlgorithm(chooseAlg(checked.alg, optionAlg))

  const material = await importMaterial(checked)
  checkKeyFitsAlgorithm(info, material)
  if (material.kty === 'RSA') {
    checkRsaModulus(decodeBase64url(checked.members['n'] ?? '', 'JWK member "n"'))
  }
  await checkKeyPair(checked, material)

  const { kid, use, keyOps } = checked
  return new JotKey(material, { alg: info.alg, kid, use, keyOps, extractable })
}

const PRIVATE_MEMBERS: ReadonlySet<string> = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi'])

function chooseAlg(jwkAlg: string | undefined, optionAlg: string | undefined): string {
  if (jwkAlg !== undefined && optionAlg !== undefined && jwkAlg !== optionAlg) {
    throw new JotError(
      'KEY_INVALID',
      `The JWK's alg "${jwkAlg.slice(0, 32)}" differs from the alg option "${optionAlg.slice(0, 32)}".`,
    )
  }
  const alg = jwkAlg ?? optionAlg
  if (alg !== undefined) return alg
  throw new JotError(
    'OPTION_INVALID',
    `The JWK has no "alg" member; pass the algorithm to bind the key to, for example importJwk(jwk, { alg: 'ES256' }).`,
  )
}

async function importMaterial(checked: CheckedJwk): Promise<BackendKey> {
  if (checked.secret !== undefined) return keyBackend.importSecret(checked.secret)
  const kind = checked.kind === 'private' ? 'private' : 'public'
  return keyBackend.importJwk(checked.members, kind)
}

// node:crypto keeps the x and y of an EC private JWK without checking them against d, and
// derives an OKP public key from d alone, so a JWK could publish one public key and sign with
// another. A signature made with the private key must verify with the stated public members.
async function checkKeyPair(checked: CheckedJwk, material: BackendKey): Promise<void> {
  if (checked.kind !== 'private') return
  const publicMembers = Object.fromEntries(
    Object.entries(checked.members).filter(([name]) => !PRIVATE_MEMBERS.has(name)),
  )
  const publicMaterial = await keyBackend.importJwk(publicMembers, 'public')
  if (await keyBackend.isKeyPair(material.handle, publicMaterial.handle)) return
  throw new JotError(
    'KEY_INVALID',
    `The private JWK's public members do not match its private key "d".`,
  )
}
