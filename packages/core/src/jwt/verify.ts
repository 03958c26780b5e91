/** Verification of signed JWTs: verifyJwt (async, universal) and createVerifier (prepared, synchronous). */
import { assertSynchronousBackend } from '../backend/index.js'
import { parseCompactJws, verifyParsed } from '../jws/compact-verify.js'
import { assertVerificationKeys } from '../jws/key-selection.js'
import type { AsyncKeyResolver, VerificationKeys } from '../jws/key-selection.js'
import { prepareJwsOptions } from '../jws/options.js'
import { checkClaims, prepareClaimsOptions } from './claims-check.js'
import { VERIFY_JWT_OPTIONS, rejectUnknownOptions } from '../jose/option-names.js'
import { decodeClaims } from './payload.js'
import type { JwtClaims, VerifyJwtOptions, VerifyJwtResult } from './types.js'

/**
 * Verifies a signed JWT: structure and size, header and `crit`, the algorithm against the
 * allowlist and the key's binding, the signature, then the claims. A token that is both
 * wrongly signed and expired fails as wrongly signed.
 * @param keys one key, a list picked by `kid` and `alg`, or a resolver that may be async.
 * @throws JotError `ARGUMENT_INVALID`, `OPTION_INVALID`, `INPUT_TOO_LARGE`, `TOKEN_MALFORMED`,
 *   `CRIT_UNSUPPORTED`, `ALG_NOT_ALLOWED`, `ALG_UNSUPPORTED`, `NO_MATCHING_KEY`, `KEY_INVALID`,
 *   `SIGNATURE_INVALID`, `TYP_MISMATCH`, `CLAIM_INVALID`, `TOKEN_EXPIRED`,
 *   `TOKEN_NOT_YET_VALID` or `TOKEN_TOO_OLD`.
 * @example
 * const { claims } = await verifyJwt(token, publicKey, {
 *   issuer: 'https://auth.example.com',
 *   audience: 'https://api.example.com',
 * })
 */
export async function verifyJwt<C extends JwtClaims = JwtClaims>(
  token: string,
  keys: VerificationKeys | AsyncKeyResolver,
  options?: VerifyJwtOptions,
): Promise<VerifyJwtResult<C>> {
  assertVerificationKeys(keys)
  rejectUnknownOptions(options, VERIFY_JWT_OPTIONS, 'verifyJwt')
  const jwsOptions = prepareJwsOptions(options)
  const claimsOptions = prepareClaimsOptions(options)

  const parsed = parseCompactJws(token, jwsOptions)
  const resolved = typeof keys === 'function' ? await keys(parsed.header) : keys
  const pending = verifyParsed(parsed, resolved ?? [], jwsOptions)
  if (pending !== undefined) await pending

  const claims = decodeClaims(parsed.segments.payload, true)
  checkClaims(parsed.header, claims, claimsOptions)
  return { header: parsed.header, claims: claims as C }
}

/**
 * Prepares a synchronous JWT verifier: options are checked once, here, and each call does
 * only the per-token work. Resolver functions must be synchronous, and so must the backend:
 * on the Web Crypto backend createVerifier throws `ARGUMENT_INVALID`.
 * @throws JotError `ARGUMENT_INVALID` or `OPTION_INVALID` at creation; the returned function
 *   throws the codes listed on verifyJwt.
 * @example
 * const verify = createVerifier(publicKey, { issuer: 'https://auth.example.com' })
 * const { claims } = verify(token)
 */
export function createVerifier<C extends JwtClaims = JwtClaims>(
  keys: VerificationKeys,
  options?: VerifyJwtOptions,
): (token: string) => VerifyJwtResult<C> {
  assertVerificationKeys(keys)
  rejectUnknownOptions(options, VERIFY_JWT_OPTIONS, 'createVerifier')
  const jwsOptions = prepareJwsOptions(options)
  const claimsOptions = prepareClaimsOptions(options)
  assertSynchronousBackend('createVerifier')

  return function verifyPrepared(token: string): VerifyJwtResult<C> {
    const parsed = parseCompactJws(token, jwsOptions)
    // The cast is sound: the backend was checked to be synchronous at creation, so
    // verifyParsed returns undefined or throws.
    verifyParsed(parsed, keys, jwsOptions) as undefined
    const claims = decodeClaims(parsed.segments.payload, true)
    checkClaims(parsed.header, claims, claimsOptions)
    return { header: parsed.header, claims: claims as C }
  }
}
