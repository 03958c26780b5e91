/** Decryption of JWTs in compact JWE: decryptJwt. */
import { JotError } from '../errors.js'
import { utf8Decode } from '../encoding/base64url.js'
import { parseJsonObject } from '../encoding/json.js'
import { parseCompactJwe } from '../jwe/compact-parse.js'
import { decryptJwe } from '../jwe/decrypt.js'
import { assertDecryptionKeys } from '../jwe/key-selection.js'
import type { DecryptionKeys } from '../jwe/key-selection.js'
import { prepareDecryptOptions } from '../jwe/options.js'
import type { PreparedDecryptOptions } from '../jwe/options.js'
import { checkClaims, prepareClaimsOptions } from './claims-check.js'
import type { PreparedClaimsOptions } from './claims-check.js'
import { prepareClock } from './clock.js'
import type { DecryptJwtOptions, DecryptJwtResult } from './encryption-types.js'
import { VERIFY_JWT_OPTIONS, rejectUnknownOptions } from '../jose/option-names.js'
import { OptionsMemo } from './options-memo.js'
import type { Clock, JwtClaims } from './types.js'

const DECRYPT_JWT_OPTIONS: ReadonlySet<string> = new Set([
  ...[...VERIFY_JWT_OPTIONS].filter((name) => name !== 'algorithms'),
  'keyManagementAlgorithms',
  'contentEncryptionAlgorithms',
  'maxPbes2Count',
  'maxDecompressedBytes',
])

/**
 * Decrypts a JWT in a compact JWE and checks its claims as verifyJwt does. Checks run in this
 * order: size and structure, header and `crit`, `alg` and `enc` against the allowlists and the
 * key's binding, the key, the decryption, then the claims. A token that both fails to decrypt
 * and has expired fails with `DECRYPTION_FAILED`. A nested JWT (`cty: "JWT"`) is refused:
 * open it with decryptAndVerifyJwt, which also verifies the inner signature.
 *
 * @example
 * const { claims } = await decryptJwt(token, privateKey, { issuer: 'https://auth.example.com' })
 * @throws JotError `ARGUMENT_INVALID`, `OPTION_INVALID`, `INPUT_TOO_LARGE`, `TOKEN_MALFORMED`,
 *   `CRIT_UNSUPPORTED`, `ALG_NOT_ALLOWED`, `ALG_UNSUPPORTED`, `NO_MATCHING_KEY`, `KEY_INVALID`,
 *   `DECRYPTION_FAILED`, `TYP_MISMATCH`, `CLAIM_INVALID`, `TOKEN_EXPIRED`,
 *   `TOKEN_NOT_YET_VALID` or `TOKEN_TOO_OLD`.
 */
export async function decryptJwt<C extends JwtClaims = JwtClaims>(
  token: string,
  keys: DecryptionKeys,
  options?: DecryptJwtOptions,
): Promise<DecryptJwtResult<C>> {
  assertDecryptionKeys(keys)
  const { decryptOptions, claimsOptions } = reusableDecryptOptions(options)

  const parsed = parseCompactJwe(token, decryptOptions.maxTokenLength)
  // Awaiting only a real promise spares the synchronous path a turn of the microtask queue.
  const pending = decryptJwe(parsed, keys, decryptOptions)
  const { header, plaintext } = pending instanceof Promise ? await pending : pending
  if (isJwtMediaType(header.cty)) {
    throw new JotError(
      'TOKEN_MALFORMED',
      'The JWE carries a nested JWT (cty "JWT"); open it with decryptAndVerifyJwt, which verifies its signature.',
    )
  }

  const claims = parseJsonObject(utf8Decode(plaintext, 'payload'), 'payload')
  checkClaims(header, claims, claimsOptions)
  return { header, claims: claims as C }
}

/** decryptJwt's options, checked once: the JWE limits and allowlists, and the claim checks. */
interface ReusableDecryptOptions {
  readonly decryptOptions: PreparedDecryptOptions
  readonly claimsOptions: PreparedClaimsOptions
}

const decryptOptionsMemo = new OptionsMemo<ReusableDecryptOptions>(new Set())
const systemClock = prepareClock(undefined)
let withoutOptions: ReusableDecryptOptions | undefined

function prepareJwtDecryptOptions(options: DecryptJwtOptions | undefined): ReusableDecryptOptions {
  rejectUnknownOptions(options, DECRYPT_JWT_OPTIONS, 'decryptJwt')
  return {
    decryptOptions: prepareDecryptOptions(options),
    claimsOptions: prepareClaimsOptions(options),
  }
}

/**
 * Returns decryptJwt's checked options, reused when the same options object comes again with
 * the same values. OptionsMemo explains why values are compared and not only the object.
 * `now` is prepared on every call.
 */
function reusableDecryptOptions(options: DecryptJwtOptions | undefined): ReusableDecryptOptions {
  if (options === undefined) return (withoutOptions ??= prepareJwtDecryptOptions(undefined))
  if (typeof options !== 'object' || options === null) return prepareJwtDecryptOptions(options)
  const hit = decryptOptionsMemo.lookup(options, undefined)
  if (hit !== undefined) {
    if (hit.now === undefined) return hit.prepared
    // The cast is sound: prepareClock checks the value at run time.
    const clock = prepareClock(hit.now as Clock)
    return { ...hit.prepared, claimsOptions: { ...hit.prepared.claimsOptions, clock } }
  }

  const snapshot = decryptOptionsMemo.snapshot(options)
  if (snapshot === undefined) return prepareJwtDecryptOptions(options)
  // The copy contains the caller's option names with the values read from them.
  const prepared = prepareJwtDecryptOptions(snapshot.copy)
  decryptOptionsMemo.remember(options, undefined, snapshot, {
    ...prepared,
    claimsOptions: { ...prepared.claimsOptions, clock: systemClock },
  })
  return prepared
}

/**
 * Tells whether a `cty` value announces a nested JWT. RFC 7519 section 5.2 recommends "JWT", and
 * RFC 7515 section 4.1.10 compares media types case-insensitively, with or without the
 * "application/" prefix.
 */
export function isJwtMediaType(cty: unknown): boolean {
  if (typeof cty !== 'string') return false
  const lower = cty.toLowerCase()
  return lower === 'jwt' || lower === 'application/jwt'
}
