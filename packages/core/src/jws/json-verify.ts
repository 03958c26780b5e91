/** Verification of the flattened and general JWS JSON serializations (RFC 7515 section 7.2). */
import { VERIFY_JSON_OPTIONS, rejectUnknownOptions } from '../jose/option-names.js'
import { isJotError } from '../errors.js'
import type { JotError, JotErrorCode } from '../errors.js'
import { decodeCheckedBase64url } from '../encoding/base64url.js'
import { withNativeExtensions } from './header.js'
import type { JwsHeader } from './header.js'
import type { JwsHeaderParameters } from './json-header.js'
import { parseJsonJws } from './json-parse.js'
import { assertVerificationKeys } from './key-selection.js'
import type { AsyncKeyResolver, VerificationKeys } from './key-selection.js'
import { positiveInteger, prepareJwsOptions } from './options.js'
import type { VerifyJwsOptions } from './options.js'
import { decodePayload, detachedPayloadOption, signingInput } from './payload.js'
import { allowedAlgorithm, verifyWithKeys } from './signature-check.js'

/** Default maximum number of signatures a general JWS may carry. */
export const DEFAULT_MAX_SIGNATURES = 8

/** Options for verifying a JSON-serialized JWS. */
export interface VerifyJsonOptions extends VerifyJwsOptions {
  /**
   * Maximum length of the JWS as JSON text, in characters; an object is measured as
   * `JSON.stringify` writes it. Default 16384.
   */
  readonly maxTokenLength?: number | undefined
  /**
   * Maximum number of signatures in a general JWS; one with more is rejected whole, before any
   * signature is checked. Default 8.
   */
  readonly maxSignatures?: number | undefined
  /**
   * The payload of a detached JWS (RFC 7515 appendix F), whose `payload` member is then absent
   * or empty. A string is taken as its UTF-8 bytes. Default: the payload is in the JWS.
   */
  readonly detachedPayload?: string | Uint8Array | undefined
}

/** The result of verifying a JSON-serialized JWS: the payload and the signature that verified. */
export interface VerifyJsonResult {
  readonly payload: Uint8Array
  /** The JOSE header of the signature that verified: both halves in one object. */
  readonly header: JwsHeader
  /** The decoded protected header of that signature; undefined when it has none. */
  readonly protectedHeader: JwsHeaderParameters | undefined
  /** The unprotected header of that signature; undefined when it has none. */
  readonly unprotectedHeader: JwsHeaderParameters | undefined
  /** The index of that signature in `signatures`; 0 for a flattened JWS. */
  readonly signatureIndex: number
}

// How far a signature got before it failed. When none verifies, the furthest failure is the
// most useful one to report, because a wrong signature is more informative than a skipped
// algorithm.
const FAILURE_STAGE: Partial<Record<JotErrorCode, number>> = {
  ALG_UNSUPPORTED: 1,
  ALG_NOT_ALLOWED: 2,
  NO_MATCHING_KEY: 3,
  KEY_INVALID: 4,
  SIGNATURE_INVALID: 5,
}

/**
 * Verifies a flattened or general JWS, given as JSON text or as the parsed object.
 *
 * Every signature's structure and header are checked first, and any fault (duplicate header
 * names, `crit` outside the protected header, an unknown critical parameter, differing `b64`
 * values) rejects the whole JWS. The signatures are then tried in order, and the first one
 * whose algorithm is allowed, whose key resolves and whose signature verifies makes the JWS
 * valid. RFC 7515 section 5.2 requires at least one valid signature and leaves the rest to the
 * application. jot accepts one that verifies with the caller's keys, so a caller that requires
 * a particular signer passes only that signer's keys. When none verifies, the error is
 * that of the signature that got furthest through the algorithm, key and signature checks, the
 * first among equals. A resolver given as `keys` is called for each signature whose algorithm
 * is allowed. Unencoded payloads (RFC 7797, `b64: false`) are accepted when `crit` lists `b64`.
 * @throws JotError `ARGUMENT_INVALID`, `OPTION_INVALID`, `INPUT_TOO_LARGE`, `TOKEN_MALFORMED`,
 *   `CRIT_UNSUPPORTED`, `ALG_NOT_ALLOWED`, `ALG_UNSUPPORTED`, `NO_MATCHING_KEY`,
 *   `KEY_INVALID` or `SIGNATURE_INVALID`.
 * @example
 * const { payload, header, signatureIndex } = await verifyJson(jws, [rsaPublicKey, ecPublicKey])
 */
export async function verifyJson(
  jws: string | object,
  keys: VerificationKeys | AsyncKeyResolver,
  options?: VerifyJsonOptions,
): Promise<VerifyJsonResult> {
  assertVerificationKeys(keys)
  rejectUnknownOptions(options, VERIFY_JSON_OPTIONS, 'verifyJson')
  const prepared = prepareJwsOptions(options)
  const maxSignatures = positiveInteger(
    options?.maxSignatures,
    'maxSignatures',
    DEFAULT_MAX_SIGNATURES,
  )
  const detached = detachedPayloadOption(options?.detachedPayload)

  const parsed = parseJsonJws(jws, {
    maxLength: prepared.maxTokenLength,
    maxSignatures,
    understood: withNativeExtensions(prepared.crit),
  })
  const payload = decodePayload(parsed.payload, parsed.b64, detached)

  let failure: JotError | undefined
  for (const [index, signature] of parsed.signatures.entries()) {
    try {
      const entry = allowedAlgorithm(signature.header.alg, prepared)
      await verifyWithKeys(
        keys,
        signature.header,
        entry,
        signingInput(signature.encodedProtected, payload.signed),
        decodeCheckedBase64url(signature.signature),
        prepared.maxKeyCandidates,
      )
      return {
        payload: payload.bytes,
        header: signature.header,
        protectedHeader: signature.protectedHeader,
        unprotectedHeader: signature.unprotectedHeader,
        signatureIndex: index,
      }
    } catch (error) {
      if (!isJotError(error) || FAILURE_STAGE[error.code] === undefined) throw error
      if (failure === undefined || stageOf(error) > stageOf(failure)) failure = error
    }
  }
  // The loop ran at least once, because parsing rejects an empty "signatures" array.
  throw failure as JotError
}

function stageOf(error: JotError): number {
  return FAILURE_STAGE[error.code] ?? 0
}
