/** Verification of signed JWTs: verifyJwt (async, universal) and createVerifier (prepared, synchronous). */
import { assertSynchronousBackend } from '../backend/index.js'
import { parseCompactJws, verifyParsed } from '../jws/compact-verify.js'
import { assertVerificationKeys } from '../jws/key-selection.js'
import type { AsyncKeyResolver, VerificationKeys } from '../jws/key-selection.js'
import { deepFreeze } from '../encoding/json.js'
import { prepareJwsOptions } from '../jws/options.js'
import type { PreparedJwsOptions } from '../jws/options.js'
import { checkClaims, checkTimesNow, prepareClaimsOptions } from './claims-check.js'
import type { PreparedClaimsOptions } from './claims-check.js'
import { prepareClock } from './clock.js'
import {
  CREATE_VERIFIER_OPTIONS,
  VERIFY_JWT_OPTIONS,
  rejectUnknownOptions,
} from '../jose/option-names.js'
import { OptionsMemo } from './options-memo.js'
import { parseClaims } from './payload.js'
import type {
  Clock,
  CreateVerifierOptions,
  JwtClaims,
  VerifyJwtOptions,
  VerifyJwtResult,
} from './types.js'
import { VerifiedTokenCache, cacheMaxEntries } from './verified-token-cache.js'

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
  const { jwsOptions, claimsOptions } = reusableVerifyOptions(options)

  const parsed = parseCompactJws(token, jwsOptions)
  const resolved = typeof keys === 'function' ? await keys(parsed.header) : keys
  const pending = verifyParsed(parsed, resolved ?? [], jwsOptions)
  if (pending !== undefined) await pending

  const claims = parseClaims(parsed.payload)
  checkClaims(parsed.header, claims, claimsOptions)
  return { header: parsed.header, claims: claims as C }
}

/**
 * Prepares a synchronous JWT verifier: options are checked once, here, and each call does
 * only the per-token work. Resolver functions must be synchronous, and so must the backend:
 * on the Web Crypto backend createVerifier throws `ARGUMENT_INVALID`.
 *
 * With `cache: { maxEntries }`, the verifier keeps the results of successful verifications
 * by token string. A token seen again is checked only against the clock, so it still fails
 * once expired, and the same deeply frozen result is returned. Failures are never cached:
 * anyone can send endless distinct bad tokens, which would evict the good entries, and some
 * failures (`nbf` in the future) stop being failures later.
 * @throws JotError `ARGUMENT_INVALID` or `OPTION_INVALID` at creation; the returned function
 *   throws the codes listed on verifyJwt.
 * @example
 * const verify = createVerifier(publicKey, { issuer: 'https://auth.example.com' })
 * const { claims } = verify(token)
 */
export function createVerifier<C extends JwtClaims = JwtClaims>(
  keys: VerificationKeys,
  options?: CreateVerifierOptions,
): (token: string) => VerifyJwtResult<C> {
  assertVerificationKeys(keys)
  rejectUnknownOptions(options, CREATE_VERIFIER_OPTIONS, 'createVerifier')
  const jwsOptions = prepareJwsOptions(options)
  const claimsOptions = prepareClaimsOptions(options)
  const maxEntries = cacheMaxEntries(options?.cache)
  assertSynchronousBackend('createVerifier')

  function verifyPrepared(token: string): VerifyJwtResult<C> {
    const parsed = parseCompactJws(token, jwsOptions)
    // The cast is sound: the backend was checked to be synchronous at creation, so
    // verifyParsed returns undefined or throws.
    verifyParsed(parsed, keys, jwsOptions) as undefined
    const claims = parseClaims(parsed.payload)
    checkClaims(parsed.header, claims, claimsOptions)
    return { header: parsed.header, claims: claims as C }
  }
  if (maxEntries === undefined) return verifyPrepared

  // NOTE: a cached result stays valid until its token expires or is evicted, even if the key
  // that verified it is later removed from a key list or resolver. The cache belongs to this
  // verifier, whose keys and options are fixed, so no other verifier reads its entries.
  const cache = new VerifiedTokenCache<VerifyJwtResult<C>>(maxEntries)
  return function verifyCached(token: string): VerifyJwtResult<C> {
    const cached = cache.get(token)
    if (cached === undefined) {
      const result = deepFreeze(verifyPrepared(token))
      cache.set(token, result)
      return result
    }
    try {
      checkTimesNow(cached.claims, claimsOptions)
    } catch (error) {
      cache.delete(token)
      throw error
    }
    return cached
  }
}

/** Verification options checked once, reused by verifyJwt calls with the same values. */
interface ReusableVerifyOptions {
  readonly jwsOptions: PreparedJwsOptions
  readonly claimsOptions: PreparedClaimsOptions
}

const verifyOptionsMemo = new OptionsMemo<ReusableVerifyOptions>(new Set())
const systemClock = prepareClock(undefined)
let withoutOptions: ReusableVerifyOptions | undefined

function prepareVerifyOptions(options: VerifyJwtOptions | undefined): ReusableVerifyOptions {
  rejectUnknownOptions(options, VERIFY_JWT_OPTIONS, 'verifyJwt')
  return { jwsOptions: prepareJwsOptions(options), claimsOptions: prepareClaimsOptions(options) }
}

/**
 * Returns verifyJwt's checked options, reused when the same options object comes again with
 * the same values. OptionsMemo explains why values are compared and not only the object.
 * `now` is prepared on every call.
 */
function reusableVerifyOptions(options: VerifyJwtOptions | undefined): ReusableVerifyOptions {
  if (options === undefined) return (withoutOptions ??= prepareVerifyOptions(undefined))
  if (typeof options !== 'object' || options === null) return prepareVerifyOptions(options)
  const hit = verifyOptionsMemo.lookup(options, undefined)
  if (hit !== undefined) {
    if (hit.now === undefined) return hit.prepared
    // The cast is sound: prepareClock checks the value at run time.
    const clock = prepareClock(hit.now as Clock)
    return {
      jwsOptions: hit.prepared.jwsOptions,
      claimsOptions: { ...hit.prepared.claimsOptions, clock },
    }
  }

  const snapshot = verifyOptionsMemo.snapshot(options)
  if (snapshot === undefined) return prepareVerifyOptions(options)
  // The copy contains the caller's option names with the values read from them.
  const prepared = prepareVerifyOptions(snapshot.copy)
  verifyOptionsMemo.remember(options, undefined, snapshot, {
    jwsOptions: prepared.jwsOptions,
    claimsOptions: { ...prepared.claimsOptions, clock: systemClock },
  })
  return prepared
}
