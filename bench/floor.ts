/**
 * The floor: the least work a correct JWT implementation does with node:crypto and prepared
 * KeyObjects. Every other column is measured against it.
 */
import {
  constants,
  createHmac,
  sign as signData,
  timingSafeEqual,
  verify as verifyData,
  type KeyObject,
  type SignKeyObjectInput,
  type VerifyKeyObjectInput,
} from 'node:crypto'
import type { Contender, Implementation } from './contender.js'
import type { BenchAlgorithm, KeyMaterial } from './keys.js'
import type { Claims } from './token.js'
import { AUDIENCE, ISSUER } from './token.js'

/** The node:crypto digest and key options that one JWS algorithm maps to. */
interface SignatureParameters {
  /** The digest for crypto.sign and crypto.verify, or null for Ed25519, which hashes internally. */
  readonly digest: 'sha256' | null
  readonly keyOptions: Omit<SignKeyObjectInput, 'key'>
}

const PARAMETERS: Record<Exclude<BenchAlgorithm, 'HS256'>, SignatureParameters> = {
  RS256: { digest: 'sha256', keyOptions: { padding: constants.RSA_PKCS1_PADDING } },
  // RFC 7518 section 3.5: the PSS salt is as long as the hash output.
  PS256: {
    digest: 'sha256',
    keyOptions: {
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
    },
  },
  // RFC 7518 section 3.4: a JWS carries R || S, not the DER sequence OpenSSL produces by default.
  ES256: { digest: 'sha256', keyOptions: { dsaEncoding: 'ieee-p1363' } },
  EdDSA: { digest: null, keyOptions: {} },
}

export function encodeJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

export function decodeJson(segment: string): unknown {
  return JSON.parse(Buffer.from(segment, 'base64url').toString())
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Creates the floor's signer: JSON and base64url of header and payload, one sign or HMAC call. */
export function createFloorSigner(material: KeyMaterial): (claims: Claims) => string {
  const { alg, signingKey } = material
  const header = { alg, typ: 'JWT' }
  const signInput = createSignFunction(alg, signingKey)

  return (claims) => {
    const input = `${encodeJson(header)}.${encodeJson(claims)}`
    return `${input}.${signInput(input).toString('base64url')}`
  }
}

function createSignFunction(alg: BenchAlgorithm, key: KeyObject): (input: string) => Buffer {
  if (alg === 'HS256') {
    return (input) => createHmac('sha256', key).update(input).digest()
  }
  const { digest, keyOptions } = PARAMETERS[alg]
  const keyInput: SignKeyObjectInput = { key, ...keyOptions }

  return (input) => signData(digest, Buffer.from(input), keyInput)
}

/**
 * Creates the floor's verifier: split, check `alg`, one verify or HMAC call, decode and parse
 * header and payload, then check `exp`, `nbf`, `iss` and `aud`. It throws on any failure.
 */
export function createFloorVerifier(material: KeyMaterial): (token: string) => Claims {
  const { alg, verificationKey } = material
  const verifyInput = createVerifyFunction(alg, verificationKey)

  return (token) => {
    const parts = token.split('.')
    if (parts.length !== 3) {
      throw new Error('The token does not have three segments.')
    }
    const [headerSegment, payloadSegment, signatureSegment] = parts as [string, string, string]

    const header = decodeJson(headerSegment)
    // RFC 8725 section 3.1: the key decides the algorithm, never the token.
    if (!isObject(header) || header['alg'] !== alg) {
      throw new Error('The token header is invalid or names another algorithm.')
    }

    const input = token.slice(0, headerSegment.length + payloadSegment.length + 1)
    if (!verifyInput(input, Buffer.from(signatureSegment, 'base64url'))) {
      throw new Error('The signature is invalid.')
    }

    const claims = decodeJson(payloadSegment)
    checkClaims(claims)
    return claims
  }
}

function createVerifyFunction(
  alg: BenchAlgorithm,
  key: KeyObject,
): (input: string, signature: Buffer) => boolean {
  if (alg === 'HS256') {
    return (input, signature) => {
      const expected = createHmac('sha256', key).update(input).digest()
      return signature.length === expected.length && timingSafeEqual(signature, expected)
    }
  }
  const { digest, keyOptions } = PARAMETERS[alg]
  const keyInput: VerifyKeyObjectInput = { key, ...keyOptions }

  return (input, signature) => verifyData(digest, Buffer.from(input), keyInput, signature)
}

/** Checks `exp`, `nbf`, `iss` and `aud`, as every verifier under test is configured to. */
export function checkClaims(claims: unknown): asserts claims is Claims {
  if (!isObject(claims)) {
    throw new Error('The payload is not a JSON object.')
  }
  const now = Math.floor(Date.now() / 1000)
  const { exp, nbf, iss, aud } = claims

  if (typeof exp !== 'number' || now >= exp) {
    throw new Error('The exp claim is missing or in the past.')
  }
  if (nbf !== undefined && (typeof nbf !== 'number' || now < nbf)) {
    throw new Error('The nbf claim is invalid or in the future.')
  }
  if (iss !== ISSUER) {
    throw new Error('The iss claim does not match.')
  }
  const audiences: unknown[] = Array.isArray(aud) ? aud : [aud]
  if (!audiences.includes(AUDIENCE)) {
    throw new Error('The aud claim does not match.')
  }
}

/** The floor as a column. */
export const floor: Contender<KeyMaterial> = {
  column: 'floor',
  prepare(material) {
    const implementation: Implementation = {
      mode: 'sync',
      createToken: createFloorSigner(material),
      readToken: createFloorVerifier(material),
    }
    return Promise.resolve(implementation)
  },
}
