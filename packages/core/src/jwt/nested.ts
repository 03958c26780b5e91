/** Nested JWTs (RFC 7519 section 7.1, step 5): a JWS inside a JWE, made and opened in one call. */
import { JotError } from '../errors.js'
import { utf8Decode } from '../encoding/base64url.js'
import { encryptCompact } from '../jwe/compact-encrypt.js'
import { parseCompactJwe } from '../jwe/compact-parse.js'
import { decryptJwe } from '../jwe/decrypt.js'
import { readHeaderOption } from '../jwe/encrypt-headers.js'
import { assertDecryptionKeys } from '../jwe/key-selection.js'
import { prepareDecryptOptions } from '../jwe/options.js'
import { parseCompactJws, verifyParsed } from '../jws/compact-verify.js'
import { assertVerificationKeys } from '../jws/key-selection.js'
import { prepareJwsOptions } from '../jws/options.js'
import { isJotKey } from '../keys/key.js'
import { isPlainObject } from '../keys/options.js'
import { checkClaims, prepareClaimsOptions } from './claims-check.js'
import { isJwtMediaType } from './decrypt.js'
import type {
  DecryptAndVerifyJwtOptions,
  DecryptAndVerifyJwtResult,
  DecryptAndVerifyKeys,
  SignAndEncryptJwtOptions,
  SignAndEncryptKeys,
} from './encryption-types.js'
import { VERIFY_JWT_OPTIONS, rejectUnknownOptions } from '../jose/option-names.js'
import { parseClaims } from './payload.js'
import { signJwt } from './sign.js'
import type { JwtClaims } from './types.js'

const JWE_OPTIONS: readonly string[] = [
  'enc',
  'zip',
  'pbes2Count',
  'fixedRandomness',
  'encryptionHeader',
]

const DECRYPT_AND_VERIFY_OPTIONS: ReadonlySet<string> = new Set([
  ...[...VERIFY_JWT_OPTIONS].filter(
    (name) => !['algorithms', 'crit', 'maxTokenLength', 'maxKeyCandidates'].includes(name),
  ),
  'decryption',
  'verification',
])

/**
 * Signs the claims as a JWT with one key, then encrypts that JWS to a recipient with another,
 * giving a compact JWE whose protected header has `cty: "JWT"`. The recipient learns both that
 * the issuer signed the claims and that no one else read them.
 *
 * @example
 * const token = await signAndEncryptJwt(
 *   { sub: 'user-1' },
 *   { signingKey: issuerPrivateKey, encryptionKey: recipientPublicKey },
 *   { enc: 'A256GCM', issuer: 'https://auth.example.com', expiresInSec: 900 },
 * )
 * @throws JotError `ARGUMENT_INVALID`, `OPTION_INVALID`, `ALG_NOT_ALLOWED`, `ALG_UNSUPPORTED`
 *   or `KEY_INVALID`.
 */
export async function signAndEncryptJwt(
  claims: JwtClaims,
  keys: SignAndEncryptKeys,
  options: SignAndEncryptJwtOptions,
): Promise<string> {
  if (!isPlainObject(keys) || !isJotKey(keys['signingKey']) || !isJotKey(keys['encryptionKey'])) {
    throw new JotError(
      'ARGUMENT_INVALID',
      'signAndEncryptJwt expects { signingKey, encryptionKey }, both JotKeys.',
    )
  }
  if (!isPlainObject(options)) {
    throw new JotError('OPTION_INVALID', 'signAndEncryptJwt needs options with enc.')
  }
  const signOptions: Record<string, unknown> = Object.fromEntries(
    Object.entries(options).filter(([name]) => !JWE_OPTIONS.includes(name)),
  )
  const header: Record<string, unknown> = {
    ...readHeaderOption(options.encryptionHeader, 'encryptionHeader'),
  }
  if (header['cty'] !== undefined && !isJwtMediaType(header['cty'])) {
    throw new JotError(
      'OPTION_INVALID',
      'The encryptionHeader "cty" of a nested JWT must be "JWT".',
    )
  }
  header['cty'] ??= 'JWT'

  // signOptions contains the caller's options minus the JWE ones, and signJwt rejects the rest.
  const jws = await signJwt(claims, keys.signingKey, signOptions)
  const { enc, zip, pbes2Count, fixedRandomness } = options
  return encryptCompact(jws, keys.encryptionKey, { enc, zip, pbes2Count, fixedRandomness, header })
}

/**
 * Opens a nested JWT: decrypts the JWE with the decryption keys, requires `cty: "JWT"`,
 * verifies the inner JWS with the verification keys, then checks the claims of the inner JWT.
 * Each layer keeps its own limits and allowlists (`decryption`, `verification`); `typ`
 * compares against the inner header. Claims are read only after both layers passed.
 *
 * @example
 * const { claims } = await decryptAndVerifyJwt(
 *   token,
 *   { decryptionKeys: recipientPrivateKey, verificationKeys: issuerPublicKey },
 *   { issuer: 'https://auth.example.com', audience: 'https://api.example.com' },
 * )
 * @throws JotError as decryptJwt, and `SIGNATURE_INVALID` for the inner signature.
 */
export async function decryptAndVerifyJwt<C extends JwtClaims = JwtClaims>(
  token: string,
  keys: DecryptAndVerifyKeys,
  options?: DecryptAndVerifyJwtOptions,
): Promise<DecryptAndVerifyJwtResult<C>> {
  if (!isPlainObject(keys)) {
    throw new JotError(
      'ARGUMENT_INVALID',
      'decryptAndVerifyJwt expects { decryptionKeys, verificationKeys }.',
    )
  }
  assertDecryptionKeys(keys.decryptionKeys)
  assertVerificationKeys(keys.verificationKeys)
  rejectUnknownOptions(options, DECRYPT_AND_VERIFY_OPTIONS, 'decryptAndVerifyJwt')
  const decryptOptions = prepareDecryptOptions(options?.decryption)
  const jwsOptions = prepareJwsOptions(options?.verification)
  const claimsOptions = prepareClaimsOptions(options)

  const parsed = parseCompactJwe(token, decryptOptions.maxTokenLength)
  const decrypted = await decryptJwe(parsed, keys.decryptionKeys, decryptOptions)
  if (!isJwtMediaType(decrypted.header.cty)) {
    throw new JotError(
      'TOKEN_MALFORMED',
      'The JWE does not carry a nested JWT: its header has no cty "JWT".',
    )
  }

  const inner = parseCompactJws(utf8Decode(decrypted.plaintext, 'nested JWT'), jwsOptions)
  const verificationKeys = keys.verificationKeys
  const resolved =
    typeof verificationKeys === 'function' ? await verificationKeys(inner.header) : verificationKeys
  const pending = verifyParsed(inner, resolved ?? [], jwsOptions)
  if (pending !== undefined) await pending

  const claims = parseClaims(inner.payload)
  checkClaims(inner.header, claims, claimsOptions)
  return { header: inner.header, claims: claims as C, encryptionHeader: decrypted.header }
}
