/** Verification of compact JWS: the steps shared by verifyCompact, verifyJwt and createVerifier. */
import { VERIFY_COMPACT_OPTIONS, rejectUnknownOptions } from '../jose/option-names.js'
import { JotError } from '../errors.js'
import { decodeCanonicalBase64url, decodeCheckedBase64url } from '../encoding/base64url.js'
import { getJwsAlgorithm } from '../jwa/jws-algorithms.js'
import type { JwsAlgorithmEntry } from '../jwa/jws-algorithms.js'
import type { JotKey } from '../keys/key.js'
import { splitCompactJws } from './compact-parse.js'
import type { CompactSegments } from './compact-parse.js'
import { parseProtectedHeader, readB64, withNativeExtensions } from './header.js'
import type { JwsHeader } from './header.js'
import { assertVerificationKeys, selectKeys } from './key-selection.js'
import type { AsyncKeyResolver, VerificationKeys } from './key-selection.js'
import { prepareJwsOptions } from './options.js'
import type { PreparedJwsOptions, VerifyJwsOptions } from './options.js'
import { decodePayload, detachedPayloadOption, signingInput } from './payload.js'
import {
  allowedAlgorithm,
  checkEncodedSignature,
  keysTriedWithoutKid,
  verifyCandidates,
  verifyWithKeys,
} from './signature-check.js'

/** A compact JWS whose structure and header have been checked, before key selection. */
export interface ParsedCompactJws {
  readonly segments: CompactSegments
  readonly header: JwsHeader
  readonly entry: JwsAlgorithmEntry
  /** The decoded payload segment. */
  readonly payload: Uint8Array
  /** The decoded signature segment. */
  readonly signature: Uint8Array
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
  // Checking a segment decodes it, so the bytes are kept for the signature and claims steps.
  const payload = decodeCanonicalBase64url(segments.payload)
  if (payload === undefined) {
    throw new JotError('TOKEN_MALFORMED', 'The payload is not canonical unpadded base64url.')
  }
  const signature =
    segments.signature === '' ? undefined : decodeCanonicalBase64url(segments.signature)
  if (signature === undefined) {
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
  return { segments, header, entry, payload, signature }
}

/**
 * Checks the signature with each candidate key in turn: undefined when a key verifies on a
 * synchronous backend, a promise on an asynchronous one.
 * @throws JotError `SIGNATURE_INVALID` when no candidate verifies it.
 */
export function checkSignature(
  parsed: ParsedCompactJws,
  candidates: readonly JotKey[],
): Promise<void> | undefined {
  const input = parsed.segments.signingInput
  const tried = keysTriedWithoutKid(parsed.header, candidates)
  return verifyCandidates(parsed.entry, candidates, input, parsed.signature, tried)
}

/** The result of verifying a compact JWS: its header and payload bytes. */
export interface VerifyCompactResult {
  readonly header: JwsHeader
  readonly payload: Uint8Array
}

/**
 * Verifies a compact JWS with the keys given: synchronously on the Node.js backend, which
 * returns undefined, and through the returned promise on the Web Crypto backend.
 * @internal Used by verifyCompact and the JWT verifiers.
 */
export function verifyParsed(
  parsed: ParsedCompactJws,
  keys: VerificationKeys,
  options: PreparedJwsOptions,
): Promise<void> | undefined {
  const resolved = typeof keys === 'function' ? keys(parsed.header) : keys
  if (resolved instanceof Promise) {
    throw new JotError(
      'ARGUMENT_INVALID',
      'The key resolver returned a promise; synchronous verifiers need a synchronous resolver, or use verifyJwt.',
    )
  }
  return checkSignature(
    parsed,
    selectKeys(resolved, parsed.header, parsed.entry, options.maxKeyCandidates),
  )
}

/** Options for verifying a compact JWS. */
export interface VerifyCompactOptions extends VerifyJwsOptions {
  /**
   * The payload of a detached JWS (RFC 7515 appendix F), whose payload segment is then empty.
   * A string is taken as its UTF-8 bytes. Default: the payload is in the token.
   */
  readonly detachedPayload?: string | Uint8Array | undefined
}

/**
 * Verifies a compact JWS and returns its header and payload bytes. An unencoded payload
 * (RFC 7797, `b64: false`) is accepted when the header's `crit` lists `b64`, as RFC 7797
 * requires. The caller need not list `b64` in the `crit` option, because jot implements it.
 * @throws JotError `ARGUMENT_INVALID`, `OPTION_INVALID`, `INPUT_TOO_LARGE`, `TOKEN_MALFORMED`,
 *   `CRIT_UNSUPPORTED`, `ALG_NOT_ALLOWED`, `ALG_UNSUPPORTED`, `NO_MATCHING_KEY`,
 *   `KEY_INVALID` or `SIGNATURE_INVALID`.
 * @example
 * const { header, payload } = await verifyCompact(token, publicKey, { algorithms: ['ES256'] })
 * const detached = await verifyCompact(token, publicKey, { detachedPayload: document })
 */
export async function verifyCompact(
  token: string,
  keys: VerificationKeys | AsyncKeyResolver,
  options?: VerifyCompactOptions,
): Promise<VerifyCompactResult> {
  assertVerificationKeys(keys)
  rejectUnknownOptions(options, VERIFY_COMPACT_OPTIONS, 'verifyCompact')
  const prepared = prepareJwsOptions(options)
  const detached = detachedPayloadOption(options?.detachedPayload)

  // parseCompactJws, the JWT path, rejects `b64`, so this path has its own steps. They run in
  // the same order: size and structure, header and crit, algorithm, payload and signature.
  const segments = splitCompactJws(token, prepared.maxTokenLength)
  const header = parseProtectedHeader(segments.header, withNativeExtensions(prepared.crit))
  const b64 = readB64(header)
  const entry = allowedAlgorithm(header.alg, prepared)
  const payload = decodePayload(segments.payload, b64, detached)
  checkEncodedSignature(segments.signature)

  await verifyWithKeys(
    keys,
    header,
    entry,
    signingInput(segments.header, payload.signed),
    decodeCheckedBase64url(segments.signature),
    prepared.maxKeyCandidates,
  )
  return { header, payload: payload.bytes }
}
