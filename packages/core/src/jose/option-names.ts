/** Rejection of unknown option names, so a misspelt security option never goes unnoticed. */
import { JotError } from '../errors.js'

// Spellings from other JWT libraries that people carry over. Ignoring `expiresIn` would mint
// tokens that never expire, and ignoring `audiance` would skip the audience check.
const HINTS: Readonly<Record<string, string>> = {
  expiresIn: 'expiresInSec (seconds)',
  notBefore: 'notBeforeSec (seconds)',
  clockTolerance: 'clockToleranceSec (seconds)',
  maxTokenAge: 'maxAgeSec (seconds)',
  maxAge: 'maxAgeSec (seconds)',
  currentDate: 'now (seconds since the epoch)',
  clockTimestamp: 'now (seconds since the epoch)',
  keyid: 'kid',
  keyId: 'kid',
  jwtid: 'jwtId',
  algorithm: 'nothing: the key determines the algorithm',
  ignoreExpiration: 'nothing: exp is always checked when present',
  audiance: 'audience',
}

/**
 * Checks that an options object is absent or a plain object whose names are all known.
 * @throws JotError `OPTION_INVALID`.
 */
export function rejectUnknownOptions(
  options: unknown,
  known: ReadonlySet<string>,
  fn: string,
): void {
  if (options === undefined) return
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new JotError('OPTION_INVALID', `The options of ${fn} must be an object.`)
  }
  for (const name in options) {
    if (known.has(name)) continue
    const hint = Object.hasOwn(HINTS, name) ? ` Use ${HINTS[name]}.` : ''
    throw new JotError('OPTION_INVALID', `${fn} has no option "${name.slice(0, 40)}".${hint}`)
  }
}

/** Names of the options verifyJwt accepts. */
export const VERIFY_JWT_OPTIONS: ReadonlySet<string> = new Set([
  'algorithms',
  'crit',
  'maxTokenLength',
  'maxKeyCandidates',
  'issuer',
  'audience',
  'subject',
  'typ',
  'clockToleranceSec',
  'maxAgeSec',
  'requiredClaims',
  'now',
])

/** Names of the options createVerifier accepts: those of verifyJwt and its token cache. */
export const CREATE_VERIFIER_OPTIONS: ReadonlySet<string> = new Set([
  ...VERIFY_JWT_OPTIONS,
  'cache',
])

/** Names of the options verifyCompact accepts. */
export const VERIFY_COMPACT_OPTIONS: ReadonlySet<string> = new Set([
  'algorithms',
  'crit',
  'maxTokenLength',
  'maxKeyCandidates',
  'detachedPayload',
])

/** Names of the options verifyJson accepts. */
export const VERIFY_JSON_OPTIONS: ReadonlySet<string> = new Set([
  ...VERIFY_COMPACT_OPTIONS,
  'maxSignatures',
])

/** Names of the options decryptCompact and decryptJson accept. */
export const DECRYPT_OPTIONS: ReadonlySet<string> = new Set([
  'keyManagementAlgorithms',
  'contentEncryptionAlgorithms',
  'crit',
  'maxTokenLength',
  'maxKeyCandidates',
  'maxPbes2Count',
  'maxDecompressedBytes',
  'returnContentEncryptionKey',
])

/** Names of the options signJwt and createSigner accept. */
export const SIGN_JWT_OPTIONS: ReadonlySet<string> = new Set([
  'expiresInSec',
  'notBeforeSec',
  'issuedAt',
  'issuer',
  'audience',
  'subject',
  'jwtId',
  'typ',
  'kid',
  'header',
  'now',
])
