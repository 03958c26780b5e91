/** Checking one JWS signature: the algorithm against the allowlist, then the keys, then the bytes. */
import { JotError } from '../errors.js'
import { signatureBackend } from '../backend/index.js'
import { isBase64url } from '../encoding/base64url.js'
import { getJwsAlgorithm } from '../jwa/jws-algorithms.js'
import type { JwsAlgorithmEntry } from '../jwa/jws-algorithms.js'
import { isJotKey } from '../keys/key.js'
import type { JotKey } from '../keys/key.js'
import type { JwsHeader } from './header.js'
import { selectKeys } from './key-selection.js'
import type { AsyncKeyResolver, VerificationKeys } from './key-selection.js'
import type { PreparedJwsOptions } from './options.js'

/**
 * Looks up a header's algorithm and checks it against the caller's allowlist.
 * @throws JotError `ALG_NOT_ALLOWED` or `ALG_UNSUPPORTED`.
 */
export function allowedAlgorithm(alg: string, options: PreparedJwsOptions): JwsAlgorithmEntry {
  const entry = getJwsAlgorithm(alg)
  if (options.algorithms !== null && !options.algorithms.has(entry.alg)) {
    throw new JotError(
      'ALG_NOT_ALLOWED',
      `The algorithm "${entry.alg}" is not in the allowed list.`,
    )
  }
  return entry
}

/**
 * Checks that an encoded signature is non-empty canonical base64url.
 * @throws JotError `TOKEN_MALFORMED`.
 */
export function checkEncodedSignature(signature: string): void {
  if (signature === '' || !isBase64url(signature)) {
    throw new JotError(
      'TOKEN_MALFORMED',
      'The signature is empty or not canonical unpadded base64url.',
    )
  }
}

/**
 * Resolves the keys for a header and checks the signature over the signing input with each
 * candidate in turn.
 * @throws JotError `ARGUMENT_INVALID` when a resolver returns something other than keys,
 *   `ALG_NOT_ALLOWED`, `KEY_INVALID`, `NO_MATCHING_KEY` or `SIGNATURE_INVALID`.
 */
export async function verifyWithKeys(
  keys: VerificationKeys | AsyncKeyResolver,
  header: JwsHeader,
  entry: JwsAlgorithmEntry,
  input: string | Uint8Array,
  signature: Uint8Array,
  maxKeyCandidates: number,
): Promise<void> {
  const resolved = typeof keys === 'function' ? checkResolved(await keys(header)) : keys
  const candidates = selectKeys(resolved, header, entry, maxKeyCandidates)
  const tried = keysTriedWithoutKid(header, candidates)
  const pending = verifyCandidates(entry, candidates, input, signature, tried)
  if (pending !== undefined) await pending
}

/**
 * Returns how many keys a failed check tried when the token has no `kid` and several were
 * tried. A `maxKeyCandidates` cap may then have skipped the signing key, and the error message states it.
 */
export function keysTriedWithoutKid(
  header: JwsHeader,
  candidates: readonly JotKey[],
): number | undefined {
  return header.kid === undefined && candidates.length > 1 ? candidates.length : undefined
}

/**
 * Checks a signature with each candidate key in turn. It returns undefined when a key
 * verifies on a synchronous backend, and a promise only once the backend has returned one, so
 * the Node.js path never awaits.
 * @throws JotError `SIGNATURE_INVALID` when no candidate verifies the signature.
 */
export function verifyCandidates(
  entry: JwsAlgorithmEntry,
  candidates: readonly JotKey[],
  input: string | Uint8Array,
  signature: Uint8Array,
  tried?: number,
): Promise<void> | undefined {
  for (let index = 0; index < candidates.length; index++) {
    const result = signatureBackend.verify(entry, candidates[index] as JotKey, input, signature)
    if (result === true) return undefined
    if (result !== false) {
      return verifyRemaining(result, entry, candidates.slice(index + 1), input, signature, tried)
    }
  }
  throw invalidSignature(entry, tried)
}

async function verifyRemaining(
  first: Promise<boolean>,
  entry: JwsAlgorithmEntry,
  rest: readonly JotKey[],
  input: string | Uint8Array,
  signature: Uint8Array,
  tried: number | undefined,
): Promise<void> {
  if (await first) return
  for (const key of rest) {
    if (await signatureBackend.verify(entry, key, input, signature)) return
  }
  throw invalidSignature(entry, tried)
}

function invalidSignature(entry: JwsAlgorithmEntry, tried: number | undefined): JotError {
  if (tried === undefined) return new JotError('SIGNATURE_INVALID', 'The signature is invalid.')
  return new JotError(
    'SIGNATURE_INVALID',
    `The signature is invalid with each of the ${String(tried)} ${entry.alg} keys tried. The token has no "kid", so at most maxKeyCandidates keys are tried, a limit of both the key set and the verifier; give tokens a "kid", or raise both limits.`,
  )
}

function checkResolved(resolved: unknown): JotKey | readonly JotKey[] | undefined {
  if (resolved === undefined || resolved === null) return undefined
  if (isJotKey(resolved)) return resolved
  if (Array.isArray(resolved) && resolved.every(isJotKey)) return resolved
  throw new JotError(
    'ARGUMENT_INVALID',
    'The key resolver must return a JotKey, an array of JotKeys or undefined.',
  )
}
