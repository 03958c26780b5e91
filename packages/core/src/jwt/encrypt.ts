/** Encryption of JWTs as compact JWE: encryptJwt. */
import { JotError } from '../errors.js'
import { encryptCompact } from '../jwe/compact-encrypt.js'
import { readHeaderOption } from '../jwe/encrypt-headers.js'
import type { JotKey } from '../keys/key.js'
import type { EncryptJwtOptions } from './encryption-types.js'
import { SIGN_JWT_OPTIONS, rejectUnknownOptions } from '../jose/option-names.js'
import { buildClaims, prepareClaimSetting } from './sign.js'
import type { JwtClaims } from './types.js'

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
  rejectUnknownOptions(options, ENCRYPT_JWT_OPTIONS, 'encryptJwt')
  const header = jwtHeader(options, 'header')
  const payload = JSON.stringify(buildClaims(claims, prepareClaimSetting(options)))
  const { enc, zip, pbes2Count, fixedRandomness } = options
  return encryptCompact(payload, key, { enc, zip, pbes2Count, fixedRandomness, header })
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
