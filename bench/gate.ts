/**
 * The correctness gate, run before any timing: a signer's tokens must pass the floor verifier
 * with the claims intact, and a verifier must accept the floor's token and reject a tampered one.
 */
import { isDeepStrictEqual } from 'node:util'
import type { Implementation } from './contender.js'
import { CLAIMS, type Claims } from './token.js'

/** Returns the token with one byte of its signature flipped. */
export function tamperSignature(token: string): string {
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

/** Returns why the signer fails the gate, or undefined when it passes. */
export async function checkSigner(
  implementation: Implementation,
  floorVerify: (token: string) => Claims,
): Promise<string | undefined> {
  let token: string
  try {
    token = await implementation.sign(CLAIMS)
  } catch (error) {
    return `signing failed: ${describe(error)}`
  }
  let claims: Claims
  try {
    claims = floorVerify(token)
  } catch (error) {
    return `the floor verifier rejected its token: ${describe(error)}`
  }
  if (!isDeepStrictEqual(claims, CLAIMS)) {
    return `its token carries other claims: ${preview(claims)}`
  }
  return undefined
}

/** Returns why the verifier fails the gate, or undefined when it passes. */
export async function checkVerifier(
  implementation: Implementation,
  floorToken: string,
): Promise<string | undefined> {
  let claims: unknown
  try {
    claims = await implementation.verify(floorToken)
  } catch (error) {
    return `it rejected the floor's token: ${describe(error)}`
  }
  if (!isDeepStrictEqual(claims, CLAIMS)) {
    return `it returned other claims: ${preview(claims)}`
  }
  try {
    await implementation.verify(tamperSignature(floorToken))
  } catch {
    return undefined
  }
  return 'it accepted a token with a flipped signature byte'
}
