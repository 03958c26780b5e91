/** JotError and the closed list of its stable codes. */

/**
 * Every code a JotError can carry. Codes are public API: never renamed or reused.
 *
 * Untrusted input and environment failures:
 * - `TOKEN_MALFORMED`: wrong segment count, non-canonical base64url, invalid JSON or UTF-8,
 *   a header or claim of the wrong type, duplicate JSON member names.
 * - `INPUT_TOO_LARGE`: a token, segment or JSON document over its size or depth limit. For a
 *   JWE, also a PBES2 iteration count `p2c` or decompressed content over its cap.
 * - `ALG_NOT_ALLOWED`: the token's `alg` is not in the verifier's list, differs from the
 *   key's bound algorithm, or is `none`.
 * - `ALG_UNSUPPORTED`: the algorithm is not implemented by this backend.
 * - `CRIT_UNSUPPORTED`: the header lists a critical parameter the caller does not process.
 * - `NO_MATCHING_KEY`: no key in the key set fits the token's `kid`, `alg` and key type.
 * - `SIGNATURE_INVALID`: the signature does not verify.
 * - `DECRYPTION_FAILED`: a JWE does not decrypt with any candidate key. The message is the same
 *   whichever step failed (unwrapping the key, the CEK length, the tag, the padding), so it
 *   tells an attacker nothing about the key or the plaintext.
 * - `TOKEN_EXPIRED`: `exp` is at or before the current time, beyond the tolerance.
 * - `TOKEN_NOT_YET_VALID`: `nbf` or `iat` lies in the future, beyond the tolerance.
 * - `TOKEN_TOO_OLD`: `iat` is older than the verifier's `maxAgeSec`.
 * - `CLAIM_INVALID`: a claim is missing, of the wrong type, or differs from the expected value.
 * - `TYP_MISMATCH`: the header `typ` differs from the expected one.
 * - `KEY_INVALID`: key material is malformed, too weak, or of the wrong type for the job.
 * - `KEY_UNSUPPORTED`: the key type or curve is not supported.
 * - `JWKS_FETCH_FAILED`: a JWK Set request failed: a network error, a timeout, a status other
 *   than 200 (redirects included), or a body over the size limit. `details.reason` says which.
 * - `JWKS_INVALID`: a JWK Set is not valid UTF-8 JSON or not an object with a `keys` array,
 *   or a key set cache snapshot is malformed.
 *
 * Caller mistakes, thrown where the option or argument is supplied:
 * - `OPTION_INVALID`: an options object holds a value of the wrong type or range.
 * - `ARGUMENT_INVALID`: a positional argument is of the wrong type.
 */
export type JotErrorCode =
  | 'TOKEN_MALFORMED'
  | 'INPUT_TOO_LARGE'
  | 'ALG_NOT_ALLOWED'
  | 'ALG_UNSUPPORTED'
  | 'CRIT_UNSUPPORTED'
  | 'NO_MATCHING_KEY'
  | 'SIGNATURE_INVALID'
  | 'DECRYPTION_FAILED'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_NOT_YET_VALID'
  | 'TOKEN_TOO_OLD'
  | 'CLAIM_INVALID'
  | 'TYP_MISMATCH'
  | 'KEY_INVALID'
  | 'KEY_UNSUPPORTED'
  | 'JWKS_FETCH_FAILED'
  | 'JWKS_INVALID'
  | 'OPTION_INVALID'
  | 'ARGUMENT_INVALID'

/** The list of codes as a runtime value, for exhaustiveness checks and documentation. */
export const JOT_ERROR_CODES: readonly JotErrorCode[] = [
  'TOKEN_MALFORMED',
  'INPUT_TOO_LARGE',
  'ALG_NOT_ALLOWED',
  'ALG_UNSUPPORTED',
  'CRIT_UNSUPPORTED',
  'NO_MATCHING_KEY',
  'SIGNATURE_INVALID',
  'DECRYPTION_FAILED',
  'TOKEN_EXPIRED',
  'TOKEN_NOT_YET_VALID',
  'TOKEN_TOO_OLD',
  'CLAIM_INVALID',
  'TYP_MISMATCH',
  'KEY_INVALID',
  'KEY_UNSUPPORTED',
  'JWKS_FETCH_FAILED',
  'JWKS_INVALID',
  'OPTION_INVALID',
  'ARGUMENT_INVALID',
]

/** Context for a claim failure: which claim and why, never the claim's whole value. */
export interface ClaimDetails {
  readonly claim: string
  readonly reason: 'missing' | 'type' | 'mismatch' | 'expired' | 'not-yet-valid' | 'too-old'
}

/** Context for a failed JWK Set request: why it failed, and the HTTP status when one arrived. */
export interface JwksFetchDetails {
  readonly reason: 'network' | 'timeout' | 'status' | 'too-large'
  /** The response status, present when `reason` is `status`. */
  readonly status?: number | undefined
}

/** Per-code context. Codes without an entry carry no details. */
export interface JotErrorDetailsByCode {
  TOKEN_EXPIRED: ClaimDetails
  TOKEN_NOT_YET_VALID: ClaimDetails
  TOKEN_TOO_OLD: ClaimDetails
  CLAIM_INVALID: ClaimDetails
  JWKS_FETCH_FAILED: JwksFetchDetails
}

export type JotErrorDetails<C extends JotErrorCode> = C extends keyof JotErrorDetailsByCode
  ? JotErrorDetailsByCode[C]
  : undefined

/** The one error type of jot. Switch on `code`, never on the message. */
export class JotError<C extends JotErrorCode = JotErrorCode> extends Error {
  override readonly name = 'JotError'
  readonly code: C
  readonly details: JotErrorDetails<C>

  constructor(
    code: C,
    message: string,
    options?: { cause?: unknown; details?: JotErrorDetails<C> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.details = options?.details as JotErrorDetails<C>
  }
}

/** Tells whether a value is a JotError, optionally with the given code. */
export function isJotError<C extends JotErrorCode>(value: unknown, code?: C): value is JotError<C> {
  return value instanceof JotError && (code === undefined || value.code === code)
}
