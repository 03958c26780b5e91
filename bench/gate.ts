/**
 * The correctness gate, run before any timing: a signer's or encrypter's tokens must pass the
 * floor's verifier or decrypter with the claims intact, and a verifier or decrypter must
 * accept the floor's token and reject a tampered one.
 */
import { isDeepStrictEqual } from 'node:util'
import { CLAIMS, type Claims } from './token.js'

/** Creates a token from claims: a signer or an encrypter, synchronous or not. */
export type CreateToken = (claims: Claims) => string | Promise<string>

/** Reads a token and returns its claims: a verifier or a decrypter, synchronous or not. */
export type ReadToken = (token: string) => unknown

/**
 * Returns the token with one byte of its last segment flipped: the signature of a JWS, the
 * authentication tag of a JWE.
 */
export function tamperToken(token: string): string {
  const lastDot = token.lastIndexOf('.')
  const signature = Buffer.from(token.slice(lastDot + 1), 'base64url')
  // A byte in the middle, because the last base64url character may carry unused bits.
  const index = Math.floor(signature.length / 2)
  signature[index] = signature[index]! ^ 0x01
  return `${token.slice(0, lastDot + 1)}${signature.toString('base64url')}`
}

// Shortens a failure line. The claims are the benchmark's own and never a secret.
function preview(claims: unknown): string {
  const text = JSON.stringify(claims) ?? String(claims)
  return text.length > 120 ? `${text.slice(0, 120)}...` : text
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Returns why the signer or encrypter fails the gate, or undefined when it passes. */
export async function checkCreator(
  createToken: CreateToken,
  floorRead: (token: string) => Claims,
): Promise<string | undefined> {
  let token: string
  try {
    token = await createToken(CLAIMS)
  } catch (error) {
    return `creating a token failed: ${describe(error)}`
  }
  let claims: Claims
  try {
    claims = floorRead(token)
  } catch (error) {
    return `the floor rejected its token: ${describe(error)}`
  }
  if (!isDeepStrictEqual(claims, CLAIMS)) {
    return `its token carries other claims: ${preview(claims)}`
  }
  return undefined
}

/** Returns why the verifier or decrypter fails the gate, or undefined when it passes. */
export async function checkReader(
  readToken: ReadToken,
  floorToken: string,
): Promise<string | undefined> {
  let claims: unknown
  try {
    claims = await readToken(floorToken)
  } catch (error) {
    return `it rejected the floor's token: ${describe(error)}`
  }
  if (!isDeepStrictEqual(claims, CLAIMS)) {
    return `it returned other claims: ${preview(claims)}`
  }
  try {
    await readToken(tamperToken(floorToken))
  } catch {
    return undefined
  }
  return 'it accepted a token with a flipped byte in its last segment'
}
