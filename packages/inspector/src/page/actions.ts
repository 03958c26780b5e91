/** The button actions: verifying a JWS, decrypting a JWE, and making a sample token. */
import {
  decryptCompact,
  decryptJson,
  exportJwk,
  exportPublicJwk,
  generateKeyPair,
  generateSecret,
  isJotError,
  isJwsAlgorithm,
  signJwt,
  verifyCompact,
  verifyJson,
  verifyJwt,
} from '@jot/core'
import type { JotKey, Jwk, JwsAlgorithm, RemoteKeySet } from '@jot/core'
import { decodeUtf8 } from '../base64url.js'
import type { InspectedJwe, InspectedJws } from '../token-parts.js'

/** The outcome of an action, as the result area shows it. */
export interface ActionResult {
  readonly ok: boolean
  readonly message: string
  /** Decrypted content, when a decryption succeeded. */
  readonly plaintext?: string
}

// These codes come from the claims check, which verifyJwt runs only after the signature.
const CLAIM_CODES: ReadonlySet<string> = new Set([
  'TOKEN_EXPIRED',
  'TOKEN_NOT_YET_VALID',
  'TOKEN_TOO_OLD',
  'CLAIM_INVALID',
  'TYP_MISMATCH',
])

/**
 * Verifies a JWS with `keys`, pinned to `alg`. A compact JWS with a JSON payload goes through
 * verifyJwt, so the claims are checked at `now` too; other payloads only get their signature
 * checked.
 */
export async function verifyToken(
  token: InspectedJws,
  text: string,
  keys: JotKey | RemoteKeySet,
  alg: JwsAlgorithm,
  now: number,
): Promise<ActionResult> {
  const options = { algorithms: [alg] }
  try {
    if (token.json !== undefined) {
      await verifyJson(token.json, keys, options)
      return { ok: true, message: `Valid: the ${alg} signature verifies.` }
    }
    if (token.payload.kind !== 'json') {
      await verifyCompact(text, keys, options)
      return {
        ok: true,
        message: `Valid: the ${alg} signature verifies. The payload is no JSON object, so no claims were checked.`,
      }
    }
    await verifyJwt(text, keys, { ...options, now })
    return {
      ok: true,
      message: `Valid: the ${alg} signature verifies, and the time claims (exp, nbf, iat) hold now.`,
    }
  } catch (error) {
    const signedNote =
      isJotError(error) && CLAIM_CODES.has(error.code)
        ? ' The signature verified; the claims check failed.'
        : ''
    return { ok: false, message: `Not valid. ${describeError(error)}${signedNote}` }
  }
}

/** Decrypts a JWE with `key` and returns its content as text when it is UTF-8. */
export async function decryptToken(
  token: InspectedJwe,
  text: string,
  key: JotKey,
): Promise<ActionResult> {
  try {
    const { plaintext } =
      token.json === undefined
        ? await decryptCompact(text, key)
        : await decryptJson(token.json, key)
    const content = decodeUtf8(plaintext)
    if (content === undefined) {
      return { ok: true, message: `Decrypted ${plaintext.length} bytes that are not UTF-8 text.` }
    }
    return { ok: true, message: `Decrypted with the ${key.alg} key.`, plaintext: content }
  } catch (error) {
    return { ok: false, message: `Not decrypted. ${describeError(error)}` }
  }
}

/** A sample token with the key that verifies it. */
export interface SampleToken {
  readonly token: string
  /** The public JWK, or for HS256 the secret as an oct JWK. */
  readonly verificationJwk: Jwk
}

/**
 * Generates a key in the page and signs sample claims with it: issued `now`, valid for five
 * minutes. The key never leaves the page.
 */
export async function makeSampleToken(alg: string, now: number): Promise<SampleToken> {
  if (!isJwsAlgorithm(alg)) throw new Error(`No sample for the algorithm "${alg}".`)
  const kid = `sample-${alg.toLowerCase()}`
  let signingKey: JotKey
  let verificationJwk: Jwk
  if (alg.startsWith('HS')) {
    signingKey = await generateSecret(alg, { kid })
    verificationJwk = await exportJwk(signingKey)
  } else {
    const pair = await generateKeyPair(alg, { kid })
    signingKey = pair.privateKey
    verificationJwk = await exportPublicJwk(pair.publicKey)
  }
  const token = await signJwt({ scope: 'orders:read' }, signingKey, {
    issuer: 'jot-inspector-sample',
    subject: 'sample-user',
    audience: 'sample-api',
    jwtId: randomId(),
    expiresInSec: 300,
    now,
  })
  return { token, verificationJwk }
}

/** Describes an error as `CODE: message` for a JotError, or by its message otherwise. */
export function describeError(error: unknown): string {
  if (isJotError(error)) return `${error.code}: ${error.message}`
  return error instanceof Error ? error.message : String(error)
}

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12))
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}
