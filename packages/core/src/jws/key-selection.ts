/** Choosing the keys that may verify a JWS, from one key, a list, or a resolver function. */
import { JotError } from '../errors.js'
import type { JwsAlgorithmEntry } from '../jwa/jws-algorithms.js'
import { assertKeyUsable, isJotKey } from '../keys/key.js'
import type { JotKey } from '../keys/key.js'
import type { JwsHeader } from './header.js'

/** Picks keys for a header. Returning undefined or an empty list means no key fits. */
export type KeyResolver = (header: JwsHeader) => JotKey | readonly JotKey[] | undefined

/** A resolver that may look keys up asynchronously; only the async API accepts it. */
export type AsyncKeyResolver = (
  header: JwsHeader,
) => JotKey | readonly JotKey[] | undefined | Promise<JotKey | readonly JotKey[] | undefined>

/** What a verifier accepts as keys: one key, a list (picked by `kid` and `alg`), or a resolver. */
export type VerificationKeys = JotKey | readonly JotKey[] | KeyResolver

/** Default number of keys tried for a token that several keys could have signed. */
export const DEFAULT_MAX_KEY_CANDIDATES = 3

/**
 * Checks the keys argument where it is supplied.
 * @throws JotError `ARGUMENT_INVALID`.
 */
export function assertVerificationKeys(keys: unknown): void {
  if (isJotKey(keys) || typeof keys === 'function') return
  if (Array.isArray(keys) && keys.every(isJotKey)) return
  throw new JotError(
    'ARGUMENT_INVALID',
    'The verification key must be a JotKey, an array of JotKeys or a resolver function; import raw material with importJwk, importPem or importSecret first.',
  )
}

/**
 * Narrows resolved keys to those bound to the token's algorithm and matching its `kid`.
 * A single key is checked strictly, so a token cannot switch it to another algorithm
 * (algorithm confusion, RFC 8725 section 2.1).
 * @throws JotError `ALG_NOT_ALLOWED`, `KEY_INVALID` or `NO_MATCHING_KEY`.
 */
export function selectKeys(
  resolved: JotKey | readonly JotKey[] | undefined,
  header: JwsHeader,
  entry: JwsAlgorithmEntry,
  maxCandidates: number,
): readonly JotKey[] {
  if (isJotKey(resolved)) {
    assertKeyUsable(resolved, entry.alg, 'verify')
    return [resolved]
  }
  if (resolved === undefined || resolved.length === 0) throw noMatchingKey(header)
  const candidates = resolved.filter(
    (key) =>
      key.alg === entry.alg &&
      (header.kid === undefined || key.kid === header.kid) &&
      key.use !== 'enc' &&
      (key.keyOps === undefined || key.keyOps.includes('verify')),
  )
  if (candidates.length === 0) throw noMatchingKey(header)
  return candidates.slice(0, maxCandidates)
}

function noMatchingKey(header: JwsHeader): JotError {
  const kid = header.kid === undefined ? 'no kid' : `kid "${header.kid.slice(0, 64)}"`
  return new JotError(
    'NO_MATCHING_KEY',
    `No verification key matches the token's alg "${header.alg.slice(0, 32)}" and ${kid}.`,
  )
}
