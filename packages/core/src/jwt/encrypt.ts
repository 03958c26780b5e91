/** Encryption of JWTs as compact JWE: encryptJwt. */
import { JotError } from '../errors.js'
import { utf8Encode } from '../encoding/base64url.js'
import { encryptCompactPrepared, prepareCompactEncryption } from '../jwe/compact-encrypt.js'
import type { PreparedEncryption } from '../jwe/encrypt.js'
import { readHeaderOption } from '../jwe/encrypt-headers.js'
import type { JotKey } from '../keys/key.js'
import { prepareClock } from './clock.js'
import type { EncryptJwtOptions } from './encryption-types.js'
import { SIGN_JWT_OPTIONS, rejectUnknownOptions } from '../jose/option-names.js'
import { OptionsMemo } from './options-memo.js'
import { buildClaims, prepareClaimSetting } from './sign.js'
import type { PreparedClaimSetting } from './sign.js'
import type { Clock, JwtClaims } from './types.js'

/** Names of the options encryptJwt accepts. */
const ENCRYPT_JWT_OPTIONS: ReadonlySet<string> = new Set([
  ...SIGN_JWT_OPTIONS,
  'enc',
  'zip',
  'pbes2Count',
  'fixedRandomness',
])

/**
 * Encrypts a JWT as a compact JWE (RFC 7519 section 7.1): the claims, with those the options
 * set, become the JWE plaintext. The claims are encrypted but not signed, so anyone holding
 * the recipient's public key could have made the token. Use signAndEncryptJwt when the
 * recipient must know who issued it.
 *
 * @example
 * const token = await encryptJwt({ sub: 'user-1' }, recipientPublicKey, {
 *   enc: 'A256GCM',
 *   issuer: 'https://auth.example.com',
 *   expiresInSec: 900,
 * })
 * @throws JotError `ARGUMENT_INVALID`, `OPTION_INVALID`, `ALG_NOT_ALLOWED` or `KEY_INVALID`.
 */
export async function encryptJwt(
  claims: JwtClaims,
  key: JotKey,
  options: EncryptJwtOptions,
): Promise<string> {
  if (options === undefined) {
    throw new JotError(
      'OPTION_INVALID',
      'encryptJwt needs options with enc, such as { enc: "A256GCM" }.',
    )
  }
  const prepared = reusableEncryption(options)
  const payload = utf8Encode(JSON.stringify(buildClaims(claims, prepared.claimSetting)))
  const pending = encryptCompactPrepared(payload, key, prepared.encryption)
  // Awaiting only a real promise spares the synchronous path a turn of the microtask queue.
  return pending instanceof Promise ? await pending : pending
}

/** encryptJwt's options, checked once: the claims they set and the JWE encryption. */
interface PreparedJwtEncryption {
  readonly claimSetting: PreparedClaimSetting
  readonly encryption: PreparedEncryption
}

function prepareJwtEncryption(options: EncryptJwtOptions): PreparedJwtEncryption {
  rejectUnknownOptions(options, ENCRYPT_JWT_OPTIONS, 'encryptJwt')
  const header = jwtHeader(options, 'header')
  const claimSetting = prepareClaimSetting(options)
  return { claimSetting, encryption: prepareCompactEncryption(header, options) }
}

// Not bound to a key: the prepared encryption checks the key on every call and reuses its
// encoded header only for the key it was made for.
const encryptionMemo = new OptionsMemo<PreparedJwtEncryption>(new Set(['header']))
const systemClock = prepareClock(undefined)

/**
 * Returns encryptJwt's checked options, reused when the same options object comes again with
 * the same values. OptionsMemo explains why values are compared and not only the object. `now`
 * is prepared on every call. Options with `fixedRandomness` are checked on every call, since
 * an object of keys and bytes cannot be compared by value.
 */
function reusableEncryption(options: EncryptJwtOptions): PreparedJwtEncryption {
  if (typeof options !== 'object' || options === null) return prepareJwtEncryption(options)
  const hit = encryptionMemo.lookup(options, undefined)
  if (hit !== undefined) {
    if (hit.now === undefined) return hit.prepared
    // The cast is sound: prepareClock checks the value at run time.
    const clock = prepareClock(hit.now as Clock)
    return { ...hit.prepared, claimSetting: { ...hit.prepared.claimSetting, clock } }
  }

  const snapshot = encryptionMemo.snapshot(options)
  if (snapshot === undefined) return prepareJwtEncryption(options)
  // The copy contains the caller's option names with the values read from them, and the
  // cast is sound because prepareJwtEncryption checks every one.
  const prepared = prepareJwtEncryption(snapshot.copy as unknown as EncryptJwtOptions)
  encryptionMemo.remember(options, undefined, snapshot, {
    ...prepared,
    claimSetting: { ...prepared.claimSetting, clock: systemClock },
  })
  return prepared
}

/**
 * Builds the protected header parameters a JWT adds: `typ` (default "JWT") and `kid`.
 * @throws JotError `OPTION_INVALID`.
 */
export function jwtHeader(
  options: { readonly typ?: unknown; readonly kid?: unknown; readonly header?: unknown },
  name: string,
): Record<string, unknown> {
  const header: Record<string, unknown> = { ...readHeaderOption(options.header, name) }
  for (const member of ['typ', 'kid'] as const) {
    const value = options[member]
    if (value === undefined) continue
    if (header[member] !== undefined) {
      throw new JotError(
        'OPTION_INVALID',
        `The header parameter "${member}" is set both as an option and in "${name}"; set it once.`,
      )
    }
    if (typeof value !== 'string' || value === '') {
      throw new JotError('OPTION_INVALID', `The "${member}" option must be a non-empty string.`)
    }
    header[member] = value
  }
  header['typ'] ??= 'JWT'
  return header
}
