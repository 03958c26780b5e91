/** Verification of compact JWS: the steps shared by verifyCompact, verifyJwt and createVerifier. */
import { JotError } from '../errors.js'
import { signatureBackend } from '../backend/index.js'
import { decodeCheckedBase64url, isBase64url } from '../encoding/base64url.js'
import { getJwsAlgorithm } from '../jwa/jws-algorithms.js'
import type { JwsAlgorithmEntry } from '../jwa/jws-algorithms.js'
import type { JotKey } from '../keys/key.js'
import { splitCompactJws } from './compact-parse.js'
import type { CompactSegments } from './compact-parse.js'
import { parseProtectedHeader } from './header.js'
import type { JwsHeader } from './header.js'
import { assertVerificationKeys, selectKeys } from './key-selection.js'
import type { AsyncKeyResolver, VerificationKeys } from './key-selection.js'
import { prepareJwsOptions } from './options.js'
import type { PreparedJwsOptions, VerifyJwsOptions } from './options.js'

/** A compact JWS whose structure and header have been checked, before key selection. */
export interface ParsedCompactJws {
  readonly segments: CompactSegments
  readonly header: JwsHeader
  readonly entry: JwsAlgorithmEntry
}

/**
 * Checks size, structure and header, then the algorithm against the allowlist.
 * @throws JotError `INPUT_TOO_LARGE`, `TOKEN_MALFORMED`, `CRIT_UNSUPPORTED`,
 *   `ALG_NOT_ALLOWED` or `ALG_UNSUPPORTED`.
 */
export function parseCompactJws(token: unknown, options: PreparedJwsOptions): ParsedCompactJws {
  const segments = splitCompactJws(token, options.maxTokenLength)
  const header = parseProtectedHeader(segments.header, options.crit)
  const entry = getJwsAlgorithm(header.alg)
  if (options.algorithms !== null && !options.algorithms.has(entry.alg)) {
    throw new JotError(
      'ALG_NOT_ALLOWED',
      `The algorithm "${entry.alg}" is not in the allowed list.`,
    )
  }
  // All segments are checked before any key is touched, so non-canonical spellings of a
  // token fail the same way whatever key they are tried with.
  if (!isBase64url(segments.payload)) {
    throw new JotError('TOKEN_MALFORMED', 'The payload is not canonical unpadded base64url.')
  }
  if (segments.signature === '' || !isBase64url(segments.signature)) {
    throw new JotError(
      'TOKEN_MALFORMED',
      'The signature is empty or not canonical unpadded base64url.',
    )
  }
  if (header['b64'] !== undefined) {
    throw new JotError(
      'TOKEN_MALFORMED',
      'The header parameter "b64" is not supported in compact JWT verification.',
    )
  }
  return { segments, header, entry }
}

/**
 * Checks the signature with each candidate key in turn.
 * @throws JotError `SIGNATURE_INVALID` when no candidate verifies it.
 */
export function checkSignature(parsed: ParsedCompactJws, candidates: readonly JotKey[]): void {
  const signature = decodeCheckedBase64url(parsed.segments.signature)
  for (const key of candidates) {
    if (signatureBackend.verify(parsed.entry, key, parsed.segments.signingInput, signature)) return
  }
  throw new JotError('SIGNATURE_INVALID', 'The signature is invalid.')
}

/** The result of verifying a compact JWS: its header and payload bytes. */
export interface VerifyCompactResult {
  readonly header: JwsHeader
  readonly payload: Uint8Array
}

/**
 * Verifies a compact JWS with the keys given, synchronously where the backend allows it.
 * @internal Used by verifyCompact and the JWT verifiers.
 */
export function verifyParsedSync(
  parsed: ParsedCompactJws,
  keys: VerificationKeys,
  options: PreparedJwsOptions,
): void {
  const resolved = typeof keys === 'function' ? keys(parsed.header) : keys
  if (resolved instanceof Promise) {
    throw new JotError(
      'ARGUMENT_INVALID',
      'The key resolver returned a promise; synchronous verifiers need a synchronous resolver, or use verifyJwt.',
    )
  }
  checkSignature(
    parsed,
    selectKeys(resolved, parsed.header, parsed.entry, options.maxKeyCandidates),
  )
}

/**
 * Verifies a compact JWS and returns its header and payload bytes.
 * @throws JotError `ARGUMENT_INVALID`, `OPTION_INVALID`, `INPUT_TOO_LARGE`, `TOKEN_MALFORMED`,
 *   `CRIT_UNSUPPORTED`, `ALG_NOT_ALLOWED`, `ALG_UNSUPPORTED`, `NO_MATCHING_KEY`,
 *   `KEY_INVALID` or `SIGNATURE_INVALID`.
 * @example
 * const { header, payload } = await verifyCompact(token, publicKey, { algorithms: ['ES256'] })
 */
export async function verifyCompact(
  token: string,
  keys: VerificationKeys | AsyncKeyResolver,
  options?: VerifyJwsOptions,
): Promise<VerifyCompactResult> {
  assertVerificationKeys(keys)
  const prepared = prepareJwsOptions(options)
  const parsed = parseCompactJws(token, prepared)
  const resolved = typeof keys === 'function' ? await keys(parsed.header) : keys
  verifyParsedSync(parsed, resolved ?? [], prepared)
  return { header: parsed.header, payload: decodeCheckedBase64url(parsed.segments.payload) }
}
